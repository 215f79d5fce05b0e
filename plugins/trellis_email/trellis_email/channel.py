"""The `email` channel type: one message over SMTP (plain, STARTTLS or implicit SSL).

The mail is multipart/alternative (the text, plus the HTML when the message has one); the
HTML's `data:image/...;base64` images (a dashboard's charts) go as inline parts beside it
(multipart/related, referenced by cid:), since mail clients do not show `data:` images. Subject, From and To are encoded for any language (RFC 2047 words; an address outside
ASCII goes out with SMTPUTF8 when the server offers it). `Message-ID` is derived from
the delivery's idempotency key, so a retry after a lost answer carries the same id (a
receiving system or the recipient's client can tell it is the same mail), and the key
itself travels in `X-Trellis-Key`.

Failures: no connection, a timeout, a dropped connection or a 4xx reply are transient
(retried); a 5xx reply (unknown recipient, refused credentials), a refused certificate or
an unusable configuration are permanent. No message names the password.
"""
from __future__ import annotations

import base64
import hashlib
import re
import smtplib
import socket
import ssl
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from trellis.notify.channel import Channel
from trellis.notify.errors import PermanentError, TransientError
from trellis.notify.http import scrub
from trellis.notify.provider import required
from trellis.notify.sent import Sent

DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
WHO = ("邮件", "email")


class EmailChannel(Channel):
    type = "email"
    label = {"zh": "邮件(SMTP)", "en": "Email (SMTP)"}
    address = "email"
    config_schema = {
        "type": "object",
        "title": "邮件服务器 / Mail server",
        "properties": {
            "host": {"type": "string", "minLength": 1, "title": "SMTP 服务器 / SMTP host"},
            "port": {"type": "integer", "minimum": 1, "maximum": 65535,
                     "title": "端口 / Port", "description": "默认 25 / 587 / 465 (by security)"},
            "security": {"type": "string", "enum": ["none", "starttls", "ssl"], "default": "starttls",
                         "title": "加密方式 / Security"},
            "username": {"type": "string", "title": "用户名 / Username"},
            "password": {"type": "string", "writeOnly": True, "title": "密码或授权码 / Password or app code"},
            "from_address": {"type": "string", "format": "email", "minLength": 3,
                             "title": "发件地址 / From address"},
            "from_name": {"type": "string", "title": "发件人名称 / From name"},
            "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 300,
                        "title": "超时(秒) / Timeout (seconds)"},
            "verify": {"type": "boolean", "default": True, "title": "校验服务器证书 / Verify the certificate"},
            "ca_file": {"type": "string", "title": "CA 证书文件 / CA file (PEM path on the server)"},
            "ca_pem": {"type": "string", "title": "CA 证书(PEM 文本) / CA certificate (PEM text)"},
        },
        "required": ["host", "from_address"],
        "additionalProperties": False,
    }

    def send(self, config, message, ctx) -> Sent:
        host = required(config, "host", "SMTP 服务器", "SMTP host", WHO)
        sender = required(config, "from_address", "发件地址", "from address", WHO)
        security = config.get("security") or "starttls"
        if security not in DEFAULT_PORTS:
            raise PermanentError(f"邮件渠道配置的加密方式无效:{security} / the email channel's security is invalid: {security}")
        if not message.to:
            raise PermanentError("收件人没有邮箱地址 / the recipient has no email address")
        port = int(config.get("port") or DEFAULT_PORTS[security])
        timeout = float(config.get("timeout") or ctx.timeout or 10)
        secrets = [config.get("password") or ""]
        mail = build_mail(config, message, ctx)
        where = f"{host}:{port}"
        try:
            tls = _tls_context(config) if security != "none" else None
            smtp = (smtplib.SMTP_SSL(host, port, timeout=timeout, context=tls) if security == "ssl"
                    else smtplib.SMTP(host, port, timeout=timeout))
            with smtp:
                smtp.ehlo()
                if security == "starttls":
                    if not smtp.has_extn("starttls"):
                        raise PermanentError(f"邮件服务器 {where} 不支持 STARTTLS / the mail server {where} does not offer STARTTLS")
                    smtp.starttls(context=tls)
                    smtp.ehlo()
                if config.get("username"):
                    _login(smtp, config["username"], config.get("password") or "")
                code, reply = _transmit(smtp, sender, message.to, mail)
        except (PermanentError, TransientError) as e:
            raise type(e)(scrub(str(e), secrets), scrub(e.answer, secrets)) from None
        except smtplib.SMTPAuthenticationError as e:
            text = scrub(_reply(e.smtp_code, e.smtp_error), secrets)
            raise PermanentError(f"邮件服务器拒绝了用户名或密码:{text} / the mail server refused the credentials: {text}",
                                 text) from None
        except smtplib.SMTPRecipientsRefused as e:
            code, reply = next(iter(e.recipients.values()), (550, b""))
            raise _classified(code, reply, "收件人被拒绝", "the recipient was refused", secrets) from None
        except smtplib.SMTPResponseException as e:  # sender refused, data refused, connect refused, ...
            raise _classified(e.smtp_code, e.smtp_error, "邮件被拒绝", "the mail was refused", secrets) from None
        except smtplib.SMTPNotSupportedError as e:
            text = scrub(str(e), secrets)
            raise PermanentError(f"邮件服务器 {where} 不支持所需功能:{text} / the mail server {where} lacks a needed feature: {text}") from None
        except ssl.SSLCertVerificationError as e:
            raise PermanentError(f"邮件服务器 {where} 的证书未通过校验:{e.verify_message} / "
                                 f"the certificate of the mail server {where} was refused: {e.verify_message}") from None
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPException) as e:
            if isinstance(e.__context__, (TimeoutError, socket.timeout)):  # smtplib wraps a read timeout
                raise TransientError(f"邮件服务器 {where} 在 {timeout:g} 秒内没有应答 / "
                                     f"the mail server {where} did not answer within {timeout:g} s") from None
            text = scrub(str(e) or type(e).__name__, secrets)
            raise TransientError(f"与邮件服务器 {where} 的连接中断:{text} / the connection to the mail server {where} broke: {text}") from None
        except (TimeoutError, socket.timeout):
            raise TransientError(f"邮件服务器 {where} 在 {timeout:g} 秒内没有应答 / "
                                 f"the mail server {where} did not answer within {timeout:g} s") from None
        except ConnectionRefusedError:
            raise TransientError(f"无法连接邮件服务器 {where}:连接被拒绝 / cannot reach the mail server {where}: connection refused") from None
        except OSError as e:  # DNS, unreachable network, TLS handshake broken off ...
            text = scrub(f"{type(e).__name__}: {e}", secrets)
            raise TransientError(f"无法连接邮件服务器 {where}:{text} / cannot reach the mail server {where}: {text}") from None
        answer = scrub(_reply(code, reply), secrets)
        return Sent(answer=answer, provider_id=mail["Message-ID"])


