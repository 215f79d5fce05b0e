"""JSON request bodies, for every endpoint at once: the app's request class parses bodies
with `loads`, which refuses (400) what is not JSON although Python's parser takes it
(NaN, Infinity) and a body whose objects and arrays nest deeper than MAX_BODY_DEPTH,
whether the parser itself gave up (a RecursionError on a body nested 100,000 deep) or a
later step would (validation, storing a JSON field). No definition or record comes
close: the deepest shipped definition nests 8 levels."""
from __future__ import annotations

import json
from types import SimpleNamespace

from flask import Request, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..kernel.errors import BadRequest
from ..kernel.nesting import too_deep

MAX_BODY_DEPTH = 64


def too_deep_error(what_zh: str = "请求体", what_en: str = "the request body", param: str | None = None,
                   limit: int = MAX_BODY_DEPTH) -> BadRequest:
    details = {"limit": limit, **({"param": param} if param else {})}
    return BadRequest(f"{what_zh}嵌套过深(最多 {limit} 层)", f"{what_en} is nested too deeply (at most {limit} levels)",
                      code="too_deep", details=details)


class NotJson(ValueError):
    """NaN or Infinity, which Python's json module reads but JSON does not have."""


def not_json(constant: str):
    """`parse_constant` of json.loads: NaN and Infinity are refused (NotJson)."""
    raise NotJson(f"{constant} is not a JSON number")


def loads(text, **kw):
    """json.loads, refusing NaN / Infinity and what nests deeper than MAX_BODY_DEPTH (BadRequest)."""
    try:
        data = json.loads(text, parse_constant=not_json, **kw)
    except RecursionError:
        raise too_deep_error() from None
    except NotJson as e:
        raise BadRequest(f"请求体不是有效的 JSON:{e}", f"the request body is not valid JSON: {e}",
                         code="malformed") from None
    if too_deep(data, MAX_BODY_DEPTH):
        raise too_deep_error()
    return data


def capped_body(limit: int) -> bytes:
    """The raw request body, 413 past `limit` bytes (whatever Content-Length claims)."""
    if (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()
    raw = request.stream.read(limit + 1)
    if len(raw) > limit:
        raise RequestEntityTooLarge()
    return raw


def json_object(raw: bytes) -> dict:
    """A raw body read as a JSON object (400 otherwise)."""
    try:
        data = loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise BadRequest("请求体应为 JSON 对象", "the body must be a JSON object", code="malformed")
    return data


_STRICT = SimpleNamespace(loads=loads)


class JsonRequest(Request):
    """Flask's request, parsing JSON bodies with `loads` (malformed JSON still follows
    Flask's rules: None with silent=True, else 400)."""

    @property
    def json_module(self):
        return _STRICT

    @json_module.setter
    def json_module(self, _provider):
        """Flask hands each request the app's JSON provider; bodies are parsed by `loads`."""
