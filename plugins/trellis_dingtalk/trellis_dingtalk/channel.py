"""The `dingtalk` channel type (钉钉), in one of two modes (`mode`):

- "robot": a group robot's webhook (`webhook_url` with its access_token, write-only). With
  the robot's signing `secret` (write-only) every call carries `timestamp` (milliseconds)
  and `sign` = urlencode(base64(HMAC-SHA256(key=secret, f"{timestamp}\\n{secret}"))), as
  DingTalk documents for robots with 加签. msgtype text (optional `at_mobiles`,
  `at_all`) or markdown. The group is the destination; a robot takes no idempotency key.
- "work": a work notification (工作通知) from an internal app to the recipient's DingTalk
  user id: `app_key`, `app_secret` (write-only), `agent_id`, `api_base` (default
  https://oapi.dingtalk.com). `GET /gettoken?appkey=&appsecret=` gives an access token,
  kept in `ctx.cache` until five minutes before it expires and fetched again (the send
  repeated once) when DingTalk answers 40014 / 42001 (invalid / expired token); then `POST
  /topapi/message/corpconversation/asyncsend_v2?access_token=` with agent_id, userid_list
  and msg. DingTalk takes no idempotency key here (it drops the same content sent to the
  same user twice on one day by itself).

errcode 0 = sent; -1 (system busy), 130101 (robot sending too fast), 90006 / 90018 (call
frequency limits), HTTP 429/5xx, no connection and timeouts are transient; other errcodes
are permanent. Secrets and tokens never appear in an error or a kept answer.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import urllib.parse

from trellis.notify.channel import Channel
from trellis.notify.errors import PermanentError, TransientError
from trellis.notify.provider import access_token, epoch, post_json, query_value, required
from trellis.notify.sent import Sent

API_BASE = "https://oapi.dingtalk.com"
TOKEN_CODES = {40014, 42001}
TRANSIENT_CODES = {-1, 130101, 90006, 90018}
WHO = ("钉钉", "DingTalk")
MAX_CONTENT = 5000  # characters of a message's content


def sign(secret: str, timestamp_ms: int) -> str:
    """The robot's `sign` parameter, URL-encoded, for `timestamp_ms`."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp_ms}\n{secret}".encode("utf-8"), hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode("ascii"))


