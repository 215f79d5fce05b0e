"""Multi-line text field: a TEXT column; line breaks are normalised to "\\n"; at most
TRELLIS_TEXT_MAX_BYTES (1 MB by default, see base.text_max_bytes) besides `max_length`."""
from __future__ import annotations

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, check_text_size, scalar_text, shown
from .traits import COUNTS, TEXT_OPS


class LongTextType(FieldType):
    key = "long_text"
    palette_rank = 20
    widget = "long_text"
    label = {"zh": "多行文本", "en": "Long text"}
    sql_kind = "text"
    operators = TEXT_OPS
    inline_editable = True
    export = "as_is"
    import_key = False
    sheet_hint = {"zh": "多行文本", "en": "text (may span lines)"}
    aggregations = COUNTS
    palette_group = "basic"
    wide = True
    searchable = True
    config_schema = {
        "type": "object",
        "properties": {"max_length": {"type": "integer", "minimum": 1}},
    }

    def column_type(self):
        return sa.Text()

    def value_schema(self) -> dict:
        out = {"type": "string"}
        if self.field.get("max_length"):
            out["maxLength"] = int(self.field["max_length"])
        return out

    def coerce(self, value):
        if type(value) is str:
            text = value.strip(WHITESPACE)
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            return check_text_size(text) or None
        if value is None:
            return None
        text = scalar_text(value)
        if text is None:
            raise CoerceError("invalid_text", f"“{shown(value)}”不是文本",
                              f"“{shown(value)}” is not text")
        return text
