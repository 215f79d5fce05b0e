"""Date-time field: a naive DATETIME column, "YYYY-MM-DDTHH:MM:SS" in JSON. Reads ISO text
with "T" or a space, with or without seconds, "2024年1月5日 13:05", "下午1:05", Excel serials
with a fraction and datetime objects. Time-zone-aware input (objects, or text ending in "Z" /
"+08:00") is converted to the server's local time and stored naive; naive input is stored
as given. A date alone means midnight."""
from __future__ import annotations

import datetime as dt
import numbers

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, shown
from .date import from_number, parse_when
from .traits import ORDERED_AGGREGATIONS, ORDERED_OPS

_MIDNIGHT = dt.time(0)


class DateTimeType(FieldType):
    key = "datetime"
    palette_rank = 90
    widget = "datetime"
    label = {"zh": "日期时间", "en": "Date & time"}
    sql_kind = "datetime"
    operators = ORDERED_OPS
    inline_editable = True
    export = "datetime"
    sheet_hint = {"zh": "日期时间,如 2024-01-05 09:30", "en": "a date and time, e.g. 2024-01-05 09:30"}
    sheet_example = "$now"
    aggregations = ORDERED_AGGREGATIONS
    palette_group = "basic"
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.DateTime()

    def value_schema(self) -> dict:
        return {"type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$"}

    def coerce(self, value):
        t = type(value)
        if t is str:
            if (len(value) == 19 and value[10] == "T" and value[13] == ":" == value[16]
                    and value.isascii()):
                try:
                    dt.datetime.fromisoformat(value)
                    return value
                except ValueError:
                    pass
            if not value.strip(WHITESPACE):
                return None
            try:
                date, time = parse_when(value)
            except ValueError:
                raise self._bad(value) from None
            return dt.datetime.combine(date, time or _MIDNIGHT).isoformat(timespec="seconds")
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone().replace(tzinfo=None)
            return value.isoformat(timespec="seconds")
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, _MIDNIGHT).isoformat(timespec="seconds")
        if t is not bool and isinstance(value, numbers.Real):
            try:
                return from_number(value).isoformat(timespec="seconds")
            except (ValueError, OverflowError):
                raise self._bad(value) from None
        raise self._bad(value)

    def to_db(self, value):
        return dt.datetime.fromisoformat(value) if type(value) is str else value

    def from_db(self, value):
        if isinstance(value, dt.datetime):
            return value.isoformat(timespec="seconds")
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, _MIDNIGHT).isoformat(timespec="seconds")
        return value

    def convertible(self, db_value) -> bool:
        """Numbers are not date-times (an integer column is not a column of Excel serials)."""
        if db_value is None or isinstance(db_value, dt.date):
            return True
        if not isinstance(db_value, str):
            return False
        try:
            parse_when(db_value)
        except ValueError:
            return False
        return True

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_datetime", f"“{shown(value)}”不是有效的日期时间",
                           f"“{shown(value)}” is not a valid date and time")
