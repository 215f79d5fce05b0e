"""What the channels calling a provider share beside the HTTP call (http.py): the time a
send happens at, a required setting, a value of a URL's query, text cut to a byte limit, a
header value, a JSON POST whose HTTP failure is classified, and an access token kept in the
channel's cache until shortly before it expires (WeCom's and DingTalk's `gettoken`).
Messages name the provider (`who`: zh, en) and never carry a secret."""
from __future__ import annotations

import hashlib
import json
import time
import urllib.parse

from .errors import PermanentError, TransientError
from .http import call, scrub

TOKEN_MARGIN = 300  # seconds before expiry a token is fetched again


def epoch(ctx) -> float:
    """The send's time in Unix seconds (the runtime's clock, else the real one)."""
    now = getattr(ctx, "now", None)
    return now.timestamp() if hasattr(now, "timestamp") else time.time()


def required(config: dict, name: str, zh: str, en: str, who: tuple[str, str]) -> str:
    value = config.get(name)
    if not isinstance(value, str) or not value.strip():
        raise PermanentError(f"{who[0]}渠道缺少配置项 {name}({zh}) / the {who[1]} channel's setting {name} ({en}) "
                             "is missing")
    return value.strip()


def query_value(url: str, name: str) -> str:
    try:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get(name, [""])[0]
    except ValueError:
        return ""


def cut_bytes(text: str, limit: int) -> str:
    """`text` within `limit` UTF-8 bytes (cut on a character boundary, ending in …)."""
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit - 3].decode("utf-8", errors="ignore") + "…"


def header_value(value: str) -> str:
    """A header value: as it is when ASCII, else percent-encoded UTF-8."""
    return value if value.isascii() else urllib.parse.quote(value, safe=":@/+=-_.~")


def post_json(ctx, url: str, body: dict, *, timeout, secrets, who: tuple[str, str]) -> tuple[dict, str]:
    """POST JSON; (the JSON answer, the answer text kept, secrets blanked), or raise:
    HTTP 429 / 5xx transient, another non-2xx or a non-object answer permanent."""
    raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    reply = call(ctx, "POST", url, headers={"Content-Type": "application/json; charset=utf-8"}, body=raw,
                 timeout=timeout, secrets=secrets)
    answer = scrub(reply.text, secrets)[:2000]
    if reply.status == 429 or reply.status >= 500:
        raise TransientError(f"{who[0]}暂时无法处理(HTTP {reply.status}) / {who[1]} cannot take it now "
                             f"(HTTP {reply.status})", answer)
    data = reply.json()
    if not 200 <= reply.status < 300 or not isinstance(data, dict):
        raise PermanentError(f"{who[0]}拒绝:HTTP {reply.status} / {who[1]} refused: HTTP {reply.status}", answer)
    return data, answer


def access_token(ctx, *, url: str, account: str, secret: str, timeout, fresh: bool, transient_codes,
                 who: tuple[str, str], check: tuple[str, str]) -> str:
    """The access token `GET url` gives (`{"errcode": 0, "access_token", "expires_in"}`),
    kept in `ctx.cache` per account and secret until TOKEN_MARGIN seconds before it
    expires; `fresh` fetches a new one (the API said the kept one is invalid). A refusal
    names what to check (`check`: zh, en)."""
    slot = (who[1], account, hashlib.sha256(secret.encode("utf-8")).hexdigest()[:16])
    now = epoch(ctx)
    cached = ctx.cache.get(slot)
    if cached and not fresh and cached[1] > now:
        return cached[0]
    reply = call(ctx, "GET", url, timeout=timeout, secrets=[secret])
    data = reply.json() if 200 <= reply.status < 300 else None
    token = data.get("access_token") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("errcode", 0) != 0 or not token:
        answer = scrub(reply.text, [secret] + ([token] if token else []))[:2000]
        code = data.get("errcode") if isinstance(data, dict) else f"HTTP {reply.status}"
        text = f"{code} {data.get('errmsg', '')}".strip() if isinstance(data, dict) else code
        transient = reply.status == 429 or reply.status >= 500 or code in transient_codes
        raise (TransientError if transient else PermanentError)(
            f"{who[0]}未发放访问令牌(请检查{check[0]}):{text} / {who[1]} gave no access token (check {check[1]}): "
            f"{text}", answer)
    expires_in = int(data.get("expires_in") or 7200)
    ctx.cache[slot] = (token, now + max(expires_in - TOKEN_MARGIN, expires_in // 2))
    return token