class DingtalkChannel(Channel):
    type = "dingtalk"
    label = {"zh": "钉钉", "en": "DingTalk"}
    address = "dingtalk"  # work mode; robot mode sends to its group (see address_for)
    config_schema = {
        "type": "object",
        "title": "钉钉 / DingTalk",
        "properties": {
            "mode": {"type": "string", "enum": ["robot", "work"], "default": "work",
                     "title": "方式(群机器人 / 工作通知) / Mode (group robot / work notification)"},
            "msgtype": {"type": "string", "enum": ["text", "markdown"], "default": "text",
                        "title": "消息格式 / Message type"},
            "webhook_url": {"type": "string", "pattern": "^https?://", "writeOnly": True,
                            "title": "机器人 Webhook 地址(含 access_token) / Robot webhook URL (with access_token)"},
            "secret": {"type": "string", "writeOnly": True, "title": "机器人加签密钥 / Robot signing secret (SEC…)"},
            "at_mobiles": {"type": "array", "items": {"type": "string"}, "title": "@的手机号 / Mobiles to @"},
            "at_all": {"type": "boolean", "default": False, "title": "@所有人 / @all"},
            "app_key": {"type": "string", "minLength": 1, "title": "应用 AppKey / App key"},
            "app_secret": {"type": "string", "minLength": 1, "writeOnly": True, "title": "应用 AppSecret / App secret"},
            "agent_id": {"type": "integer", "title": "应用 AgentId / Agent ID"},
            "api_base": {"type": "string", "pattern": "^https?://", "default": API_BASE, "title": "接口地址 / API base"},
            "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 120, "title": "超时(秒) / Timeout (seconds)"},
        },
        "required": ["mode"],
        "allOf": [
            {"if": {"properties": {"mode": {"const": "robot"}}}, "then": {"required": ["webhook_url"]}},
            {"if": {"properties": {"mode": {"const": "work"}}}, "then": {"required": ["app_key", "app_secret", "agent_id"]}},
        ],
        "additionalProperties": False,
    }

    @classmethod
    def address_for(cls, config: dict) -> str | None:
        """The recipient's address this configuration sends to: none for a group robot."""
        return None if (config or {}).get("mode") == "robot" else cls.address

    def send(self, config, message, ctx) -> Sent:
        mode = config.get("mode") or "work"
        msgtype = config.get("msgtype") or "text"
        if msgtype not in ("text", "markdown"):
            raise PermanentError(f"钉钉渠道的消息格式无效:{msgtype} / the DingTalk channel's msgtype is invalid: {msgtype}")
        if mode == "robot":
            return self._robot(config, message, ctx, msgtype)
        if mode == "work":
            return self._work(config, message, ctx, msgtype)
        raise PermanentError(f"钉钉渠道的方式无效:{mode} / the DingTalk channel's mode is invalid: {mode}")

    # -- group robot ------------------------------------------------------------------
    def _robot(self, config, message, ctx, msgtype) -> Sent:
        url = required(config, "webhook_url", "机器人 Webhook 地址", "robot webhook URL", WHO)
        secret = config.get("secret") or ""
        secrets = [url, query_value(url, "access_token"), secret]
        if secret:
            timestamp = int(epoch(ctx) * 1000)
            url += ("&" if "?" in url else "?") + f"timestamp={timestamp}&sign={sign(secret, timestamp)}"
        body = msg(message, msgtype)
        body["at"] = {"atMobiles": list(config.get("at_mobiles") or []), "isAtAll": bool(config.get("at_all"))}
        data, answer = post_json(ctx, url, body, timeout=config.get("timeout"), secrets=secrets, who=WHO)
        return _result(data, answer)

    # -- work notification ------------------------------------------------------------
    def _work(self, config, message, ctx, msgtype) -> Sent:
        app_key = required(config, "app_key", "应用 AppKey", "app key", WHO)
        app_secret = required(config, "app_secret", "应用 AppSecret", "app secret", WHO)
        agent_id = config.get("agent_id")
        if not isinstance(agent_id, int) or isinstance(agent_id, bool):
            raise PermanentError("钉钉渠道缺少配置项 agent_id(应用 AgentId) / the DingTalk channel's setting agent_id is missing")
        if not message.to:
            raise PermanentError("收件人没有钉钉账号 / the recipient has no DingTalk user id")
        base = str(config.get("api_base") or API_BASE).rstrip("/")
        body = {"agent_id": agent_id, "userid_list": message.to, "msg": msg(message, msgtype)}
        for attempt in (1, 2):
            token = access_token(
                ctx, url=f"{base}/gettoken?" + urllib.parse.urlencode({"appkey": app_key, "appsecret": app_secret}),
                account=app_key, secret=app_secret, timeout=config.get("timeout"), fresh=attempt == 2,
                transient_codes=TRANSIENT_CODES, who=WHO, check=("AppKey 与 AppSecret", "the app key and secret"))
            url = f"{base}/topapi/message/corpconversation/asyncsend_v2?" + urllib.parse.urlencode({"access_token": token})
            data, answer = post_json(ctx, url, body, timeout=config.get("timeout"), secrets=[app_secret, token], who=WHO)
            if data.get("errcode") in TOKEN_CODES and attempt == 1:
                continue  # the kept token is no longer valid: fetch a fresh one and send again
            break
        return _result(data, answer, provider_key="task_id")



def msg(message, msgtype: str) -> dict:
    """The DingTalk `msg` object (text or markdown) of a message."""
    link = message.link or ""
    if msgtype == "markdown":
        text = f"### {message.subject}\n\n{message.text}" + (f"\n\n[查看 / Open]({link})" if link else "")
        return {"msgtype": "markdown", "markdown": {"title": message.subject[:64], "text": text[:MAX_CONTENT]}}
    text = f"{message.subject}\n{message.text}" + (f"\n{link}" if link else "")
    return {"msgtype": "text", "text": {"content": text[:MAX_CONTENT]}}


def _result(data: dict, answer: str, provider_key: str | None = None) -> Sent:
    code = data.get("errcode", 0)
    text = f"{code} {data.get('errmsg', '')}".strip()
    if code == 0:
        pid = data.get(provider_key) if provider_key else None
        return Sent(answer=answer, provider_id=None if pid is None else str(pid))
    if code in TRANSIENT_CODES:
        raise TransientError(f"钉钉繁忙或超出频率限制:{text} / DingTalk is busy or rate-limited: {text}", answer)
    raise PermanentError(f"钉钉拒绝:{text} / DingTalk refused: {text}", answer)