def build_mail(config: dict, message, ctx) -> EmailMessage:
    """The mail for `message`: headers encoded for any language, text and HTML parts."""
    mail = EmailMessage()
    sender = config["from_address"].strip()
    mail["From"] = _address(config.get("from_name"), sender, "发件地址无效", "the from address is invalid")
    mail["To"] = _address((message.recipient or {}).get("name"), message.to.strip(),
                          "收件人邮箱无效", "the recipient's email address is invalid")
    mail["Subject"] = " ".join((message.subject or "").split()) or "(无主题 / no subject)"
    mail["Message-ID"] = message_id(message.key, sender)
    mail["X-Trellis-Key"] = message.key
    now = getattr(ctx, "now", None)
    if now is not None and getattr(now, "tzinfo", None) is not None:
        mail["Date"] = format_datetime(now)
    else:
        mail["Date"] = format_datetime(datetime.now().astimezone())
    mail.set_content(message.text or "", charset="utf-8", cte="base64")  # 7-bit safe for any server
    if message.html:
        html, images = inline_images(message.html, message.key)
        mail.add_alternative(html, subtype="html", charset="utf-8", cte="base64")
        if images:
            part = mail.get_payload()[-1]
            for cid, subtype, data in images:
                part.add_related(data, maintype="image", subtype=subtype, cid=f"<{cid}>",
                                 filename=f"{cid.split('.')[0]}.{subtype}", disposition="inline")
    return mail


