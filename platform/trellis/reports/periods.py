"""Periods of a report: the current and the previous period of a comparison, a date range
as a filter rule, and the days behind one period's label (what a clicked bar covers).

Ranges are inclusive dates `(start, end)`. A comparison's current period is the calendar
period (`week` from Monday, `month`, `quarter`, `year`, `day`) that holds today, or the
range a dashboard's date filter gives; the previous period is the calendar period before
it when the range is one, otherwise as many days just before it. Labels are those of
records/date_buckets.py: `2026-03-02`, `2026-W09`, `2026-03`, `2026-Q1`, `2026`."""
from __future__ import annotations

import re
from datetime import date, timedelta

UNITS = ("day", "week", "month", "quarter", "year")
_LABEL = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "week": re.compile(r"^(\d{4})-W(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def period_of(day: date, unit: str) -> tuple[date, date]:
    """The calendar period of `unit` holding `day`."""
    if unit == "day":
        return day, day
    if unit == "week":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if unit == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    if unit == "quarter":
        first = 3 * ((day.month - 1) // 3) + 1
        return date(day.year, first, 1), _month_end(day.year, first + 2)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    raise ValueError(unit)


def previous(start: date, end: date) -> tuple[date, date]:
    """The period before: the calendar one when (start, end) is a calendar period, else as
    many days just before."""
    for unit in ("month", "quarter", "year", "week"):
        if period_of(start, unit) == (start, end):
            return period_of(start - timedelta(days=1), unit)
    days = (end - start).days + 1
    return start - timedelta(days=days), start - timedelta(days=1)


def range_rule(field: str, start: date, end: date, timed: bool = False) -> dict:
    """`field` within [start, end], whole days (`timed`: a date-time field, from the start's
    midnight to the midnight after the end)."""
    def text(d: date) -> str:
        return f"{d.isoformat()}T00:00:00" if timed else d.isoformat()
    return {"and": [{">=": [{"var": field}, text(start)]}, {"<": [{"var": field}, text(end + timedelta(days=1))]}]}


def timed(form, name: str) -> bool:
    """Is field `name` of `form` a date-time (a system time, or of type datetime)?"""
    if name in ("created_at", "updated_at"):
        return True
    t = form.field(name) if "." not in name else None
    return t is not None and t.field.get("type") == "datetime"


def label_range(label, unit: str) -> tuple[date, date] | None:
    """The days of one period label (None when it is not one)."""
    m = _LABEL.get(unit, re.compile("$^")).match(str(label or ""))
    if m is None:
        return None
    try:
        n = [int(x) for x in m.groups()]
        if unit == "day":
            return period_of(date(*n), "day")
        if unit == "week":
            monday = date.fromisocalendar(n[0], n[1], 1)
            return monday, monday + timedelta(days=6)
        if unit == "month":
            return period_of(date(n[0], n[1], 1), "month")
        if unit == "quarter":
            return period_of(date(n[0], 3 * n[1] - 2, 1), "quarter")
        return period_of(date(n[0], 1, 1), "year")
    except ValueError:
        return None


def parse_range(value) -> tuple[date, date] | None:
    """["YYYY-MM-DD", "YYYY-MM-DD"] as dates in order (None when it is not a range)."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    try:
        start, end = (date.fromisoformat(str(v)[:10]) for v in value)
    except ValueError:
        return None
    return (start, end) if start <= end else (end, start)
