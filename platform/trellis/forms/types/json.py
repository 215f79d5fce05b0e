"""JSON field: any JSON value in a JSON column; a string input is parsed as JSON text. Its
text may be at most TRELLIS_TEXT_MAX_BYTES long (1 MB by default, see base.text_max_bytes)."""
from __future__ import annotations

import json

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, check_text_size, shown


class JsonType(FieldType):
    key = "json"
    palette_rank = 70
    widget = "json"
    label = {"zh": "JSON 数据", "en": "JSON"}
    operators = ()
    importable = False
    import_key = False
    wide = True
    sortable = False
    filterable = False
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.JSON()

    def value_schema(self) -> dict:
        return {}  # any JSON value

    def coerce(self, value):
        t = type(value)
        if t is str:
            if not value.strip(WHITESPACE):
                return None
            check_text_size(value)
            try:
                return json.loads(value)
            except RecursionError:
                raise self._unstorable(value) from None
            except ValueError as exc:
                raise CoerceError("invalid_json", f"“{shown(value)}”不是有效的 JSON:{exc.msg}",
                                  f"“{shown(value)}” is not valid JSON: {exc.msg}") from None
        if value is None or t in (int, bool):
            return value
        try:
            text = json.dumps(value, allow_nan=False)
        except (TypeError, ValueError, RecursionError):
            raise self._unstorable(value) from None
        check_text_size(text)
        return value

    @staticmethod
    def _unstorable(value) -> CoerceError:
        return CoerceError("invalid_json", f"“{shown(value)}”无法保存为 JSON",
                           f"“{shown(value)}” cannot be stored as JSON")
