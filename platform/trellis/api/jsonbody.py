"""JSON request bodies, for every endpoint at once: the app's request class parses the
body as Flask does, then refuses (400, code `too_deep`) a body whose objects and arrays
nest deeper than MAX_BODY_DEPTH, whether the parser itself gave up (a RecursionError on
a body nested 100,000 deep) or a later step would (validation, storing a JSON field).
No definition or record comes close: the deepest shipped definition nests 8 levels."""
from __future__ import annotations

import json

from flask import Request

from ..errors import BadRequest
from ..nesting import too_deep

MAX_BODY_DEPTH = 64


def too_deep_error(what_zh: str = "请求体", what_en: str = "the request body", param: str | None = None,
                   limit: int = MAX_BODY_DEPTH) -> BadRequest:
    details = {"limit": limit, **({"param": param} if param else {})}
    return BadRequest(f"{what_zh}嵌套过深(最多 {limit} 层)", f"{what_en} is nested too deeply (at most {limit} levels)",
                      code="too_deep", details=details)


def loads(text, **kw):
    """json.loads, refusing what nests deeper than MAX_BODY_DEPTH (BadRequest)."""
    try:
        data = json.loads(text, **kw)
    except RecursionError:
        raise too_deep_error() from None
    if too_deep(data, MAX_BODY_DEPTH):
        raise too_deep_error()
    return data


class JsonRequest(Request):
    """Flask's request, with the nesting limit on `get_json` / `json`."""

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True):
        if cache and self._cached_json[silent] is not Ellipsis:
            return self._cached_json[silent]  # checked when it was parsed
        try:
            data = super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            raise too_deep_error() from None
        if too_deep(data, MAX_BODY_DEPTH):
            self._cached_json = (Ellipsis, Ellipsis)
            raise too_deep_error()
        return data
