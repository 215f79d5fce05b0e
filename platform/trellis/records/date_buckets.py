"""Dates grouped by period, as text that sorts in time and reads the same on both databases:
day `2026-03-02`, trading day `2026-03-02` (a day the exchanges do not trade counts for the
next one, a date-time's night session for the next day's: `trellis_trading_days`), ISO week
`2026-W09` (weeks start on Monday; a week belongs to the year of its Thursday: SQLite's
`trellis_iso_week`, storage/sqlite_week.py), month `2026-03`, quarter `2026-Q1`, year `2026`. A date column keeps
`YYYY-MM-DD` and a date-time column `YYYY-MM-DD HH:MM:SS...` (SQLite's text; PostgreSQL's
own types), so the period is a prefix of that text on SQLite and `to_char` on PostgreSQL."""
from __future__ import annotations

import sqlalchemy as sa


def _k(value):
    """A constant written into the SQL, not bound: the same expression in SELECT and GROUP BY
    (a database that compares them, as DuckDB does, sees two different parameters)."""
    if isinstance(value, int):
        return sa.literal_column(str(value), sa.Integer)
    return sa.literal_column("'" + value.replace("'", "''") + "'", sa.String)

UNITS = ("day", "trading_day", "week", "month", "quarter", "year")
_PG = {"day": "YYYY-MM-DD", "week": 'IYYY-"W"IW', "month": "YYYY-MM", "quarter": 'YYYY-"Q"Q', "year": "YYYY"}
_PREFIX = {"day": 10, "month": 7, "year": 4}


def bucket(expr, unit: str, dialect: str, timed: bool = False):
    """The period of `expr` (a date or date-time column or expression; `timed`: a date-time)
    as text."""
    if unit not in UNITS:
        raise ValueError(unit)
    if unit == "trading_day":
        return _trading_day(expr, dialect, timed)
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



def _trading_day(expr, dialect: str, timed: bool):
    """The trading day (`YYYY-MM-DD`) a day counts for, from `trellis_trading_days`
    (flows/trading_days.py); a date-time three hours later first (a night session, 21:00
    on, is the next trading day's). A day past the table's years is its own."""
    from ..storage.models import trading_day as days

    if dialect == "postgresql":
        day = sa.cast(expr + sa.text("interval '3 hours'"), sa.Date) if timed else sa.cast(expr, sa.Date)
        found = sa.select(days.c.trading_day).where(days.c.day == day).scalar_subquery()
        return sa.func.to_char(sa.func.coalesce(found, day), _k("YYYY-MM-DD"))
    day = sa.func.date(expr, _k("+3 hours")) if timed else sa.func.substr(sa.cast(expr, sa.String), _k(1), _k(10))
    found = sa.select(days.c.trading_day).where(days.c.day == day).scalar_subquery()
    return sa.func.coalesce(sa.cast(found, sa.String), day)

