"""Parsing of request parameters (query string, path, body members) with errors that name
the parameter: integers within 64 bits, JSON filters within the rule limits, ids and
versions, the search text, and list parameters."""
from __future__ import annotations

import json

from ..kernel.errors import BadRequest
from ..forms.types.base import INT64_MAX
from ..logic.limits import MAX_RULE_DEPTH, check_rule_size
from .jsonbody import NotJson, not_json, too_deep_error

MAX_PAGE = 1_000_000          # page numbers past this are refused (use the cursor)
MAX_FILTER_CHARS = 100_000    # the filter parameter's JSON text
MAX_SEARCH_CHARS = 200        # the `q` search text


def _malformed(name: str, zh: str, en: str) -> BadRequest:
    return BadRequest(f"参数 {name} {zh}", f"parameter {name} {en}", code="malformed", details={"param": name})


def json_param(args, name: str, *, max_chars: int = MAX_FILTER_CHARS, max_depth: int = MAX_RULE_DEPTH):
    raw = args.get(name)
    if raw in (None, ""):
        return None
    if len(raw) > max_chars:
        raise _malformed(name, f"过长(最多 {max_chars} 个字符)", f"is too long (at most {max_chars} characters)")
    try:
        return json.loads(raw, parse_constant=not_json)
    except json.JSONDecodeError as e:
        raise BadRequest(f"参数 {name} 不是有效的 JSON:{e.msg}(第 {e.pos} 个字符)",
                         f"parameter {name} is not valid JSON: {e.msg} (at character {e.pos})",
                         code="malformed", details={"param": name}) from None
    except NotJson as e:  # NaN, Infinity
        raise _malformed(name, f"不是有效的 JSON:{e}", f"is not valid JSON: {e}") from None
    except RecursionError:
        raise too_deep_error(f"参数 {name} ", f"parameter {name}", param=name, limit=max_depth) from None


def filter_param(args, name: str = "filter"):
    """A JsonLogic filter: a JSON object within the rule limits, or None when absent."""
    if args.get(name) in (None, ""):
        return None
    rule = json_param(args, name)
    if not isinstance(rule, dict):
        raise _malformed(name, "必须是 JsonLogic 对象,如 {\"==\": [{\"var\": \"name\"}, \"张三\"]}",
                         "must be a JsonLogic object, e.g. {\"==\": [{\"var\": \"name\"}, \"Zhang\"]}")
    check_rule_size(rule, name)
    return rule


def search_param(args, name: str = "q"):
    text = args.get(name) or None
    if text is not None and len(text) > MAX_SEARCH_CHARS:
        raise _malformed(name, f"过长(最多 {MAX_SEARCH_CHARS} 个字符)",
                         f"is too long (at most {MAX_SEARCH_CHARS} characters)")
    return text


def int_param(args, name: str, default=None, minimum: int = 1, maximum: int = INT64_MAX):
    raw = args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _malformed(name, "必须是整数", "must be an integer") from None
    if value < minimum:
        raise _malformed(name, f"不能小于 {minimum}", f"must be at least {minimum}")
    if value > maximum:
        raise _malformed(name, f"不能大于 {maximum}", f"must be at most {maximum}")
    return value


def whole_number(value, name: str, *, minimum: int = 1) -> int:
    """An integer member of a body or a query ("12" too), within 64 bits; bools, fractions,
    lists and other text are refused naming `name`."""
    if type(value) is str and value.strip().isascii() and value.strip().isdigit():
        digits = value.strip().lstrip("0") or "0"
        value = int(digits) if len(digits) <= 20 else INT64_MAX + 1  # longer: out of range, not parsed
    if type(value) is not int:
        raise _malformed(name, "必须是整数", "must be an integer")
    if not minimum <= value <= INT64_MAX:
        raise _malformed(name, f"必须在 {minimum} 到 {INT64_MAX} 之间", f"must be between {minimum} and {INT64_MAX}")
    return value


def version_param(value, name: str = "version"):
    """An expected record version (body member, query parameter or If-Match header), or None."""
    if value is None or value == "":
        return None
    if type(value) is str:
        value = value.strip('"W/ ')
    return whole_number(value, name)


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
        "filter": filter_param(args),
        "sort": args.get("sort") or None,
        "limit": int_param(args, "limit", 50),
        "cursor": args.get("cursor") or None,
        "page": int_param(args, "page", maximum=MAX_PAGE),
        "q": search_param(args),
        "fields": list_param(args, "fields"),
        "expand": list_param(args, "expand"),
        "count": count,
    }


def body_json(request) -> object:
    data = request.get_json(silent=True)
    if data is None:
        raise BadRequest("请求体必须是 JSON", "the request body must be JSON", code="malformed")
    return data
