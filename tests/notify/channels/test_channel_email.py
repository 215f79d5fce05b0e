"""The email channel against a real SMTP server (aiosmtpd) on loopback: plain, STARTTLS and
implicit SSL (verifying a certificate issued by a CA generated here), login, the mail's
headers and parts as received, and how refusals and an absent server are classified."""
from __future__ import annotations

import email
import email.policy
import hashlib
import socket
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from trellis.notify.errors import PermanentError, TransientError
from trellis_email import EmailChannel
from trellis_email.channel import message_id

PASSWORD = "s3cret-授权码-9x"


class Mailbox:
    """An aiosmtpd handler keeping what arrived; refuses nobody@ (550) and later@ (451)."""

    def __init__(self):
        self.mails: list = []
        self.logins: list = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        if address.startswith("later@"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 2.0.0 Ok: queued as 4XyZ9"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append(auth_data.login)
        ok = auth_data.login == b"robot@example.cn" and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok, handled=False)  # not handled: the server answers 535


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(**kwargs):
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port(), authenticator=box.authenticate, **kwargs)
    controller.start()
    try:
        yield box, controller.port
    finally:
        controller.stop()


def _config(port, **over):
    config = {"host": "127.0.0.1", "port": port, "security": "none", "from_address": "robot@example.cn",
              "from_name": "Trellis 通知", "timeout": 5}
    config.update(over)
    return config


def _parsed(raw: bytes):
    return email.message_from_bytes(raw, policy=email.policy.default)


def test_plain_mail_arrives_with_encoded_headers_and_both_parts(ctx, message):
    with smtp_server(auth_require_tls=False) as (box, port):
        msg = message()
        sent = EmailChannel().send(_config(port), msg, ctx)
    assert sent.answer == "250 2.0.0 Ok: queued as 4XyZ9"
    (mail_from, rcpts, raw), = box.mails
    assert mail_from == "robot@example.cn" and rcpts == ["li.lei@example.cn"]
    assert raw.isascii()                                        # encoded words, not raw UTF-8
    mail = _parsed(raw)
    assert mail["Subject"] == "保证金追加通知 Margin call"
    assert mail["From"].addresses[0].display_name == "Trellis 通知"
    assert mail["From"].addresses[0].addr_spec == "robot@example.cn"
    assert mail["To"].addresses[0].display_name == "李雷" and mail["To"].addresses[0].addr_spec == "li.lei@example.cn"
    expected_id = f"<trellis.{hashlib.sha256(msg.key.encode()).hexdigest()[:40]}@example.cn>"
    assert mail["Message-ID"] == expected_id == sent.provider_id
    assert mail["X-Trellis-Key"] == msg.key and mail["Date"]
    assert mail.get_content_type() == "multipart/alternative"
    parts = {p.get_content_type(): p.get_content() for p in mail.iter_parts()}
    assert parts["text/plain"].rstrip("\n") == msg.text
    assert parts["text/html"].rstrip("\n") == msg.html


def test_text_only_and_retry_keeps_the_message_id(ctx, message):
    with smtp_server(auth_require_tls=False) as (box, port):
        msg = message(html=None)
        EmailChannel().send(_config(port), msg, ctx)
        EmailChannel().send(_config(port), msg, ctx)                       # a retry: same key
        EmailChannel().send(_config(port), message(key="m43:user:7:email", html=None), ctx)
    ids = [_parsed(raw)["Message-ID"] for _, _, raw in box.mails]
    assert ids[0] == ids[1] != ids[2]
    mail = _parsed(box.mails[0][2])
    assert mail.get_content_type() == "text/plain" and mail.get_content().rstrip("\n") == msg.text
    assert message_id("a:b:c", "x@例子.cn") == message_id("a:b:c", "y@例子.cn").replace("y@", "x@")


def test_starttls_with_login_verifies_the_server_certificate(ctx, message, certs):
    with smtp_server(tls_context=certs.server_context(), require_starttls=True) as (box, port):
        config = _config(port, security="starttls", username="robot@example.cn", password=PASSWORD,
                         ca_pem=certs.ca_pem)
        EmailChannel().send(config, message(), ctx)
        assert box.logins == [b"robot@example.cn"] and len(box.mails) == 1
        # without trusting the generated CA the certificate is refused: permanent, no mail
        with pytest.raises(PermanentError) as refused:
            EmailChannel().send(_config(port, security="starttls"), message(), ctx)
        assert "证书" in str(refused.value) and "certificate" in str(refused.value)
        assert len(box.mails) == 1
        # a server that insists on STARTTLS refuses a plain session's mail: permanent (530)
        with pytest.raises(PermanentError):
            EmailChannel().send(_config(port), message(), ctx)


