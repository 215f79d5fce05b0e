"""The `sms` channel type: a text message to a mobile number through a generic HTTP gateway.

The request is described by the configuration: `url`, `method` (POST or GET),
`content_type` (json or form), `headers` plus `secret_headers` (write-only, e.g. an
Authorization token), and `body`: a Jinja template (sandboxed, trellis.kernel.templating)
that renders to a JSON object. POST json sends that object as JSON, POST form as an
urlencoded form, GET as query parameters (a value that is not text is sent as JSON text).
Template variables: `mobile`, `text`, `subject`, `key` (the idempotency key: pass it where
the gateway takes a client id, e.g. Aliyun's OutId or Tencent's SessionContext), `link`,
`name` (the recipient's), `event`, `sign_name`, `template_code` (`template_codes[event]`
when given, else `template_code`), `params` (the configured `params`, each itself a
template over the same variables), `param_list` (their values in order) and `params_json`
(them as a JSON text). Use `|tojson` to insert a value into the JSON.

Success is read from the answer: HTTP 2xx and, when `success_path` is set, the value at
that dotted path of the JSON answer ("Code", "Response.SendStatusSet.0.Code") in
`success_values`; a value in `transient_values` (a rate limit) is retried; any other value
is permanent. HTTP 408/429/5xx, no connection and timeouts are transient; other statuses
permanent. Provider signing schemes (Aliyun, Tencent Cloud) are not done here: put a
signing proxy in front, or use a gateway that takes a token header.
"""
from __future__ import annotations

import json
import urllib.parse

from trellis.kernel.templating import TemplateFailed, render
from trellis.notify.channel import Channel
from trellis.notify.errors import PermanentError, TransientError
from trellis.notify.http import call, dig, scrub
from trellis.notify.provider import header_value
from trellis.notify.sent import Sent

DEFAULT_BODY = '{"mobile": {{ mobile|tojson }}, "text": {{ text|tojson }}, "key": {{ key|tojson }}}'
_text_map = {"type": "object", "additionalProperties": {"type": "string"}}


class SmsChannel(Channel):
    type = "sms"
    label = {"zh": "短信(HTTP 网关)", "en": "SMS (HTTP gateway)"}
    address = "mobile"
    config_schema = {
        "type": "object",
        "title": "短信网关 / SMS gateway",
        "properties": {
            "url": {"type": "string", "format": "uri", "pattern": "^https?://", "title": "网关地址 / Gateway URL"},
            "method": {"type": "string", "enum": ["POST", "GET"], "default": "POST", "title": "请求方法 / Method"},
            "content_type": {"type": "string", "enum": ["json", "form"], "default": "json",
                             "title": "请求体格式 / Body format"},
            "headers": {**_text_map, "title": "请求头 / Headers"},
            "secret_headers": {**_text_map, "writeOnly": True,
                               "title": "保密请求头(如 Authorization) / Secret headers (e.g. Authorization)"},
            "body": {"type": "string", "title": "请求体模板(渲染为 JSON 对象) / Body template (renders a JSON object)"},
            "sign_name": {"type": "string", "title": "短信签名 / Sign name"},
            "template_code": {"type": "string", "title": "短信模板编号 / Template code"},
            "template_codes": {**_text_map, "title": "按事件的模板编号 / Template code per event"},
            "params": {**_text_map, "title": "模板参数(每项为模板) / Template parameters (each a template)"},
            "success_path": {"type": "string", "title": "成功标志路径(如 Code) / Success path (e.g. Code)"},
            "success_values": {"type": "array", "items": {"type": "string"}, "title": "表示成功的值 / Success values"},
            "transient_values": {"type": "array", "items": {"type": "string"},
                                 "title": "需稍后重试的值 / Values meaning retry later"},
            "message_id_path": {"type": "string", "title": "消息编号路径(如 BizId) / Message id path (e.g. BizId)"},
            "timeout": {"type": "number", "exclusiveMinimum": 0, "maximum": 120, "title": "超时(秒) / Timeout (seconds)"},
        },
        "required": ["url"],
        "additionalProperties": False,
    }

    def send(self, config, message, ctx) -> Sent:
        url = config.get("url")
        if not isinstance(url, str) or not url.strip():
            raise PermanentError("短信渠道缺少配置项 url(网关地址) / the SMS channel's setting url is missing")
        if not message.to:
            raise PermanentError("收件人没有手机号 / the recipient has no mobile number")
        method = str(config.get("method") or "POST").upper()
        kind = config.get("content_type") or "json"
        if method not in ("POST", "GET") or kind not in ("json", "form"):
            raise PermanentError("短信渠道的 method 或 content_type 无效 / the SMS channel's method or content_type is invalid")
        secret_headers = {str(k): str(v) for k, v in (config.get("secret_headers") or {}).items()}
        secrets = list(secret_headers.values())
        data = request_data(config, message)
        headers = {"User-Agent": "Trellis-SMS/1", "Idempotency-Key": header_value(message.key)}
        headers.update({str(k): str(v) for k, v in (config.get("headers") or {}).items()})
        headers.update(secret_headers)
        body = None
        if method == "GET":
            query = urllib.parse.urlencode({k: _flat(v) for k, v in data.items()})
            url = url.strip() + (("&" if "?" in url else "?") + query if query else "")
        elif kind == "json":
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        else:
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            body = urllib.parse.urlencode({k: _flat(v) for k, v in data.items()}).encode("ascii")
        reply = call(ctx, method, url.strip(), headers=headers, body=body, timeout=config.get("timeout"),
                     secrets=secrets)
        answer = scrub(reply.text, secrets)[:2000]
        return classify(config, reply.status, answer)


