"""Dates grouped by period, as text that sorts in time and reads the same on both databases:
day `2026-03-02`, ISO week `2026-W09` (weeks start on Monday; a week belongs to the year of
its Thursday), month `2026-03`, quarter `2026-Q1`, year `2026`. A date column keeps
`YYYY-MM-DD` and a date-time column `YYYY-MM-DD HH:MM:SS...` (SQLite's text; PostgreSQL's
own types), so the period is a prefix of that text on SQLite and `to_char` on PostgreSQL."""
from __future__ import annotations

import sqlalchemy as sa

UNITS = ("day", "week", "month", "quarter", "year")
_PG = {"day": "YYYY-MM-DD", "week": 'IYYY-"W"IW', "month": "YYYY-MM", "quarter": 'YYYY-"Q"Q', "year": "YYYY"}
_PREFIX = {"day": 10, "month": 7, "year": 4}


def bucket(expr, unit: str, dialect: str):
    """The period of `expr` (a date or date-time column or expression) as text."""
    if unit not in UNITS:
        raise ValueError(unit)
    if dialect == "postgresql":
        return sa.func.to_char(expr, _PG[unit])
    text = sa.cast(expr, sa.String)
    if unit in _PREFIX:
        return sa.func.substr(text, 1, _PREFIX[unit])
    if unit == "week":
        return _iso_week(sa.func.substr(text, 1, 10))
    month = sa.cast(sa.func.substr(text, 6, 2), sa.Integer)
    return sa.func.substr(text, 1, 4).op("||")("-Q").op("||")(sa.cast((month + 2) // 3, sa.String))


def _iso_week(day):
    """`YYYY-Www` of a `YYYY-MM-DD` text on SQLite (no %G / %V before 3.46): the week's
    Thursday gives its year, its day of that year the week's number."""
    weekday = (sa.cast(sa.func.strftime("%w", day), sa.Integer) + 6) % 7  # Monday 0
    thursday = sa.func.date(day, sa.func.printf("%+d days", 3 - weekday))
    number = (sa.cast(sa.func.strftime("%j", thursday), sa.Integer) - 1) // 7 + 1
    return sa.func.strftime("%Y", thursday).op("||")("-W").op("||")(sa.func.printf("%02d", number))