DATA_IMAGE = re.compile(r"""(src\s*=\s*["'])data:image/(png|jpeg|gif);base64,([A-Za-z0-9+/=\s]+)(["'])""")


def inline_images(html: str, key: str) -> tuple[str, list]:
    """The HTML with its `data:` images as `cid:` references, and the images [(cid, subtype,
    bytes)]; the cids follow from the delivery's key, the same on every retry."""
    images: list = []
    seed = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]

    def swap(m):
        try:
            data = base64.b64decode("".join(m.group(3).split()), validate=True)
        except ValueError:
            return m.group(0)
        cid = f"image{len(images) + 1}.{seed}@trellis"
        images.append((cid, m.group(2), data))
        return f"{m.group(1)}cid:{cid}{m.group(4)}"

    return DATA_IMAGE.sub(swap, html), images


def message_id(key: str, sender: str) -> str:
    """`<trellis.<40 hex of the key's SHA-256>@<sender's domain>>`: the same on every retry."""
    domain = sender.rpartition("@")[2].strip() or "trellis.invalid"
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        domain = "trellis.invalid"
    return f"<trellis.{hashlib.sha256(key.encode('utf-8')).hexdigest()[:40]}@{domain}>"


def _transmit(smtp: smtplib.SMTP, sender: str, to: str, mail: EmailMessage):
    """MAIL, RCPT and DATA; the server's final reply (code, text)."""
    options: list[str] = []
    policy = mail.policy
    if not (sender.isascii() and to.isascii()):
        if not smtp.has_extn("smtputf8"):
            raise PermanentError(f"邮件服务器不支持非 ASCII 地址(SMTPUTF8):{to} / "
                                 f"the mail server does not accept non-ASCII addresses (SMTPUTF8): {to}")
        options = ["SMTPUTF8", "BODY=8BITMIME"]
        policy = policy.clone(utf8=True)
    payload = mail.as_bytes(policy=policy.clone(linesep="\r\n"))
    code, reply = smtp.mail(sender, options)
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.rcpt(to)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({to: (code, reply)})
    code, reply = smtp.data(payload)
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
    return code, reply


def _address(name, spec: str, zh: str, en: str) -> Address:
    """An address from its parts (a local part outside ASCII is kept, for SMTPUTF8)."""
    user, at, domain = spec.rpartition("@")
    if not at or not user or not domain or any(c.isspace() or c in '<>,;"()[]\\' for c in spec):
        raise PermanentError(f"{zh}:{spec} / {en}: {spec}")
    try:
        return Address(display_name=" ".join(str(name or "").split()), username=user, domain=domain)
    except (ValueError, IndexError):
        raise PermanentError(f"{zh}:{spec} / {en}: {spec}") from None


def _login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """smtplib's login; AUTH PLAIN in UTF-8 (RFC 4616) when a credential is not ASCII,
    which smtplib cannot encode."""
    if username.isascii() and password.isascii():
        smtp.login(username, password)
        return
    if not smtp.has_extn("auth") or "PLAIN" not in smtp.esmtp_features.get("auth", "").upper().split():
        raise smtplib.SMTPNotSupportedError("AUTH PLAIN (UTF-8 credentials)")
    token = base64.b64encode(b"\0" + username.encode("utf-8") + b"\0" + password.encode("utf-8")).decode("ascii")
    code, reply = smtp.docmd("AUTH", "PLAIN " + token)
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, reply)


def _classified(code: int, reply, zh: str, en: str, secrets) -> Exception:
    text = scrub(_reply(code, reply), secrets)
    cls = TransientError if 400 <= int(code or 0) < 500 or code == -1 else PermanentError
    return cls(f"{zh}:{text} / {en}: {text}", text)


def _reply(code, reply) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", errors="replace")
    return f"{code} {reply}".strip()


def _tls_context(config: dict) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if config.get("ca_file") or config.get("ca_pem"):
        try:
            context.load_verify_locations(cafile=config.get("ca_file") or None, cadata=config.get("ca_pem") or None)
        except (OSError, ssl.SSLError, ValueError) as e:
            raise PermanentError(f"无法读取 CA 证书:{type(e).__name__} / the CA certificate cannot be read: {type(e).__name__}") from None
    if config.get("verify") is False:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context
