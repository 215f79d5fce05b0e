"""The rating (评分) field type: a whole number of stars 0..max (max 3–10, default 5) in an
INTEGER column. Reads what people type or paste: 4, 4.0, "4", "４", "4星", "4 stars",
"★★★★" and "★★★★☆" (the filled stars count)."""
from __future__ import annotations

import math
import numbers
from decimal import Decimal

import sqlalchemy as sa

from trellis.forms.types.base import WHITESPACE, CoerceError, FieldType, halfwidth, shown
from trellis.forms.types.number_traits import NumberTraits

DEFAULT_MAX = 5
MIN_MAX, MAX_MAX = 3, 10
FILLED, HOLLOW = "★", "☆"
SUFFIXES = ("stars", "star", "颗星", "星", "分")


class RatingType(NumberTraits, FieldType):
    key = "rating"
    widget = "rating"
    label = {"zh": "评分", "en": "Rating"}
    # traits: NumberTraits (filtered and sorted as a number, edited in a grid
    # cell, exported as the number, averaged in reports, in the palette's basic group)
    sheet_hint = {"zh": "0 到最多星数的整数,或 ★★★★", "en": "a whole number from 0 to the most stars, or ★★★★"}
    sheet_example = 4
    config_schema = {
        "type": "object",
        "properties": {"max": {"type": "integer", "minimum": MIN_MAX, "maximum": MAX_MAX, "default": DEFAULT_MAX,
                               }},
    }

    @property
    def most(self) -> int:
        """The field's `max` (how many stars), DEFAULT_MAX when not set."""
        most = self.field.get("max")
        return most if type(most) is int and MIN_MAX <= most <= MAX_MAX else DEFAULT_MAX

    def column_type(self):
        return sa.Integer()

    def value_schema(self) -> dict:
        return {"type": "integer", "minimum": 0, "maximum": self.most}

    def coerce(self, value):
        t = type(value)
        if value is None:
            return None
        if t is int:
            return self._in_range(value, value)
        if t is bool:
            raise self._bad(value)
        if t is str:
            return self._read_text(value)
        if isinstance(value, float):
            if not math.isfinite(value) or not value.is_integer():
                raise self._bad(value)
            return self._in_range(int(value), value)
        if isinstance(value, Decimal):
            if not value.is_finite() or value != value.to_integral_value():
                raise self._bad(value)
            return self._in_range(int(value), value)
        if isinstance(value, numbers.Integral):
            return self._in_range(int(value), value)
        raise self._bad(value)

    def _read_text(self, value: str):
        text = halfwidth(value).strip(WHITESPACE)
        if not text:
            return None
        if set(text) <= {FILLED, HOLLOW}:
            return self._in_range(text.count(FILLED), value)
        lower = text.lower()
        for suffix in SUFFIXES:
            if lower.endswith(suffix) and len(lower) > len(suffix):
                lower = lower[: -len(suffix)].strip(WHITESPACE)
                break
        whole, dot, frac = lower.partition(".")
        if whole.isascii() and whole.isdigit() and len(whole) < 4 and (not dot or set(frac) <= {"0"}):
            return self._in_range(int(whole), value)
        raise self._bad(value)

    def _in_range(self, number: int, value) -> int:
        if 0 <= number <= self.most:
            return number
        raise CoerceError("rating_out_of_range", f"“{shown(value)}”超出评分范围 0–{self.most}",
                          f"“{shown(value)}” is outside the rating range 0–{self.most}")

    def _bad(self, value) -> CoerceError:
        return CoerceError("invalid_rating", f"“{shown(value)}”不是有效的评分(0–{self.most} 的整数或 ★)",
                           f"“{shown(value)}” is not a valid rating (a whole number 0–{self.most} or ★s)")
