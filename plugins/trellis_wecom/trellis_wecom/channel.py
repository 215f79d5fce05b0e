"""The `wecom` channel type (企业微信), in one of two modes (`mode`):

- "robot": a group robot's webhook (`webhook_url`, write-only: its `key` is the
  credential). The group is the destination; the recipient's address is not used.
  msgtype text (with optional @mentions) or markdown. A robot takes no idempotency key.
- "app": an application message to one member (`touser` = the recipient's WeCom user id).
  `GET {api_base}/cgi-bin/gettoken?corpid=&corpsecret=` gives an access token, kept in
  `ctx.cache` until five minutes before it expires and fetched again when the API answers
  40014 / 42001 (invalid / expired token; the send is then repeated once). `POST
  /cgi-bin/message/send?access_token=` with `enable_duplicate_check=1` and
  `duplicate_check_interval`: WeCom's own idempotency (the same content to the same user
  within the interval is delivered once), so a retry after a lost answer is not shown twice.

errcode 0 = sent (a recipient listed in `invaliduser` is a permanent refusal); -1 (busy),
45009 / 45033 (rate / concurrency limits), HTTP 429/5xx, no connection and timeouts are
transient; any other errcode is permanent. Secrets and tokens never appear in an error or
a kept answer.
"""
from __future__ import annotations

import urllib.parse

from trellis.notify.channel import Channel
from trellis.notify.errors import PermanentError, TransientError
from trellis.notify.provider import access_token, cut_bytes, post_json, query_value, required
from trellis.notify.sent import Sent

API_BASE = "https://qyapi.weixin.qq.com"
TOKEN_CODES = {40014, 42001}
TRANSIENT_CODES = {-1, 45009, 45033}
LIMITS = {"text": 2048, "markdown": 4096}   # bytes of content WeCom takes
WHO = ("企业微信", "WeCom")