def request_data(config: dict, message) -> dict:
    """The gateway's request as a JSON object, from the body template."""
    variables = {"mobile": message.to, "text": message.text or "", "subject": message.subject or "", "key": message.key,
                 "link": message.link or "", "name": (message.recipient or {}).get("name") or "", "event": message.event or "",
                 "form": message.form or "", "record": message.record}
    codes = config.get("template_codes") or {}
    variables["sign_name"] = config.get("sign_name") or ""
    variables["template_code"] = codes.get(message.event or "") or config.get("template_code") or ""
    params = {}
    for name, template in (config.get("params") or {}).items():
        params[name] = _render(template, variables, f"params.{name}")
    variables.update(params=params, param_list=list(params.values()),
                     params_json=json.dumps(params, ensure_ascii=False))
    text = _render(config.get("body") or DEFAULT_BODY, variables, "body")
    try:
        data = json.loads(text)
    except ValueError as e:
        raise PermanentError(f"短信请求体模板生成的不是有效 JSON(第 {e.lineno} 行):{e.msg} / "
                             f"the body template did not produce valid JSON (line {e.lineno}): {e.msg}") from None
    if not isinstance(data, dict):
        raise PermanentError("短信请求体模板必须生成 JSON 对象 / the body template must produce a JSON object")
    return data


def classify(config: dict, status: int, answer: str) -> Sent:
    """Sent, or raise TransientError / PermanentError, from the gateway's answer."""
    if status in (408, 425, 429) or status >= 500:
        raise TransientError(f"短信网关暂时无法处理(HTTP {status}) / the SMS gateway cannot take it now (HTTP {status})",
                             answer)
    if not 200 <= status < 300:
        raise PermanentError(f"短信网关拒绝:HTTP {status} / the SMS gateway refused: HTTP {status}", answer)
    path = config.get("success_path")
    parsed = _json(answer)
    provider_id = dig(parsed, config["message_id_path"]) if config.get("message_id_path") else None
    provider_id = None if provider_id is None else str(provider_id)
    if not path:
        return Sent(answer=answer, provider_id=provider_id)
    if parsed is None:
        raise PermanentError(f"短信网关的应答不是 JSON,无法判断是否成功(HTTP {status}) / "
                             f"the SMS gateway's answer is not JSON, success cannot be read (HTTP {status})", answer)
    value = dig(parsed, path)
    shown = "(无 / none)" if value is None else str(value)
    if value is not None and str(value) in [str(v) for v in config.get("success_values") or []]:
        return Sent(answer=answer, provider_id=provider_id)
    if value is not None and str(value) in [str(v) for v in config.get("transient_values") or []]:
        raise TransientError(f"短信网关要求稍后重试:{path}={shown} / the SMS gateway asks to retry later: {path}={shown}",
                             answer)
    raise PermanentError(f"短信网关拒绝:{path}={shown} / the SMS gateway refused: {path}={shown}", answer)


def _render(template, variables: dict, where: str) -> str:
    try:
        return render(template, variables)
    except TemplateFailed as e:
        raise PermanentError(f"短信渠道的模板 {where} 有误:{e.message['zh']} / "
                             f"the SMS channel's template {where} is wrong: {e.message['en']}") from None


def _flat(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _json(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return None
