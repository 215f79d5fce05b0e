"""Percent field: stored as a FRACTION in a FLOAT column (80% -> 0.8). "80%", "80％" and
"5‰" are read as percent / per mille; a bare number ("0.8" or 0.8) is already a fraction.
`precision` counts digits of the percentage (2 -> 12.34%), so fractions keep precision+2,
and the fraction's magnitude stays within the 15 significant digits a double holds exactly."""
from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, halfwidth, number_text, shown
from .decimal import DIGITS
from .traits import NUMBER_AGGREGATIONS, ORDERED_OPS

_WIDE = Context(prec=60)


class PercentType(FieldType):
    key = "percent"
    palette_rank = 60
    widget = "percent"
    label = {"zh": "百分比", "en": "Percent"}
    sql_kind = "number"
    operators = ORDERED_OPS
    inline_editable = True
    number_format = "percent"
    export = "percent"
    sheet_hint = {"zh": "百分比,如 35% 或 0.35", "en": "a percentage, e.g. 35% or 0.35"}
    sheet_example = 0.35
    aggregations = NUMBER_AGGREGATIONS
    palette_group = "basic"
    config_schema = {
        "type": "object",
        "properties": {"precision": {"type": "integer", "minimum": 0, "maximum": 10, "default": 2}},
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        precision = field.get("precision")
        self.precision = 2 if precision is None else int(precision)
        self._digits = self.precision + 2
        self._quantum = Decimal(1).scaleb(-self._digits)

    def column_type(self):
        return sa.Float()

    def value_schema(self) -> dict:
        limit = 10 ** (DIGITS - self._digits) - 1  # what a double holds to the fraction's digits
        return {"type": "number", "minimum": -limit, "maximum": limit}

    def coerce(self, value):
        t = type(value)
        if t is float:
            if not math.isfinite(value):
                raise self._bad(value)
            if round(value, self._digits) == value:
                return value
            return self._round(Decimal(repr(value)), value)
        if t is int:
            return value
        if value is None:
            return None
        if t is str:
            text = halfwidth(value).strip(WHITESPACE)
            if not text:
                return None
            try:
                if text.endswith("%"):
                    number = number_text(text[:-1]) / 100
                elif text.endswith("‰"):
                    number = number_text(text[:-1]) / 1000
                else:
                    number = number_text(text)
            except ValueError:
                raise self._bad(value) from None
        elif t is bool:
            raise self._bad(value)
        elif isinstance(value, Decimal):
            number = value
        elif isinstance(value, numbers.Real):
            return self.coerce(float(value))
        else:
            raise self._bad(value)
        return self._round(number, value)

    def _round(self, number: Decimal, original) -> float:
        if not number.is_finite():
            raise self._bad(original)
        try:
            return float(number.quantize(self._quantum, ROUND_HALF_UP, _WIDE))
        except InvalidOperation:
            raise self._bad(original) from None

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_percent", f"“{shown(value)}”不是有效的百分比",
                           f"“{shown(value)}” is not a valid percentage")
