"""One HTTP call to a provider, for the channels that speak HTTP (sms, wecom, dingtalk,
webhook), with the standard library only.

`call(ctx, method, url, ...)` answers a `Reply` (status, headers, text, latency_ms) for
every HTTP answer, 4xx and 5xx included (the channel classifies them), and raises
`TransientError` when the provider cannot be reached or does not answer in time
(`ctx.timeout` seconds), `PermanentError` when the URL itself is unusable or the server's
certificate is refused. Redirects are not followed (a provider's API does not redirect; a
redirect is answered as its 3xx status). Messages name the host only, never the path or
query, which may carry a token.

`scrub(text, secrets)` blanks secret values out of a text before it is raised or kept as
an answer; `dig(data, "a.b.0.c")` reads a dotted path out of a JSON answer.
"""
from __future__ import annotations

import http.client
import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import NamedTuple

from .errors import PermanentError, TransientError

MAX_ANSWER = 1_000_000  # bytes of an answer read at most


class Reply(NamedTuple):
    status: int
    headers: dict          # lower-cased names
    text: str
    latency_ms: int

    def json(self):
        """The answer as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.text)
        except ValueError:
            return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # answered as the 3xx itself (an HTTPError below)


_opener = urllib.request.build_opener(_NoRedirect)


def call(ctx, method: str, url: str, *, headers: dict | None = None, body: bytes | str | None = None,
         timeout: float | None = None, secrets=()) -> Reply:
    """Send one request; the provider's answer whatever its status (see the module doc)."""
    where = _where(url)
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):  # never file://, ftp://
        raise PermanentError(f"地址无效(只接受 http/https):{where} / invalid URL (http or https only): {where}")
    if isinstance(body, str):
        body = body.encode("utf-8")
    for name, value in (headers or {}).items():
        try:
            str(name).encode("ascii")
            str(value).encode("latin-1")
        except UnicodeEncodeError:
            raise PermanentError(f"请求头 {name} 含有无法发送的字符(只能用 ASCII) / "
                                 f"the header {name} holds characters HTTP cannot carry (ASCII only)") from None
    try:
        req = urllib.request.Request(url, data=body, method=method.upper(), headers=dict(headers or {}))
    except ValueError:
        raise PermanentError(f"地址无效:{where} / invalid URL: {where}") from None
    seconds = float(timeout if timeout is not None else getattr(ctx, "timeout", 10.0) or 10.0)
    start = time.monotonic()
    try:
        try:
            resp = _opener.open(req, timeout=seconds)
        except urllib.error.HTTPError as e:  # 3xx, 4xx, 5xx: an answer all the same
            resp = e
        with resp:
            raw = resp.read(MAX_ANSWER)
            status = getattr(resp, "status", None) or resp.code
            answer_headers = {k.lower(): v for k, v in resp.headers.items()}
    except ssl.SSLCertVerificationError as e:
        raise PermanentError(scrub(f"{where} 的证书未通过校验:{e.verify_message} / "
                                   f"the certificate of {where} was refused: {e.verify_message}", secrets)) from None
    except (TimeoutError, socket.timeout):
        raise TransientError(f"{where} 在 {seconds:g} 秒内没有应答 / {where} did not answer within {seconds:g} s") from None
    except urllib.error.URLError as e:
        reason = e.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise TransientError(f"{where} 在 {seconds:g} 秒内没有应答 / {where} did not answer within {seconds:g} s") from None
        if isinstance(reason, ssl.SSLCertVerificationError):
            raise PermanentError(f"{where} 的证书未通过校验:{reason.verify_message} / "
                                 f"the certificate of {where} was refused: {reason.verify_message}") from None
        if isinstance(reason, str) and reason.startswith("unknown url type"):
            raise PermanentError(f"地址无效:{where} / invalid URL: {where}") from None
        text = scrub(_reason(reason), secrets)
        raise TransientError(f"无法连接 {where}:{text} / cannot reach {where}: {text}") from None
    except (OSError, http.client.HTTPException, ValueError) as e:  # reset while reading, bad status line ...
        text = scrub(_reason(e), secrets)
        raise TransientError(f"与 {where} 的连接中断:{text} / the connection to {where} failed: {text}") from None
    latency = int((time.monotonic() - start) * 1000)
    charset = _charset(answer_headers.get("content-type", ""))
    text = raw.decode(charset, errors="replace")
    return Reply(status, answer_headers, scrub(text, secrets), latency)


def scrub(text: str, secrets) -> str:
    """`text` with every non-empty secret (and its URL-encoded form) replaced by ***."""
    for secret in secrets or ():
        if secret and isinstance(secret, str) and len(secret) >= 3:
            for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
                text = text.replace(form, "***")
    return text


def dig(data, path: str):
    """The value at a dotted path ("Response.SendStatusSet.0.Code") of parsed JSON, or None."""
    for part in [p for p in str(path or "").split(".") if p != ""]:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.lstrip("-").isdigit() and -len(data) <= int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _where(url: str) -> str:
    try:
        parts = urllib.parse.urlsplit(url)
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}" if parts.netloc else "?"
    except ValueError:
        return "?"


def _reason(reason) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "连接被拒绝 (connection refused)"
    if isinstance(reason, BaseException):
        return f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__
    return str(reason)


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            value = value.strip('"')
            try:
                "".encode(value)
                return value
            except LookupError:
                break
    return "utf-8"
