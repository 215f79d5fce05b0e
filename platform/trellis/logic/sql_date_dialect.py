"""The date operators' SQL, spelled per dialect (SQLite and PostgreSQL; others refuse).

Operands are date / date-time expressions in their column's storage: SQLite keeps a date
as 'YYYY-MM-DD' and a date-time as 'YYYY-MM-DD HH:MM:SS.ffffff' (SQLAlchemy's format, so
computed values compare with columns and bound literals as text); PostgreSQL keeps DATE
and TIMESTAMP WITHOUT TIME ZONE. Every construct works to the second (fractions dropped),
on the wall clock, and is NULL when its operand is NULL, as dates.py defines it.

- DateShift: x + amount units (months/years clamped to the month's last day).
- DateStart: the start of x's day / week (Monday) / month / year.
- DateDiff: a - b in calendar days, whole hours / minutes (truncated toward zero), or
  whole months / years elapsed (the later one's day of month and time, or month, day and
  time, reach the earlier one's; negative when a is before b).
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal as T

_SQLITE_SECONDS = "strftime('%Y-%m-%d %H:%M:%S', {})"
_MIDNIGHT = " || ' 00:00:00.000000'"
_FRACTION = " || '.000000'"
_PG_UNIT = {"years": "1 year", "months": "1 month", "weeks": "7 days", "days": "1 day",
            "hours": "1 hour", "minutes": "1 minute", "seconds": "1 second"}


class _DateElement(ColumnElement):
    """A date construct whose FROM objects are those of its operands."""

    inherit_cache = True

    @property
    def _from_objects(self):
        return [f for child in self.get_children() for f in child._from_objects]


def _type(kind: str):
    return sa.Date() if kind == "date" else sa.DateTime()


class DateShift(_DateElement):
    """`expr` (of kind `kind_in`) moved by `amount` `unit`s, a value of kind `kind_out`."""

    inherit_cache = True
    _traverse_internals = [("expr", T.dp_clauseelement), ("amount", T.dp_clauseelement),
                           ("kind_in", T.dp_string), ("kind_out", T.dp_string), ("unit", T.dp_string)]

    def __init__(self, expr, kind_in: str, kind_out: str, amount: int, unit: str):
        self.expr, self.kind_in, self.kind_out, self.unit = expr, kind_in, kind_out, unit
        if unit == "years":
            amount, self.unit = amount * 12, "months"
        elif unit == "weeks":
            amount, self.unit = amount * 7, "days"
        self.amount = sa.literal(amount, sa.Integer())
        self.type = _type(kind_out)


@compiles(DateShift, "sqlite")
def _shift_sqlite(el, compiler, **kw):
    x, n = compiler.process(el.expr, **kw), compiler.process(el.amount, **kw)
    if el.unit != "months":
        mod = f"printf('%+d {el.unit}', {n})"
        if el.kind_out == "date":
            return f"date({x}, {mod})"
        return f"({_SQLITE_SECONDS.format(f'{x}, {mod}')}{_FRACTION})"
    first = f"date({x}, 'start of month', printf('%+d months', {n}))"
    last = f"date({x}, 'start of month', printf('%+d months', {n} + 1), '-1 days')"
    day = f"date({first}, printf('+%d days', CAST(strftime('%d', {x}) AS INTEGER) - 1))"
    clamped = f"min({day}, {last})"
    if el.kind_out == "date":
        return clamped
    return f"({clamped} || ' ' || strftime('%H:%M:%S', {x}){_FRACTION})"


@compiles(DateShift, "postgresql")
def _shift_pg(el, compiler, **kw):
    x, n = compiler.process(el.expr, **kw), compiler.process(el.amount, **kw)
    base = f"date_trunc('second', CAST({x} AS TIMESTAMP))"
    moved = f"({base} + CAST({n} AS INTEGER) * INTERVAL '{_PG_UNIT[el.unit]}')"
    return f"CAST({moved} AS DATE)" if el.kind_out == "date" else moved


class DateStart(_DateElement):
    """The start of `expr`'s day / week / month / year, of the same kind."""

    inherit_cache = True
    _traverse_internals = [("expr", T.dp_clauseelement), ("kind", T.dp_string), ("unit", T.dp_string)]

    def __init__(self, expr, kind: str, unit: str):
        self.expr, self.kind, self.unit = expr, kind, unit
        self.type = _type(kind)


_SQLITE_START = {"day": "", "week": ", '-6 days', 'weekday 1'", "month": ", 'start of month'",
                 "year": ", 'start of year'"}


