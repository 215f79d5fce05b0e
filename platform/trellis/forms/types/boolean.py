"""Yes/no field: a BOOLEAN column; reads 是/否, 有/无, 对/错, √/×, Y/N, yes/no, true/false, 1/0."""
from __future__ import annotations

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, halfwidth, shown
from .traits import COUNTS

TRUE_WORDS = frozenset({"true", "t", "yes", "y", "1", "on", "是", "有", "对", "真", "√", "✓", "✔"})
FALSE_WORDS = frozenset({"false", "f", "no", "n", "0", "off", "否", "无", "错", "假", "×", "✗", "✘", "✕"})


class BooleanType(FieldType):
    key = "boolean"
    palette_rank = 70
    widget = "boolean"
    label = {"zh": "是/否", "en": "Yes/No"}
    sql_kind = "bool"
    operators = ("equal", "not_equal")
    inline_editable = True
    export = "yes_no"
    import_key = False
    sheet_hint = {"zh": "是 或 否", "en": "Yes or No"}
    sheet_example = "$yes"
    aggregations = COUNTS
    palette_group = "basic"
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.Boolean()

    def value_schema(self) -> dict:
        return {"type": "boolean"}

    def coerce(self, value):
        t = type(value)
        if t is bool:
            return value
        if value is None:
            return None
        if t is str:
            word = halfwidth(value).strip(WHITESPACE).lower()
            if not word:
                return None
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
        elif t in (int, float) and value in (0, 1):
            return value == 1
        raise CoerceError("invalid_boolean", f"“{shown(value)}”不是有效的是/否值",
                          f"“{shown(value)}” is not a valid yes/no value")