def test_implicit_ssl_with_a_ca_file(ctx, message, certs):
    with smtp_server(ssl_context=certs.server_context(), auth_require_tls=False) as (box, port):
        config = _config(port, security="ssl", username="robot@example.cn", password=PASSWORD,
                         ca_file=str(certs.ca_file))
        sent = EmailChannel().send(config, message(to="han.meimei@example.cn"), ctx)
        assert sent.answer.startswith("250") and box.mails[0][1] == ["han.meimei@example.cn"]
        # verification off (verify: false) also connects, for a server with a private certificate
        EmailChannel().send(_config(port, security="ssl", verify=False), message(), ctx)
        assert len(box.mails) == 2


def test_refused_credentials_are_permanent_and_never_show_the_password(ctx, message, certs):
    with smtp_server(tls_context=certs.server_context()) as (box, port):
        config = _config(port, security="starttls", username="robot@example.cn", password="wrong-" + PASSWORD,
                         ca_pem=certs.ca_pem)
        with pytest.raises(PermanentError) as refused:
            EmailChannel().send(config, message(), ctx)
    text = str(refused.value) + refused.value.answer
    assert "535" in text and "用户名或密码" in text and "credentials" in text
    assert PASSWORD not in text and "wrong-" not in text
    assert box.mails == []


def test_recipient_refusals_are_classified_by_their_code(ctx, message):
    with smtp_server(auth_require_tls=False) as (box, port):
        with pytest.raises(PermanentError) as bad:
            EmailChannel().send(_config(port), message(to="nobody@example.cn"), ctx)
        with pytest.raises(TransientError) as busy:
            EmailChannel().send(_config(port), message(to="later@example.cn"), ctx)
    assert "550" in str(bad.value) and "收件人被拒绝" in str(bad.value) and "recipient was refused" in str(bad.value)
    assert bad.value.answer.startswith("550 5.1.1")
    assert "451" in str(busy.value)
    assert box.mails == []


def test_no_server_is_transient_and_bad_settings_permanent(ctx, message):
    port = _free_port()  # nothing listens there
    with pytest.raises(TransientError) as refused:
        EmailChannel().send(_config(port, password=PASSWORD, username="u"), message(), ctx)
    assert "连接被拒绝" in str(refused.value) and "connection refused" in str(refused.value)
    assert PASSWORD not in str(refused.value)
    with pytest.raises(PermanentError) as missing:
        EmailChannel().send({"host": "127.0.0.1", "port": port}, message(), ctx)
    assert "from_address" in str(missing.value)
    with pytest.raises(PermanentError) as no_address:
        EmailChannel().send(_config(port), message(to=None), ctx)
    assert "邮箱" in str(no_address.value)


def test_a_silent_server_times_out_as_transient(ctx, message):
    with socket.socket() as listener:  # accepts the connection, never greets
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        config = _config(listener.getsockname()[1], timeout=0.5)
        with pytest.raises(TransientError) as slow:
            EmailChannel().send(config, message(), ctx)
    assert "0.5" in str(slow.value) and "did not answer" in str(slow.value)


def test_schema_marks_the_password_write_only():
    schema = EmailChannel.describe()["config_schema"]
    assert schema["properties"]["password"]["writeOnly"] is True
    assert set(schema["required"]) == {"host", "from_address"}
    assert EmailChannel.address == "email" and EmailChannel.label["zh"] and EmailChannel.label["en"]
    import jsonschema
    jsonschema.Draft202012Validator.check_schema(schema)


def test_a_chinese_address_goes_out_with_smtputf8(ctx, message):
    with smtp_server(auth_require_tls=False, enable_SMTPUTF8=True) as (box, port):
        EmailChannel().send(_config(port), message(to="张三@例子.中国"), ctx)
    (_, rcpts, raw), = box.mails
    assert rcpts == ["张三@例子.中国"]
    mail = email.message_from_string(raw.decode("utf-8"), policy=email.policy.default)  # raw UTF-8 headers
    assert mail["To"].addresses[0].addr_spec == "张三@例子.中国" and mail["Subject"] == "保证金追加通知 Margin call"
    with smtp_server(auth_require_tls=False, enable_SMTPUTF8=False) as (box, port):
        with pytest.raises(PermanentError) as refused:
            EmailChannel().send(_config(port), message(to="张三@例子.中国"), ctx)
    assert "SMTPUTF8" in str(refused.value) and box.mails == []
