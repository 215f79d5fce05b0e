"""What the computed field types share: read-only values of a kind known only once the
form is compiled (number, text, bool, date, datetime), turned from what the database
answers into the JSON form (dates as ISO text, numbers as int or float, bools)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from .base import FieldType
from .traits import ORDERED_OPS, PRESENCE_OPS, TEXT_OPS

COMPUTED_OPS = tuple(dict.fromkeys(ORDERED_OPS + TEXT_OPS + PRESENCE_OPS))


def json_value(kind: str, value):
    """A value the database answered for a computed expression of `kind`, as JSON."""
    if value is None:
        return None
    if kind == "number":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, (Decimal, float)):
            f = float(value)
            return int(f) if f.is_integer() and abs(f) < 2**53 else f
        if isinstance(value, str):
            try:
                f = float(value)
            except ValueError:
                return None
            return int(f) if f.is_integer() and abs(f) < 2**53 else f
        return value
    if kind == "bool":
        return bool(value) if not isinstance(value, str) else value not in ("0", "false", "")
    if kind == "datetime" and isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat()
    if kind == "date" and isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


class ComputedValue(FieldType):
    """Base of formula and lookup: generated (never typed), not importable, exported as is."""

    generated = True
    computed = True
    importable = False
    import_key = False
    inline_editable = False
    sortable = True
    filterable = True
    sql_kind = "text"              # the class's trait; a field's own kind is `value_type`
    operators = COMPUTED_OPS
    export = "as_is"
    palette_group = "advanced"

    @cached_property
    def value_type(self) -> str | None:
        """The kind of this field's value (None when it does not compile)."""
        try:
            return self.kind()
        except Exception:  # noqa: BLE001 - a broken definition is reported by the publish check
            return None

    def kind(self) -> str:
        raise NotImplementedError

    def value_schema(self) -> dict:
        return {}

    def coerce(self, value):
        return value

    def from_db(self, value):
        return json_value(self.value_type or "text", value)
