"""Single-line text field: a VARCHAR(max_length) column holding a trimmed string."""
from __future__ import annotations

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, scalar_text, shown
from .traits import COUNTS, TEXT_OPS


class TextType(FieldType):
    key = "text"
    palette_rank = 10
    widget = "text"
    label = {"zh": "单行文本", "en": "Text"}
    sql_kind = "text"
    operators = TEXT_OPS
    inline_editable = True
    export = "as_is"
    sheet_hint = {"zh": "文本", "en": "text"}
    aggregations = COUNTS
    palette_group = "basic"
    searchable = True
    config_schema = {
        "type": "object",
        "properties": {
            "max_length": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 200},
            "min_length": {"type": "integer", "minimum": 0},
            "pattern": {"type": "string", "format": "regex"},
        },
    }
    default_length = 200

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.max_length = int(field.get("max_length") or self.default_length)

    def column_type(self):
        return sa.String(self.max_length)

    def column_signature(self) -> str:
        return f"String({self.max_length})"

    def value_schema(self) -> dict:
        out = {"type": "string", "maxLength": self.max_length}
        if self.field.get("min_length"):
            out["minLength"] = int(self.field["min_length"])
        if self.field.get("pattern"):
            out["pattern"] = self.field["pattern"]
        return out

    def coerce(self, value):
        if type(value) is str:
            return value.strip(WHITESPACE) or None
        if value is None:
            return None
        text = scalar_text(value)
        if text is None:
            raise CoerceError("invalid_text", f"“{shown(value)}”不是文本",
                              f"“{shown(value)}” is not text")
        return text

    def convertible(self, db_value) -> bool:
        if not super().convertible(db_value):
            return False
        value = self.coerce(db_value)
        return value is None or len(value) <= self.max_length
