"""HTTP request (调用外部接口): one call to an outside system (notify/http.py: http and https
only, a timeout, no redirects followed), its JSON body built from a map of JsonLogic
expressions over the run's data, its answer mapped into variables.

- `method`, `url` (text or an expression giving it), `headers` {name: text or expression},
  `body` {key: expression} (sent as JSON; none for GET and DELETE), `timeout` seconds;
- signing: with `secret` (a literal) or `secret_channel` (an app channel whose sealed
  configuration holds `secret`, as the webhook channel's), the request carries
  `X-Trellis-Timestamp` (Unix seconds) and `X-Trellis-Signature: sha256=<hex of
  HMAC-SHA256(secret, timestamp + "." + body)>`, as the webhook channel signs;
- every request carries `Idempotency-Key: <run>:<node>:<step>`: the same for every try
  of one step, so the receiver can drop a repeat;
- `response` {variable: JSON pointer into the answer's JSON ("" the whole answer)}.

An answer of 2xx maps; 3xx and 4xx fail the step at once (the request itself is wrong);
5xx, a timeout or a refused connection are tried again by the runner (then fail).
Output: {"status", "vars": the mapped values}."""
from __future__ import annotations

import hashlib
import hmac
import json

from ...notify.errors import PermanentError, TransientError
from ...notify.http import call
from ..acting import ID, VAR_NAME, as_node, dry, node_error, titled
from ..json_pointer import pointer
from ..node_type import NodeType
from ..result import Result

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
URL = {"type": "string", "pattern": "^https?://", "maxLength": 2000}


class UpstreamError(Exception):
    """The other side failed (5xx) or could not be reached: worth another try."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, f"{timestamp}.{body}")."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class HttpRequestNode(NodeType):
    key = "http_request"
    label = {"zh": "调用外部接口", "en": "HTTP request"}
    category = "integration"
    external = True  # the runner calls before the step's transaction: no write lock held while it waits
    config_schema = {
        "type": "object",
        "required": ["method", "url"],
        "additionalProperties": False,
        "properties": {
            "method": titled({"enum": list(METHODS)}, "请求方法", "Method", default="POST"),
            "url": titled({"anyOf": [URL, {"type": "object"}]}, "地址", "URL", **{"x-expression": True}),
            "headers": titled({"type": "object", "maxProperties": 30,
                               "propertyNames": {"pattern": "^[A-Za-z0-9][A-Za-z0-9-]{0,63}$"}}, "请求头", "Headers"),
            "body": titled({"type": "object", "maxProperties": 200, "propertyNames": {"maxLength": 100}},
                           "请求体(JSON)", "Body (JSON)"),
            "secret": titled({"type": "string", "minLength": 8, "maxLength": 200}, "签名密钥", "Signing secret"),
            "secret_channel": titled(ID, "使用渠道的签名密钥", "Signing secret of a channel"),
            "timeout": titled({"type": "number", "exclusiveMinimum": 0, "maximum": 30, "default": 10},
                              "超时(秒)", "Timeout (seconds)"),
            "response": titled({"type": "object", "maxProperties": 50, "propertyNames": VAR_NAME,
                                "additionalProperties": {"type": "string", "pattern": "^(/.*)?$", "maxLength": 500}},
                               "应答存入变量(JSON 指针)", "Answer into variables (JSON pointers)"),
        },
    }

    def problems(self, node: dict) -> list[tuple[str, str, str, str]]:
        if "secret" in node and "secret_channel" in node:
            return [("/secret", "two_secrets", "secret 与 secret_channel 只能选一个",
                     "give secret or secret_channel, not both")]
        if node.get("body") and node.get("method") in ("GET", "DELETE"):
            return [("/body", "body_not_sent", f"{node['method']} 请求不带请求体", f"a {node['method']} request has no body")]
        return []

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        status, answer = step.prepared if step.prepared is not None else self.call(node, step)
        mapped = {name: pointer(answer, path) for name, path in (node.get("response") or {}).items()}
        for name, value in mapped.items():
            step.set_var(name, value)
        return Result(output={"status": status, "vars": mapped})

    def call(self, node: dict, step) -> tuple[int, object]:
        """The request and its answer (status, parsed JSON), or the step's failure."""
        with as_node(node):
            url = node["url"] if isinstance(node["url"], str) else step.evaluate(node["url"])
            headers = {k: v if isinstance(v, str) else step.evaluate(v) for k, v in (node.get("headers") or {}).items()}
            payload = step.values(node.get("body")) if node.get("body") else None
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
            raise node_error(node, "地址无效(只接受 http/https)", "invalid URL (http or https only)", code="invalid_url")
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8") \
            if payload is not None else b""
        headers = {str(k): "" if v is None else str(v) for k, v in headers.items()}
        headers["Idempotency-Key"] = f"{step.run['id']}:{node['id']}:{step.run['seq']}"
        if payload is not None:
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
        secret = self._secret(node, step)
        if secret:
            stamp = str(int(step.now.timestamp()))
            headers["X-Trellis-Timestamp"] = stamp
            headers["X-Trellis-Signature"] = signature(secret, stamp, body)
        try:
            reply = call(None, node["method"], url, headers=headers, body=body if payload is not None else None,
                         timeout=float(node.get("timeout") or 10), secrets=[secret] if secret else ())
        except PermanentError as e:  # its message is "zh / en"
            zh, _, en = str(e).partition(" / ")
            raise node_error(node, zh, en or zh, code="request_refused") from None
        except TransientError as e:
            raise UpstreamError(f"node {node['id']}: {e}") from None
        if reply.status >= 500:
            raise UpstreamError(f"node {node['id']}: HTTP {reply.status}: {reply.text[:200]}")
        if not 200 <= reply.status < 300:
            raise node_error(node, f"对方应答 HTTP {reply.status}:{reply.text[:200]}",
                             f"the server answered HTTP {reply.status}: {reply.text[:200]}", code="http_refused",
                             status=reply.status)
        return reply.status, reply.json()

    @staticmethod
    def _secret(node: dict, step) -> str | None:
        if node.get("secret"):
            return node["secret"]
        name = node.get("secret_channel")
        if not name:
            return None
        with as_node(node):
            store = step.runtime.notify.channels
            secret = store.config(store.row(step.conn, step.run["app"], name)).get("secret")
        if not isinstance(secret, str) or not secret:
            raise node_error(node, f"渠道 {name} 没有配置 secret", f"channel {name} has no secret set", code="no_secret")
        return secret

    def describe(self, node: dict, step) -> dict:
        url = node.get("url") if isinstance(node.get("url"), str) else "…"
        host = url.split("/")[2] if isinstance(url, str) and url.count("/") >= 2 else url
        return {"zh": f"调用外部接口 {node.get('method')} {host}", "en": f"call {node.get('method')} {host}"}
