"""Integer field: whole numbers in a BIGINT column ("1,234", "１２", "3万" and 12.0 are read)."""
from __future__ import annotations

import numbers
from decimal import Decimal

import sqlalchemy as sa

from .base import INT64_MAX, INT64_MIN, WHITESPACE, CoerceError, FieldType, shown, unit_number
from .number_traits import NumberTraits


class IntegerType(NumberTraits, FieldType):
    key = "integer"
    palette_rank = 30
    widget = "integer"
    label = {"zh": "整数", "en": "Integer"}
    sheet_hint = {"zh": "整数", "en": "a whole number"}
    sheet_example = 10
    config_schema = {
        "type": "object",
        "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}},
    }

    def column_type(self):
        return sa.BigInteger()

    def value_schema(self) -> dict:
        low, high = self.field.get("min"), self.field.get("max")
        return {
            "type": "integer",
            "minimum": INT64_MIN if low is None else max(int(low), INT64_MIN),
            "maximum": INT64_MAX if high is None else min(int(high), INT64_MAX),
        }

    def coerce(self, value):
        t = type(value)
        if t is int:
            return value
        if value is None:
            return None
        if t is str:
            text = value.strip(WHITESPACE)
            if not text:
                return None
            if text.isascii() and text.isdigit():
                if len(text.lstrip("0")) > 19:  # past 64 bits (and past what int() reads at 4,300 digits)
                    raise CoerceError("invalid_integer", f"“{shown(value)}”超出整数范围",
                                      f"“{shown(value)}” is out of range for a whole number")
                return int(text)
            try:
                number = unit_number(text)
            except ValueError:
                raise self._bad(value) from None
        elif t is bool:
            raise self._bad(value)
        elif isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise self._bad(value)
        elif isinstance(value, Decimal):
            number = value
        elif isinstance(value, numbers.Integral):
            return int(value)
        else:
            raise self._bad(value)
        if not number.is_finite() or number != number.to_integral_value():
            raise self._bad(value)
        return int(number)

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_integer", f"“{shown(value)}”不是有效的整数",
                           f"“{shown(value)}” is not a valid whole number")
