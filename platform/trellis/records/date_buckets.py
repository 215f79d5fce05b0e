"""Dates grouped by period, as text that sorts in time and reads the same on both databases:
day `2026-03-02`, ISO week `2026-W09` (weeks start on Monday; a week belongs to the year of
its Thursday), month `2026-03`, quarter `2026-Q1`, year `2026`. A date column keeps
`YYYY-MM-DD` and a date-time column `YYYY-MM-DD HH:MM:SS...` (SQLite's text; PostgreSQL's
own types), so the period is a prefix of that text on SQLite and `to_char` on PostgreSQL."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa


def _k(value):
    """A constant written into the SQL, not bound: the same expression in SELECT and GROUP BY
    (a database that compares them, as DuckDB does, sees two different parameters)."""
    if isinstance(value, int):
        return sa.literal_column(str(value), sa.Integer)
    return sa.literal_column("'" + value.replace("'", "''") + "'", sa.String)

UNITS = ("day", "week", "month", "quarter", "year")
_PG = {"day": "YYYY-MM-DD", "week": 'IYYY-"W"IW', "month": "YYYY-MM", "quarter": 'YYYY-"Q"Q', "year": "YYYY"}
_PREFIX = {"day": 10, "month": 7, "year": 4}


def bucket(expr, unit: str, dialect: str):
    """The period of `expr` (a date or date-time column or expression) as text."""
    if unit not in UNITS:
        raise ValueError(unit)
    if dialect == "postgresql":
        return sa.func.to_char(expr, _k(_PG[unit]))
    text = sa.cast(expr, sa.String)
    if unit in _PREFIX:
        return sa.func.substr(text, _k(1), _k(_PREFIX[unit]))
    if unit == "week":
        return sa.func.trellis_iso_week(text)
    month = sa.cast(sa.func.substr(text, _k(6), _k(2)), sa.Integer)
    quarter = sa.cast((month + _k(2)) / _k(3), sa.Integer)
    return sa.func.substr(text, _k(1), _k(4)).op("||")(_k("-Q")).op("||")(sa.cast(quarter, sa.String))



def iso_week(text):
    """`YYYY-Www` of a `YYYY-MM-DD...` text: SQLite's `trellis_iso_week` (storage/database.py;
    strftime has no %G / %V before 3.46), a macro of the columnar replica's."""
    if text is None:
        return None
    try:
        year, week, _day = date.fromisoformat(str(text)[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"