@compiles(DateStart, "sqlite")
def _start_sqlite(el, compiler, **kw):
    day = f"date({compiler.process(el.expr, **kw)}{_SQLITE_START[el.unit]})"
    return day if el.kind == "date" else f"({day}{_MIDNIGHT})"


@compiles(DateStart, "postgresql")
def _start_pg(el, compiler, **kw):
    start = f"date_trunc('{el.unit}', CAST({compiler.process(el.expr, **kw)} AS TIMESTAMP))"
    return f"CAST({start} AS DATE)" if el.kind == "date" else start


class DateDiff(_DateElement):
    """`a` - `b` in `unit` (days, hours, minutes, months, years), an integer."""

    inherit_cache = True
    type = sa.Integer()
    _traverse_internals = [("a", T.dp_clauseelement), ("b", T.dp_clauseelement), ("unit", T.dp_string)]

    def __init__(self, a, b, unit: str):
        self.a, self.b, self.unit = a, b, unit


_STEP = {"hours": 3600, "minutes": 60}
_SQLITE_KEY = {"months": "%d %H:%M:%S", "years": "%m-%d %H:%M:%S"}
_PG_KEY = {"months": "DD HH24:MI:SS", "years": "MM-DD HH24:MI:SS"}


def _whole_months(unit, a, b, stamp, count, key):
    """CASE for whole months / years from the earlier of a, b to the later, signed."""
    def span(x, y):
        return f"({count(x)} - {count(y)} - (CASE WHEN {key(x)} < {key(y)} THEN 1 ELSE 0 END))"

    return f"(CASE WHEN {stamp(a)} >= {stamp(b)} THEN {span(a, b)} ELSE -{span(b, a)} END)"


def _sqlite_count(unit):
    if unit == "years":
        return lambda x: f"CAST(strftime('%Y', {x}) AS INTEGER)"
    return lambda x: f"(CAST(strftime('%Y', {x}) AS INTEGER) * 12 + CAST(strftime('%m', {x}) AS INTEGER))"


def _pg_count(unit):
    if unit == "years":
        return lambda x: f"CAST(EXTRACT(YEAR FROM CAST({x} AS TIMESTAMP)) AS INTEGER)"
    return lambda x: (f"CAST(EXTRACT(YEAR FROM CAST({x} AS TIMESTAMP)) * 12 "
                      f"+ EXTRACT(MONTH FROM CAST({x} AS TIMESTAMP)) AS INTEGER)")


@compiles(DateDiff, "sqlite")
def _diff_sqlite(el, compiler, **kw):
    a, b = compiler.process(el.a, **kw), compiler.process(el.b, **kw)
    if el.unit == "days":
        return f"CAST(julianday(date({a})) - julianday(date({b})) AS INTEGER)"
    if el.unit in _SQLITE_KEY:
        return _whole_months(el.unit, a, b, lambda x: _SQLITE_SECONDS.format(x), _sqlite_count(el.unit),
                             lambda x: f"strftime('{_SQLITE_KEY[el.unit]}', {x})")
    seconds = f"(CAST(strftime('%s', {a}) AS INTEGER) - CAST(strftime('%s', {b}) AS INTEGER))"
    return f"({seconds} / {_STEP[el.unit]})"


@compiles(DateDiff, "postgresql")
def _diff_pg(el, compiler, **kw):
    a, b = compiler.process(el.a, **kw), compiler.process(el.b, **kw)
    if el.unit == "days":
        return f"(CAST({a} AS DATE) - CAST({b} AS DATE))"
    if el.unit in _PG_KEY:
        return _whole_months(el.unit, a, b, lambda x: f"date_trunc('second', CAST({x} AS TIMESTAMP))",
                             _pg_count(el.unit), lambda x: f"to_char(CAST({x} AS TIMESTAMP), '{_PG_KEY[el.unit]}')")
    span = (f"(date_trunc('second', CAST({a} AS TIMESTAMP)) - date_trunc('second', CAST({b} AS TIMESTAMP)))")
    return f"CAST(trunc(EXTRACT(EPOCH FROM {span}) / {_STEP[el.unit]}) AS BIGINT)"


def _refuse(element, compiler, **kw):
    raise CompileError(f"JsonLogic date SQL supports sqlite, postgresql, not {compiler.dialect.name}")


for _cls in (DateShift, DateStart, DateDiff):
    compiles(_cls)(_refuse)
