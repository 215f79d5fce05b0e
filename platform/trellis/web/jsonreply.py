"""JSON replies (`jsonify`) written by orjson: the same bytes as Flask's compact output for
what handlers answer (dicts, lists, strings, numbers), several times faster; dates and
dataclasses still go through Flask's own conversion, and anything orjson refuses (an
integer past 64 bits, a key of another type) through Flask's provider unchanged."""
from __future__ import annotations

import orjson
from flask.json.provider import DefaultJSONProvider

OPTIONS = (orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
           | orjson.OPT_APPEND_NEWLINE)


class JsonReplies(DefaultJSONProvider):
    def response(self, *args, **kwargs):
        if (self.compact is None and self._app.debug) or self.compact is False or self.sort_keys:
            return super().response(*args, **kwargs)  # indented or sorted: Flask's way
        obj = self._prepare_response_obj(args, kwargs)
        try:
            body = orjson.dumps(obj, default=self.default, option=OPTIONS)
        except (TypeError, orjson.JSONEncodeError):
            return super().response(*args, **kwargs)
        return self._app.response_class(body, mimetype=self.mimetype)
