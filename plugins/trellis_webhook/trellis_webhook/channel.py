"""The `webhook` channel type: each message POSTed as signed JSON to a configured URL.

Body (UTF-8 JSON): {"key", "app", "channel", "event", "urgency", "to", "recipient",
"subject", "text", "form", "record", "link", "sent_at"}. Headers:
- `X-Trellis-Key` and `Idempotency-Key`: the delivery's key, the same on every retry, so
  the receiver can drop a message it already took;
- `X-Trellis-Timestamp`: Unix seconds of this attempt;
- `X-Trellis-Signature`: `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + body),
  the body exactly as sent. A receiver recomputes it over the raw body, compares in
  constant time and refuses a timestamp more than a few minutes off (a replay);
- the configured extra `headers`.

2xx = sent; 408, 425, 429, 5xx, no connection or a timeout = transient (the delivery job
retries with backoff); any other answer = permanent.
"""
from __future__ import annotations

import hashlib
import hmac
import json

from trellis.notify.channel import Channel
from trellis.notify.errors import PermanentError, TransientError
from trellis.notify.http import call
from trellis.notify.provider import epoch, header_value
from trellis.notify.sent import Sent

TRANSIENT = {408, 425, 429}


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, f"{timestamp}.{body}")."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class WebhookChannel(Channel):
    type = "webhook"
    label = {"zh": "Webhook(签名 JSON)", "en": "Webhook (signed JSON)"}
    address = None
    config_schema = {
        "type": "object",
        "title": "Webhook",
        "properties": {
            "url": {"type": "string", "format": "uri", "pattern": "^https?://", "title": "接收地址 / URL"},
            "secret": {"type": "string", "minLength": 8, "writeOnly": True,
                       "title": "签名密钥 / Signing secret"},
            "headers": {"type": "object", "additionalProperties": {"type": "string"},
                        "title": "附加请求头 / Extra headers"},
            "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 120,
                        "title": "超时(秒) / Timeout (seconds)"},
        },
        "required": ["url", "secret"],
        "additionalProperties": False,
    }

    def send(self, config, message, ctx) -> Sent:
        url = config.get("url")
        secret = config.get("secret")
        if not isinstance(url, str) or not url.strip():
            raise PermanentError("Webhook 渠道缺少配置项 url(接收地址) / the webhook channel's setting url is missing")
        if not isinstance(secret, str) or not secret:
            raise PermanentError("Webhook 渠道缺少配置项 secret(签名密钥) / the webhook channel's setting secret is missing")
        body = json.dumps(payload(message, ctx), ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")
        timestamp = str(int(epoch(ctx)))
        headers = {str(k): str(v) for k, v in (config.get("headers") or {}).items()}
        headers.update({
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Trellis-Webhook/1",
            "X-Trellis-Key": header_value(message.key),
            "Idempotency-Key": header_value(message.key),
            "X-Trellis-Timestamp": timestamp,
            "X-Trellis-Signature": signature(secret, timestamp, body),
        })
        reply = call(ctx, "POST", url.strip(), headers=headers, body=body, timeout=config.get("timeout"),
                     secrets=[secret])
        answer = reply.text[:2000]
        if 200 <= reply.status < 300:
            return Sent(answer=f"{reply.status} {answer}".strip(), provider_id=reply.headers.get("x-request-id"))
        if reply.status in TRANSIENT or reply.status >= 500:
            raise TransientError(f"Webhook 接收方暂时无法处理(HTTP {reply.status}) / "
                                 f"the webhook receiver cannot take it now (HTTP {reply.status})", answer)
        raise PermanentError(f"Webhook 接收方拒绝了消息(HTTP {reply.status}) / "
                             f"the webhook receiver refused the message (HTTP {reply.status})", answer)


def payload(message, ctx) -> dict:
    """The JSON body of one message."""
    now = getattr(ctx, "now", None)
    return {"key": message.key, "app": message.app, "channel": message.channel, "event": message.event,
            "urgency": message.urgency, "to": message.to, "recipient": dict(message.recipient or {}),
            "subject": message.subject, "text": message.text, "form": message.form, "record": message.record,
            "link": message.link, "sent_at": now.isoformat() if hasattr(now, "isoformat") else None}
