"""Decimal field: a NUMERIC(15, precision) column read as float, rounded half-up to
`precision` digits after the point when coerced. Fifteen significant digits are what a
JSON number (a double) holds exactly, so SQL compares stored values as JS would, and
filters use the column's index directly."""
from __future__ import annotations

import math
import numbers
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, shown, unit_number
from .number_traits import NumberTraits

DIGITS = 15

_WIDE = Context(prec=60)


class DecimalType(NumberTraits, FieldType):
    key = "decimal"
    palette_rank = 40
    widget = "decimal"
    label = {"zh": "小数", "en": "Decimal"}
    sheet_hint = {"zh": "数字", "en": "a number"}
    sheet_example = 12.5
    config_schema = {
        "type": "object",
        "properties": {
            "precision": {"type": "integer", "minimum": 0, "maximum": 10, "default": 2},
            "min": {"type": "number"},
            "max": {"type": "number"},
        },
    }
    default_precision = 2
    noun = ("数字", "number")  # used in error messages

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        precision = field.get("precision")
        self.precision = self.default_precision if precision is None else int(precision)
        self._quantum = Decimal(1).scaleb(-self.precision)

    def column_type(self):
        return sa.Numeric(DIGITS, self.precision, asdecimal=False)

    def column_signature(self) -> str:
        return f"Numeric({DIGITS},{self.precision})"

    def value_schema(self) -> dict:
        limit = 10 ** (DIGITS - self.precision) - 1  # what NUMERIC(15, p) can hold
        low, high = self.field.get("min"), self.field.get("max")
        return {
            "type": "number",
            "minimum": -limit if low is None else max(low, -limit),
            "maximum": limit if high is None else min(high, limit),
        }

    def coerce(self, value):
        t = type(value)
        if t is float:
            if not math.isfinite(value):
                raise self._bad(value)
            if round(value, self.precision) == value:
                return value
            return self._round(Decimal(repr(value)), value)
        if t is int:
            return value
        if value is None:
            return None
        if t is str:
            text = value.strip(WHITESPACE)
            if not text:
                return None
            try:
                number = self.parse_text(text)
            except ValueError:
                raise self._bad(value) from None
        elif t is bool:
            raise self._bad(value)
        elif isinstance(value, Decimal):
            number = value
        elif isinstance(value, numbers.Integral):
            return int(value)
        elif isinstance(value, numbers.Real):
            return self.coerce(float(value))
        else:
            raise self._bad(value)
        return self._round(number, value)

    def parse_text(self, text: str) -> Decimal:
        """A non-empty trimmed string -> Decimal ("1,234.5", "1.5万"); raises ValueError
        (money adds currency marks and 千)."""
        return unit_number(text)

    def _round(self, number: Decimal, original) -> float:
        if not number.is_finite():
            raise self._bad(original)
        try:
            return float(number.quantize(self._quantum, ROUND_HALF_UP, _WIDE))
        except InvalidOperation:
            raise self._bad(original) from None

    def _bad(self, value) -> CoerceError:
        zh, en = self.noun
        return CoerceError(f"invalid_{self.key}", f"“{shown(value)}”不是有效的{zh}",
                           f"“{shown(value)}” is not a valid {en}")
