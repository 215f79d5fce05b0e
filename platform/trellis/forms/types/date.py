"""Date field: a DATE column, "YYYY-MM-DD" in JSON. Reads date/datetime objects,
"2024-01-05", "2024/1/5", "2024.1.5", "2024年1月5日", "20240105" (also as an int) and Excel
serial numbers (1900 date system; also as text of five digits, as a CSV holds them). A time part in the input is dropped. `parse_when` and
`from_excel` are shared with the datetime field."""
from __future__ import annotations

import datetime as dt
import numbers
import re

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, halfwidth, shown
from .traits import ORDERED_AGGREGATIONS, ORDERED_OPS

_DATE = re.compile(
    r"([0-9]{4})\s*(?:([-/.])\s*([0-9]{1,2})\s*\2\s*([0-9]{1,2})"
    r"|年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]?"
    r"|([0-9]{2})([0-9]{2})(?![0-9]))", re.ASCII)
_TIME = re.compile(
    r"([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\.[0-9]+)?)?\s*(AM|PM)?\s*"
    r"(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?", re.ASCII | re.IGNORECASE)
_CN_TIME = str.maketrans({"时": ":", "点": ":", "分": ":", "秒": " "})
_AFTERNOON = ("下午", "晚上", "中午")
_MORNING = ("上午", "早上", "凌晨")
_SERIAL = re.compile(r"[1-9][0-9]{4}(?:\.[0-9]+)?", re.ASCII)  # 10000..99999: 1927-05-18..2173-10-14
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
EXCEL_MAX = 2958465  # 9999-12-31


def parse_when(text: str) -> tuple[dt.date, dt.time | None]:
    """Read a date with an optional time; a time zone converts to the server's local time.
    Raises ValueError when unreadable or not a real calendar date/time."""
    s = halfwidth(text).strip(WHITESPACE)
    m = _DATE.match(s)
    if not m:
        if _SERIAL.fullmatch(s):  # an Excel serial saved as text (a CSV of an unformatted date cell)
            when = from_excel(float(s))
            return when.date(), (when.time() if "." in s else None)
        raise ValueError(text)
    g = m.groups()
    year = int(g[0])
    month, day = (g[2], g[3]) if g[1] else (g[4], g[5]) if g[4] else (g[6], g[7])
    date = dt.date(year, int(month), int(day))
    rest = s[m.end():].strip(WHITESPACE).lstrip("Tt").strip(WHITESPACE)
    if not rest:
        return date, None
    shift = 0
    if rest.startswith(_AFTERNOON):
        rest, shift = rest[2:].lstrip(), 12
    elif rest.startswith(_MORNING):
        rest = rest[2:].lstrip()
    rest = rest.translate(_CN_TIME).replace(": ", ":").strip().rstrip(":")
    t = _TIME.fullmatch(rest)
    if not t:
        raise ValueError(text)
    hour, minute, second = int(t[1]), int(t[2]), int(t[3] or 0)
    if t[4]:
        shift = 12 if t[4].upper() == "PM" else 0
        if hour == 12:
            hour = 0
    if shift and hour < 12:
        hour += shift
    when = dt.datetime.combine(date, dt.time(hour, minute, second))
    if t[5]:
        zone = t[5].upper()
        if zone == "Z":
            offset = dt.timedelta(0)
        else:
            digits = zone[1:].replace(":", "")
            offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            offset = -offset if zone[0] == "-" else offset
        when = when.replace(tzinfo=dt.timezone(offset)).astimezone().replace(tzinfo=None)
    return when.date(), when.time()


def from_excel(serial: float) -> dt.datetime:
    """An Excel serial number (1900 date system, serial 1 = 1900-01-01) -> datetime.
    Excel's fictitious 1900-02-29 (serial 60) is refused. Raises ValueError."""
    if not 1 <= serial < EXCEL_MAX + 1:
        raise ValueError(serial)
    if serial < 60:
        serial += 1
    elif serial < 61:
        raise ValueError(serial)
    return EXCEL_EPOCH + dt.timedelta(seconds=round(serial * 86400))


def from_number(value) -> dt.datetime:
    """An int 20240105 (YYYYMMDD) or an Excel serial -> datetime. Raises ValueError."""
    if type(value) is int and 19000101 <= value <= 99991231:
        return dt.datetime(value // 10000, value // 100 % 100, value % 100)
    return from_excel(float(value))


class DateType(FieldType):
    key = "date"
    palette_rank = 80
    widget = "date"
    label = {"zh": "日期", "en": "Date"}
    sql_kind = "date"
    operators = ORDERED_OPS
    inline_editable = True
    export = "date"
    sheet_hint = {"zh": "日期,如 2024-01-05", "en": "a date, e.g. 2024-01-05"}
    sheet_example = "$today"
    aggregations = ORDERED_AGGREGATIONS
    palette_group = "basic"
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.Date()

    def value_schema(self) -> dict:
        return {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}

    def coerce(self, value):
        t = type(value)
        if t is str:
            if len(value) == 10 and value[4] == "-" == value[7] and value.isascii():
                try:
                    dt.date.fromisoformat(value)
                    return value
                except ValueError:
                    pass
            if not value.strip(WHITESPACE):
                return None
            try:
                return parse_when(value)[0].isoformat()
            except ValueError:
                raise self._bad(value) from None
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None:
                value = value.astimezone().replace(tzinfo=None)
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if t is not bool and isinstance(value, numbers.Real):
            try:
                return from_number(value).date().isoformat()
            except (ValueError, OverflowError):
                raise self._bad(value) from None
        raise self._bad(value)

    def to_db(self, value):
        return dt.date.fromisoformat(value) if type(value) is str else value

    def from_db(self, value):
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return value.isoformat() if isinstance(value, dt.date) else value

    def convertible(self, db_value) -> bool:
        """Numbers are not dates (an integer column of 3s is not 1900-01-03), and a
        time of day other than midnight would be lost."""
        if db_value is None:
            return True
        if isinstance(db_value, dt.datetime):
            return db_value.time() == dt.time(0)
        if isinstance(db_value, dt.date):
            return True
        if not isinstance(db_value, str):
            return False
        try:
            _, time = parse_when(db_value)
        except ValueError:
            return False
        return time is None or time == dt.time(0)

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_date", f"“{shown(value)}”不是有效的日期",
                           f"“{shown(value)}” is not a valid date")