class WecomChannel(Channel):
    type = "wecom"
    label = {"zh": "企业微信", "en": "WeCom"}
    address = "wecom"  # app mode; robot mode sends to its group (see address_for)
    config_schema = {
        "type": "object",
        "title": "企业微信 / WeCom",
        "properties": {
            "mode": {"type": "string", "enum": ["robot", "app"], "default": "app",
                     "title": "方式(群机器人 / 应用消息) / Mode (group robot / application message)"},
            "msgtype": {"type": "string", "enum": ["text", "markdown"], "default": "text",
                        "title": "消息格式 / Message type"},
            "webhook_url": {"type": "string", "pattern": "^https?://", "writeOnly": True,
                            "title": "机器人 Webhook 地址(含 key) / Robot webhook URL (with key)"},
            "mentioned_list": {"type": "array", "items": {"type": "string"},
                               "title": "提醒的成员(userid 或 @all) / Members to mention (userid or @all)"},
            "mentioned_mobile_list": {"type": "array", "items": {"type": "string"},
                                      "title": "提醒的手机号 / Mobiles to mention"},
            "corp_id": {"type": "string", "minLength": 1, "title": "企业 ID / Corp ID"},
            "agent_id": {"type": "integer", "title": "应用 AgentId / Agent ID"},
            "secret": {"type": "string", "minLength": 1, "writeOnly": True, "title": "应用 Secret / App secret"},
            "api_base": {"type": "string", "pattern": "^https?://", "default": API_BASE,
                         "title": "接口地址 / API base"},
            "duplicate_check_interval": {"type": "integer", "minimum": 1, "maximum": 14400, "default": 1800,
                                         "title": "重复消息检查间隔(秒) / Duplicate check interval (seconds)"},
            "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 120, "title": "超时(秒) / Timeout (seconds)"},
        },
        "required": ["mode"],
        "allOf": [
            {"if": {"properties": {"mode": {"const": "robot"}}}, "then": {"required": ["webhook_url"]}},
            {"if": {"properties": {"mode": {"const": "app"}}}, "then": {"required": ["corp_id", "agent_id", "secret"]}},
        ],
        "additionalProperties": False,
    }

    @classmethod
    def address_for(cls, config: dict) -> str | None:
        """The recipient's address this configuration sends to: none for a group robot."""
        return None if (config or {}).get("mode") == "robot" else cls.address

    def send(self, config, message, ctx) -> Sent:
        mode = config.get("mode") or "app"
        msgtype = config.get("msgtype") or "text"
        if msgtype not in LIMITS:
            raise PermanentError(f"企业微信渠道的消息格式无效:{msgtype} / the WeCom channel's msgtype is invalid: {msgtype}")
        if mode == "robot":
            return self._robot(config, message, ctx, msgtype)
        if mode == "app":
            return self._app(config, message, ctx, msgtype)
        raise PermanentError(f"企业微信渠道的方式无效:{mode} / the WeCom channel's mode is invalid: {mode}")

    # -- group robot ------------------------------------------------------------------
    def _robot(self, config, message, ctx, msgtype) -> Sent:
        url = required(config, "webhook_url", "机器人 Webhook 地址", "robot webhook URL", WHO)
        secrets = [url, query_value(url, "key")]
        body = {"msgtype": msgtype, msgtype: {"content": content(message, msgtype)}}
        if msgtype == "text":
            for name in ("mentioned_list", "mentioned_mobile_list"):
                if config.get(name):
                    body["text"][name] = list(config[name])
        data, answer = post_json(ctx, url, body, timeout=config.get("timeout"), secrets=secrets, who=WHO)
        return _result(data, answer, message, None)

    # -- application message ----------------------------------------------------------
    def _app(self, config, message, ctx, msgtype) -> Sent:
        corp_id = required(config, "corp_id", "企业 ID", "corp ID", WHO)
        secret = required(config, "secret", "应用 Secret", "app secret", WHO)
        agent_id = config.get("agent_id")
        if not isinstance(agent_id, int) or isinstance(agent_id, bool):
            raise PermanentError("企业微信渠道缺少配置项 agent_id(应用 AgentId) / the WeCom channel's setting agent_id is missing")
        if not message.to:
            raise PermanentError("收件人没有企业微信账号 / the recipient has no WeCom user id")
        base = str(config.get("api_base") or API_BASE).rstrip("/")
        body = {"touser": message.to, "msgtype": msgtype, "agentid": agent_id,
                msgtype: {"content": content(message, msgtype)}, "safe": 0,
                "enable_duplicate_check": 1,
                "duplicate_check_interval": int(config.get("duplicate_check_interval") or 1800)}
        for attempt in (1, 2):
            token = access_token(
                ctx, url=f"{base}/cgi-bin/gettoken?" + urllib.parse.urlencode({"corpid": corp_id, "corpsecret": secret}),
                account=corp_id, secret=secret, timeout=config.get("timeout"), fresh=attempt == 2,
                transient_codes=TRANSIENT_CODES, who=WHO, check=("企业 ID 与 Secret", "the corp ID and secret"))
            url = f"{base}/cgi-bin/message/send?" + urllib.parse.urlencode({"access_token": token})
            data, answer = post_json(ctx, url, body, timeout=config.get("timeout"), secrets=[secret, token], who=WHO)
            if data.get("errcode") in TOKEN_CODES and attempt == 1:
                continue  # the kept token is no longer valid: fetch a fresh one and send again
            break
        return _result(data, answer, message, message.to)



def content(message, msgtype: str) -> str:
    """The message as WeCom text or markdown, cut to WeCom's length limit."""
    link = message.link or ""
    if msgtype == "markdown":
        out = f"**{message.subject}**\n{message.text}" + (f"\n[查看 / Open]({link})" if link else "")
    else:
        out = f"{message.subject}\n{message.text}" + (f"\n{link}" if link else "")
    return cut_bytes(out, LIMITS[msgtype])


def _result(data: dict, answer: str, message, to) -> Sent:
    code = data.get("errcode", 0)
    text = f"{code} {data.get('errmsg', '')}".strip()
    if code == 0:
        invalid = [u for u in str(data.get("invaliduser") or "").split("|") if u]
        if to and to in invalid:
            raise PermanentError(f"企业微信成员不存在或不在应用可见范围:{to} / "
                                 f"the WeCom member does not exist or cannot see the app: {to}", answer)
        return Sent(answer=answer, provider_id=str(data["msgid"]) if data.get("msgid") else None)
    if code in TRANSIENT_CODES:
        raise TransientError(f"企业微信繁忙或超出频率限制:{text} / WeCom is busy or rate-limited: {text}", answer)
    raise PermanentError(f"企业微信拒绝:{text} / WeCom refused: {text}", answer)
