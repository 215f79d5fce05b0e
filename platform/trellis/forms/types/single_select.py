"""Single-select field: one option value in a VARCHAR(64) column. Input may be the value or
an option's zh / en label (trimmed; en and values case-insensitive; full-width forms read as ASCII). `OPTIONS_SCHEMA` and
`OptionLookup` are shared with the multi-select field."""
from __future__ import annotations

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, halfwidth, labels_of, scalar_text, shown
from .traits import CHOICE_OPS, COUNTS

OPTIONS_SCHEMA = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["value"],
        "properties": {
            "value": {"type": "string", "minLength": 1, "maxLength": 64},
            "label": {"type": "object",
                      "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
            "color": {"type": "string"},
        },
    },
}


class OptionLookup:
    """Finds an option's value from its value or label; `order` ranks values."""

    def __init__(self, options: list[dict]):
        self.values = [str(o["value"]) for o in options]
        self.order = {v: i for i, v in enumerate(self.values)}
        table: dict[str, str] = {}
        for v in self.values:
            table.setdefault(v, v)
        for o in options:
            label = o.get("label") or {}
            if label.get("zh"):
                table.setdefault(label["zh"].strip(WHITESPACE), str(o["value"]))
        for o in options:
            label = o.get("label") or {}
            if label.get("en"):
                table.setdefault(label["en"].strip(WHITESPACE).lower(), str(o["value"]))
        for v in self.values:
            table.setdefault(v.lower(), v)
        self.table = table
        self._narrowed = None

    def find(self, value) -> str | None:
        """The option value for `value`, or None when nothing matches."""
        hit = self.table.get(value) if type(value) is str else None
        if hit is not None:
            return hit
        text = value.strip(WHITESPACE) if type(value) is str else scalar_text(value)
        if text is None:
            return None
        hit = self.table.get(text) or self.table.get(text.lower())
        if hit is None and not text.isascii():  # full-width "Ｃ１" or "（" in a label
            narrow = halfwidth(text).strip(WHITESPACE)
            hit = self.table.get(narrow) or self.table.get(narrow.lower()) or self._narrow().get(narrow.lower())
        return hit

    def _narrow(self) -> dict:
        """Labels with full-width forms made ASCII ("机构（一般法人）" -> "机构(一般法人)")."""
        if self._narrowed is None:
            self._narrowed = {halfwidth(k).lower(): v for k, v in self.table.items()}
        return self._narrowed


def not_an_option(field: dict, value) -> CoerceError:
    zh, en = labels_of(field)
    return CoerceError("invalid_option", f"“{shown(value)}”不是“{zh}”的选项",
                       f"“{shown(value)}” is not an option of “{en}”")


class SingleSelectType(FieldType):
    key = "single_select"
    palette_rank = 10
    widget = "single_select"
    label = {"zh": "单选", "en": "Single select"}
    sql_kind = "text"
    operators = CHOICE_OPS
    inline_editable = True
    export = "option"
    sheet_hint = {"zh": "从下拉列表中选择", "en": "pick from the drop-down list"}
    sheet_example = "$option"
    aggregations = COUNTS
    palette_group = "choice"
    groupable = True
    config_schema = {"type": "object", "required": ["options"],
                     "properties": {"options": OPTIONS_SCHEMA}}

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.options = OptionLookup(field.get("options") or [])

    def column_type(self):
        return sa.String(64)

    def column_signature(self) -> str:
        return "String(64)"

    def value_schema(self) -> dict:
        return {"type": "string", "enum": list(self.options.values)}

    def coerce(self, value):
        hit = self.options.find(value)
        if hit is not None:
            return hit
        if value is None or (type(value) is str and not value.strip(WHITESPACE)):
            return None
        raise not_an_option(self.field, value)
