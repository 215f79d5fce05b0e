"""Date values of the rule language and the arithmetic of the date operators, in Python.

A date is the text "YYYY-MM-DD" (a date field's value); a date-time is "YYYY-MM-DDTHH:MM:SS"
(a date-time field's value: naive, the wall clock of the instance's time zone). Input may
also use a space for "T", omit the seconds, carry a fraction (dropped: the operators work
to the second) or end with "Z" / "+08:00" (converted to the instance zone's wall clock).
Anything else (numbers, other spellings, impossible dates) is not a date and makes the
operator's result null. All arithmetic is on the wall clock (no daylight-saving shifts).

- `date_add(x, amount, unit)`: amount an integer (JS `Number(amount)`), unit one of UNITS.
  Months and years keep the day of month, clamped to the month's last day (Jan 31 + 1
  month = Feb 28/29). A date stays a date for days/weeks/months/years and becomes a
  date-time for hours/minutes/seconds.
- `date_diff(a, b, unit)`: a - b. "days": calendar days between the two dates (the time
  of day ignored); "hours" / "minutes": whole hours / minutes elapsed, truncated toward zero;
  "months" / "years": whole months / years elapsed (a spreadsheet's DATEDIF "M" / "Y"): from
  the earlier to the later, a month counts once the later one's day of month and time of day
  reach the earlier's (Jan 31 to Feb 29 is 0 months; Feb 29 2024 to Feb 28 2025 is 0
  years), negative when a is before b.
- `part(x, unit)`: year, month, day, hour, minute of x (a date's hour is 0), or weekday
  (1 = Monday ... 7 = Sunday). `make_date(y, m, d)`: the date, null unless all three are
  integers naming a real day of years 1..9999.
- `start_of(x, unit)`: the first moment of x's day / week (Monday) / month / year; a
  date stays a date, a date-time gets 00:00:00.

The browser (frontend/src/logic/dates.ts) and SQL (sql_dates.py) implement exactly this;
tests/logic/date_cases.json holds the cases all three must answer alike.
"""
from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from .jsvalues import to_number

UNITS = ("years", "months", "weeks", "days", "hours", "minutes", "seconds")
DIFF_UNITS = ("days", "hours", "minutes", "months", "years")
PARTS = ("year", "month", "day", "hour", "minute", "weekday")
START_UNITS = ("day", "week", "month", "year")
MAX_AMOUNT = 1_000_000
DATE_UNITS = frozenset({"years", "months", "weeks", "days"})

_WHEN = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?",
    re.ASCII)
_SECONDS = {"weeks": 7 * 86400, "days": 86400, "hours": 3600, "minutes": 60, "seconds": 1}


def parse(value, zone: ZoneInfo):
    """("date" | "datetime", naive datetime) for a date value, else None."""
    if value.__class__ is not str:
        return None
    m = _WHEN.fullmatch(value)
    if m is None:
        return None
    y, mo, d, h, mi, s, off = m.groups()
    try:
        if h is None:
            return "date", datetime(int(y), int(mo), int(d))
        when = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        return None
    if off is not None:
        if off == "Z":
            tz = timezone.utc
        else:
            digits = off[1:].replace(":", "")
            delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            if delta >= timedelta(hours=24):
                return None
            tz = timezone(-delta if off[0] == "-" else delta)
        try:
            when = when.replace(tzinfo=tz).astimezone(zone).replace(tzinfo=None)
        except OverflowError:
            return None
    return "datetime", when


def render(kind: str, when: datetime) -> str:
    return when.date().isoformat() if kind == "date" else when.isoformat(timespec="seconds")


def amount_of(value):
    """The integer an amount stands for, or None (not an integer, or beyond MAX_AMOUNT)."""
    n = to_number(value)
    if n != n or n in (float("inf"), float("-inf")) or n != int(n) or abs(n) > MAX_AMOUNT:
        return None
    return int(n)


def add_months(when: datetime, months: int) -> datetime:
    """`when` moved by whole months, the day clamped to the target month's length."""
    index = when.year * 12 + when.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise OverflowError(year)
    day = min(when.day, calendar.monthrange(year, month + 1)[1])
    return when.replace(year=year, month=month + 1, day=day)


def date_add(value, amount, unit, zone: ZoneInfo):
    parsed, n = parse(value, zone), amount_of(amount)
    if parsed is None or n is None or unit not in UNITS:
        return None
    kind, when = parsed
    try:
        if unit in ("months", "years"):
            when = add_months(when, n * 12 if unit == "years" else n)
        else:
            when = when + timedelta(seconds=n * _SECONDS[unit])
    except OverflowError:
        return None
    return render(kind if unit in DATE_UNITS else "datetime", when)


def date_diff(a, b, unit, zone: ZoneInfo):
    pa, pb = parse(a, zone), parse(b, zone)
    if pa is None or pb is None or unit not in DIFF_UNITS:
        return None
    wa, wb = pa[1], pb[1]
    if unit == "days":
        return (wa.date() - wb.date()).days
    if unit in ("months", "years"):
        return whole_months(wa, wb, unit) if wa >= wb else -whole_months(wb, wa, unit)
    seconds = int((wa - wb).total_seconds())
    step = 3600 if unit == "hours" else 60
    return abs(seconds) // step * (1 if seconds >= 0 else -1)


def whole_months(later: datetime, earlier: datetime, unit: str) -> int:
    """Whole months (or years) from `earlier` to `later` (later >= earlier)."""
    if unit == "years":
        short = (later.month, later.day, later.time()) < (earlier.month, earlier.day, earlier.time())
        return later.year - earlier.year - short
    short = (later.day, later.time()) < (earlier.day, earlier.time())
    return (later.year - earlier.year) * 12 + later.month - earlier.month - short


def part(value, unit: str, zone: ZoneInfo):
    parsed = parse(value, zone)
    if parsed is None:
        return None
    when = parsed[1]
    return when.isoweekday() if unit == "weekday" else getattr(when, unit)


def make_date(y, m, d):
    """"YYYY-MM-DD" for whole numbers y, m, d naming a real day (years 1..9999), else None."""
    parts = []
    for x in (y, m, d):
        if x.__class__ not in (int, float) or not math.isfinite(x) or x != int(x):
            return None
        parts.append(int(x))
    try:
        return date(*parts).isoformat()
    except (ValueError, OverflowError):
        return None


def start_of(value, unit, zone: ZoneInfo):
    parsed = parse(value, zone)
    if parsed is None or unit not in START_UNITS:
        return None
    kind, when = parsed
    day = when.date()
    if unit == "week":
        day = day - timedelta(days=day.weekday())
    elif unit == "month":
        day = day.replace(day=1)
    elif unit == "year":
        day = date(day.year, 1, 1)
    return render(kind, datetime.combine(day, datetime.min.time()))
