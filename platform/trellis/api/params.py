"""Parsing of list parameters from the query string, with errors that name the parameter."""
from __future__ import annotations

import json

from ..errors import BadRequest


def json_param(args, name: str):
    raw = args.get(name)
    if raw in (None, ""):
        return None
    try:
        return json.loads(raw)
    except json.JSONDecodeError as e:
        raise BadRequest(f"参数 {name} 不是有效的 JSON:{e.msg}(第 {e.pos} 个字符)",
                         f"parameter {name} is not valid JSON: {e.msg} (at character {e.pos})",
                         code="malformed", details={"param": name}) from None


def int_param(args, name: str, default=None, minimum: int = 1):
    raw = args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"参数 {name} 必须是整数", f"parameter {name} must be an integer",
                         code="malformed", details={"param": name}) from None
    if value < minimum:
        raise BadRequest(f"参数 {name} 不能小于 {minimum}", f"parameter {name} must be at least {minimum}",
                         code="malformed", details={"param": name})
    return value


def list_param(args, name: str):
    raw = args.get(name)
    if not raw:
        return None
    return [s.strip() for s in raw.split(",") if s.strip()]


def list_params(args) -> dict:
    count = args.get("count", "estimate")
    if count not in ("exact", "estimate", "none"):
        raise BadRequest("参数 count 只能是 exact、estimate 或 none", "parameter count must be exact, estimate or none",
                         code="malformed", details={"param": "count"})
    deleted = args.get("deleted") or ""
    if deleted not in ("", "only"):
        raise BadRequest("参数 deleted 只能是 only(只列出已删除的记录)",
                         "parameter deleted must be only (list deleted records only)",
                         code="malformed", details={"param": "deleted"})
    return {
        "deleted": deleted == "only",
        "filter": json_param(args, "filter"),
        "sort": args.get("sort") or None,
        "limit": int_param(args, "limit", 50),
        "cursor": args.get("cursor") or None,
        "page": int_param(args, "page"),
        "q": args.get("q") or None,
        "fields": list_param(args, "fields"),
        "expand": list_param(args, "expand"),
        "count": count,
    }


def body_json(request) -> object:
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest("请求体必须是 JSON", "the request body must be JSON", code="malformed")
    return data
