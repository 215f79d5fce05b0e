"""Multi-select field: a JSON list of option values (unique, in option order). Input may be
a list or a string split on 、 ， , ; ； | ｜ and new lines; items match values or labels."""
from __future__ import annotations

import re

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, labels_of, shown
from .single_select import OPTIONS_SCHEMA, OptionLookup, not_an_option
from .traits import OPTIONS_OPS

_SPLIT = re.compile(r"[、，,;；|｜\r\n]+")


class MultiSelectType(FieldType):
    key = "multi_select"
    palette_rank = 20
    widget = "multi_select"
    label = {"zh": "多选", "en": "Multi select"}
    sql_kind = "json_array"
    operators = OPTIONS_OPS
    inline_editable = True
    export = "options"
    import_key = False
    sheet_hint = {"zh": "可填多个,用“、”分隔", "en": "one or more, separated by commas"}
    sheet_example = "$options"
    aggregations = ("count",)
    palette_group = "choice"
    sortable = False
    config_schema = {
        "type": "object",
        "required": ["options"],
        "properties": {"options": OPTIONS_SCHEMA,
                       "max_items": {"type": "integer", "minimum": 1}},
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.options = OptionLookup(field.get("options") or [])

    def column_type(self):
        return sa.JSON()

    def value_schema(self) -> dict:
        out = {"type": "array", "uniqueItems": True,
               "items": {"type": "string", "enum": list(self.options.values)}}
        if self.field.get("max_items"):
            out["maxItems"] = int(self.field["max_items"])
        return out

    def coerce(self, value):
        if value is None:
            return None
        if type(value) is str:
            whole = self.options.find(value)
            if whole is not None:
                return [whole]
            items = [s for s in _SPLIT.split(value) if s.strip(WHITESPACE)]
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = [v for v in value if not (v is None or (type(v) is str and not v.strip(WHITESPACE)))]
        else:
            hit = self.options.find(value)
            if hit is None:
                raise not_an_option(self.field, value)
            return [hit]
        found, unknown = set(), []
        for item in items:
            hit = self.options.find(item)
            if hit is None:
                unknown.append(item)
            else:
                found.add(hit)
        if unknown:
            if len(unknown) == 1:
                raise not_an_option(self.field, unknown[0])
            zh, en = labels_of(self.field)
            names = "、".join(f"“{shown(u)}”" for u in unknown)
            names_en = ", ".join(f"“{shown(u)}”" for u in unknown)
            raise CoerceError("invalid_option", f"{names}不是“{zh}”的选项",
                              f"{names_en} are not options of “{en}”")
        if not found:
            return None
        return sorted(found, key=self.options.order.__getitem__)
