"""Mobile field: a mainland-China mobile number stored as its 11 digits in VARCHAR(20).
Reads "+86 138 0013 8000", "86-13800138000", "138-0013-8000", full-width digits, numbers."""
from __future__ import annotations

import re

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, halfwidth, shown
from .traits import COUNTS, TEXT_OPS

PATTERN = "^1[3-9][0-9]{9}$"
_MATCH = re.compile(PATTERN).match
_SEPARATORS = re.compile(r"[\s\-()./]+")


class MobileType(FieldType):
    key = "mobile"
    palette_rank = 10
    widget = "mobile"
    label = {"zh": "手机号", "en": "Mobile"}
    sql_kind = "text"
    operators = TEXT_OPS
    inline_editable = True
    export = "as_is"
    sheet_hint = {"zh": "手机号", "en": "a mobile number"}
    sheet_example = "13800138000"
    aggregations = COUNTS
    palette_group = "contact"
    searchable = True
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.String(20)

    def column_signature(self) -> str:
        return "String(20)"

    def value_schema(self) -> dict:
        return {"type": "string", "pattern": PATTERN}

    def coerce(self, value):
        t = type(value)
        if t is str:
            if len(value) == 11 and _MATCH(value):
                return value
            text = _SEPARATORS.sub("", halfwidth(value).strip(WHITESPACE))
            if not text:
                return None
        elif value is None:
            return None
        elif t is int:
            text = str(value)
        elif t is float and value.is_integer():
            text = str(int(value))
        else:
            raise self._bad(value)
        if len(text) > 11:
            for prefix in ("+86", "0086", "86"):
                if text.startswith(prefix):
                    text = text[len(prefix):]
                    break
        if len(text) != 11 or not _MATCH(text):
            raise self._bad(value)
        return text

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_mobile", f"“{shown(value)}”不是有效的手机号",
                           f"“{shown(value)}” is not a valid mobile number")
