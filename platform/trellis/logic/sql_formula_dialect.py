"""SQL constructs of the formula operators (formulas.py), spelled per dialect (SQLite and
PostgreSQL; others refuse). Plain SQL only (no functions registered on a connection), so
the expressions work on any connection and in indexes.

- Rounded: x rounded like formulas.rounded_integer (the decimal of x's 15 significant
  digits, rounded to `digits` decimals by a mode). PostgreSQL: numeric arithmetic on
  CAST(x AS numeric), which keeps exactly 15 significant digits of a double. SQLite: the
  15 digits come from printf('%.14e'); their exponent is shifted by `digits` in the text,
  so that the double read back is exact at every rounding boundary (k + 0.5, k); the
  rounded integer is divided by the power of ten (one correctly rounded division).
  A long operand (a nested formula) is spelled once, as the column of a one-row subquery
  (`let`), rather than repeated; over plain columns the expressions have no subquery.
- Round15: x as the double nearest its 15 significant digits (the aggregates).
- NumberText: to_text of a number. TextNumber: to_number of a text.
- DatePart: year / month / day / hour / minute / weekday. MakeDate: make_date.
- Extreme: min / max of non-NULL doubles. WholeCount: a count truncated to an integer.
  Floor: floor of a double.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal as T

TRIM_SQLITE = "' ' || char(9, 10, 13, 12288)"
TRIM_PG = "(' ' || chr(9) || chr(10) || chr(13) || chr(12288))"
LET_ABOVE = 400


class FormulaElement(ColumnElement):
    """An SQL construct whose FROM objects are those of its operands (so that
    `select(expr)` finds the tables it reads)."""

    inherit_cache = True

    @property
    def _from_objects(self):
        return [f for child in self.get_children() for f in child._from_objects]


def refuse(element, compiler, **kw):
    raise CompileError(f"JsonLogic formula SQL supports sqlite, postgresql, not {compiler.dialect.name}")


class Rounded(FormulaElement):
    """`x` (a double) rounded to `digits` decimals: mode half / down / up / floor / ceil."""

    inherit_cache = True
    type = sa.Float()
    _traverse_internals = [("x", T.dp_clauseelement), ("digits", T.dp_plain_obj), ("mode", T.dp_string)]

    def __init__(self, x, digits: int, mode: str):
        self.x, self.digits, self.mode = x, digits, mode


def _pow10(d: int) -> str:
    return f"1e{d}"


def let(operands: list[str], build) -> str:
    """`build(*names)` over SQL operands, each spelled once: a long operand (a nested formula)
    becomes a column of a one-row subquery instead of being repeated inside `build`."""
    if all(len(x) <= LET_ABOVE for x in operands):
        return build(*operands)
    names = [f"_jl_{i}" if len(x) > LET_ABOVE else x for i, x in enumerate(operands)]
    cols = ", ".join(f"{x} AS {n}" for x, n in zip(operands, names) if n != x)
    return f"(SELECT {build(*names)} FROM (SELECT {cols}))"


def _rounded_sqlite_sql(x: str, d: int, mode: str) -> str:
    def shifted(e):  # the 15-digit decimal of x times 10**d, read once: exact at halves
        return let([e], lambda t: (f"CAST(substr({t}, 1, instr({t}, 'e') - 1) || 'e' || "
                                   f"(CAST(substr({t}, instr({t}, 'e') + 1) AS INTEGER) + {d}) AS REAL)"))

    text = f"printf('%.14e', {x})"

    def build(v):
        a = f"abs({v})"
        k = {"half": f"CAST({a} + 0.5 AS INTEGER)", "down": f"CAST({a} AS INTEGER)",
             "up": f"(CAST({a} AS INTEGER) + (CAST({a} AS INTEGER) < {a}))"}
        k["floor"] = f"(CASE WHEN {v} < 0 THEN {k['up']} ELSE {k['down']} END)"
        k["ceil"] = f"(CASE WHEN {v} < 0 THEN {k['down']} ELSE {k['up']} END)"
        signed = f"(CASE WHEN {v} < 0 THEN -{k[mode]} ELSE {k[mode]} END)"
        back = f"({signed} / {_pow10(d)})" if d >= 0 else f"({signed} * {_pow10(-d)})"
        return (f"(CASE WHEN {x} IS NULL THEN NULL WHEN {a} >= 1e15 THEN CAST({text} AS REAL) "
                f"ELSE {back} END)")

    return let([shifted(text)], build)


@compiles(Rounded, "sqlite")
def _rounded_sqlite(el, compiler, **kw):
    return let([compiler.process(el.x, **kw)], lambda x: _rounded_sqlite_sql(x, el.digits, el.mode))


@compiles(Rounded, "postgresql")
def _rounded_pg(el, compiler, **kw):
    x, d = compiler.process(el.x, **kw), el.digits
    n = f"CAST(CAST({x} AS DOUBLE PRECISION) AS NUMERIC)"
    if el.mode == "half":
        r = f"round({n}, {d})"
    elif el.mode == "down":
        r = f"trunc({n}, {d})"
    else:
        p = f"CAST('1e{d}' AS NUMERIC)"
        up = f"(sign({n}) * ceil(abs({n}) * {p}) / {p})"
        r = {"up": up, "floor": f"(floor({n} * {p}) / {p})", "ceil": f"(ceil({n} * {p}) / {p})"}[el.mode]
    return f"CAST({r} AS DOUBLE PRECISION)"


class Round15(FormulaElement):
    """`x` (a number) as the double nearest its 15 significant digits."""

    inherit_cache = True
    type = sa.Float()
    _traverse_internals = [("x", T.dp_clauseelement)]

    def __init__(self, x):
        self.x = x


@compiles(Round15, "sqlite")
def _round15_sqlite(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    return f"(CASE WHEN {x} IS NULL THEN NULL ELSE CAST(printf('%.14e', {x}) AS REAL) END)"


@compiles(Round15, "postgresql")
def _round15_pg(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    return f"CAST(CAST(CAST({x} AS DOUBLE PRECISION) AS NUMERIC) AS DOUBLE PRECISION)"


class NumberText(FormulaElement):
    """to_text of `x` (a double): rounded to 10 decimals, plain notation, no trailing zeros."""

    inherit_cache = True
    type = sa.Text()
    _traverse_internals = [("x", T.dp_clauseelement)]

    def __init__(self, x):
        self.x = x


@compiles(NumberText, "sqlite")
def _number_text_sqlite(el, compiler, **kw):
    rounded = let([compiler.process(el.x, **kw)], lambda x: _rounded_sqlite_sql(x, 10, "half"))

    def text(r):
        # printf is exact to 15 significant digits only: as many decimals as the integer part leaves
        places = f"max(0, min(10, 15 - length(CAST(CAST(abs({r}) AS INTEGER) AS TEXT))))"
        return (f"(CASE WHEN {r} IS NULL THEN NULL WHEN {r} = 0 THEN '0' WHEN {places} = 0 "
                f"THEN printf('%.0f', {r}) ELSE rtrim(rtrim(printf('%.*f', {places}, {r}), '0'), '.') END)")

    return let([rounded], text)


@compiles(NumberText, "postgresql")
def _number_text_pg(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    t = f"CAST(round(CAST(CAST({x} AS DOUBLE PRECISION) AS NUMERIC), 10) AS TEXT)"
    return f"(CASE WHEN {x} = 0 THEN '0' ELSE rtrim(rtrim({t}, '0'), '.') END)"


class TextNumber(FormulaElement):
    """to_number of a text: a plain decimal (blanks around it ignored) or NULL."""

    inherit_cache = True
    type = sa.Float()
    _traverse_internals = [("s", T.dp_clauseelement)]

    def __init__(self, s):
        self.s = s


@compiles(TextNumber, "sqlite")
def _text_number_sqlite(el, compiler, **kw):
    def build(t):
        u = f"(CASE WHEN substr({t}, 1, 1) IN ('+', '-') THEN substr({t}, 2) ELSE {t} END)"
        ok = f"({u} <> '' AND {u} NOT GLOB '*[^0-9.]*' AND {u} NOT GLOB '*.*.*' AND {u} GLOB '*[0-9]*')"
        return f"(CASE WHEN {ok} AND abs(CAST({t} AS REAL)) < 9e999 THEN CAST({t} AS REAL) END)"

    return let([f"trim({compiler.process(el.s, **kw)}, {TRIM_SQLITE})"], build)


@compiles(TextNumber, "postgresql")
def _text_number_pg(el, compiler, **kw):
    t = f"btrim({compiler.process(el.s, **kw)}, {TRIM_PG})"
    return (f"(CASE WHEN {t} ~ '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$' THEN (CASE WHEN "
            f"abs(CAST({t} AS NUMERIC)) < 1.7976931348623158e308 THEN CAST({t} AS DOUBLE PRECISION) END) END)")


class DatePart(FormulaElement):
    """year / month / day / hour / minute / weekday (1 = Monday) of a date or date-time."""

    inherit_cache = True
    type = sa.Integer()
    _traverse_internals = [("x", T.dp_clauseelement), ("unit", T.dp_string)]

    def __init__(self, x, unit: str):
        self.x, self.unit = x, unit


_SQLITE_PART = {"year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M"}
_PG_PART = {"year": "YEAR", "month": "MONTH", "day": "DAY", "hour": "HOUR", "minute": "MINUTE",
            "weekday": "ISODOW"}


@compiles(DatePart, "sqlite")
def _part_sqlite(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    if el.unit == "weekday":
        return f"((CAST(strftime('%w', {x}) AS INTEGER) + 6) % 7 + 1)"
    return f"CAST(strftime('{_SQLITE_PART[el.unit]}', {x}) AS INTEGER)"


@compiles(DatePart, "postgresql")
def _part_pg(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    return f"CAST(EXTRACT({_PG_PART[el.unit]} FROM CAST({x} AS TIMESTAMP)) AS INTEGER)"


class MakeDate(FormulaElement):
    """The date of whole numbers y, m, d (doubles) naming a real day, else NULL."""

    inherit_cache = True
    type = sa.Date()
    _traverse_internals = [("y", T.dp_clauseelement), ("m", T.dp_clauseelement), ("d", T.dp_clauseelement)]

    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d


def _month_days(y: str, m: str, sqlite: bool) -> str:
    def mod(a, b):  # psycopg reads a bare % as a placeholder; SQLite's mod() needs its math functions
        return f"({a} % {b})" if sqlite else f"mod({a}, {b})"

    leap = f"(CASE WHEN ({mod(y, 4)} = 0 AND {mod(y, 100)} <> 0) OR {mod(y, 400)} = 0 THEN 1 ELSE 0 END)"
    return f"(CASE WHEN {m} = 2 THEN 28 + {leap} WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"


def _whole(x: str, low: int, high: int, sqlite: bool) -> str:
    integral = f"{x} = CAST({x} AS INTEGER)" if sqlite else f"{x} = floor({x})"
    return f"({x} BETWEEN {low} AND {high} AND {integral})"


@compiles(MakeDate, "sqlite")
def _make_date_sqlite(el, compiler, **kw):
    def build(y, m, d):
        ok = " AND ".join([_whole(y, 1, 9999, True), _whole(m, 1, 12, True), _whole(d, 1, 31, True)])
        yi, mi, di = (f"CAST({e} AS INTEGER)" for e in (y, m, d))
        return (f"(CASE WHEN {ok} AND {di} <= {_month_days(yi, mi, True)} "
                f"THEN printf('%04d-%02d-%02d', {yi}, {mi}, {di}) END)")

    return let([compiler.process(e, **kw) for e in (el.y, el.m, el.d)], build)


@compiles(MakeDate, "postgresql")
def _make_date_pg(el, compiler, **kw):
    y, m, d = (compiler.process(e, **kw) for e in (el.y, el.m, el.d))
    ok = " AND ".join([_whole(y, 1, 9999, False), _whole(m, 1, 12, False), _whole(d, 1, 31, False)])
    yi, mi, di = (f"CAST({e} AS INTEGER)" for e in (y, m, d))
    return (f"(CASE WHEN {ok} THEN (CASE WHEN {di} <= {_month_days(yi, mi, False)} "
            f"THEN make_date({yi}, {mi}, {di}) END) END)")


class Unary(FormulaElement):
    """A construct over one expression `x` (and a `kind` string)."""

    inherit_cache = True
    type = sa.Text()
    _traverse_internals = [("x", T.dp_clauseelement), ("kind", T.dp_string)]

    def __init__(self, x, kind: str = ""):
        self.x, self.kind = x, kind


class Floor(Unary):
    """The greatest integer not above the double `x` (a double). Not SQLite's floor(): that
    is a math function some builds lack, and SQLAlchemy replaces it with a Python one."""

    inherit_cache = True
    type = sa.Float()


@compiles(Floor, "sqlite")
def _floor_sqlite(el, compiler, **kw):
    def build(x):
        i = f"CAST({x} AS INTEGER)"
        return (f"(CASE WHEN abs({x}) >= 4503599627370496 THEN {x} "
                f"WHEN {x} < {i} THEN CAST({i} - 1 AS REAL) ELSE CAST({i} AS REAL) END)")

    return let([compiler.process(el.x, **kw)], build)


@compiles(Floor, "postgresql")
def _floor_pg(el, compiler, **kw):
    return f"floor({compiler.process(el.x, **kw)})"


class WholeCount(Unary):
    """A non-negative double `x` truncated to an integer (at most 10**9)."""

    inherit_cache = True
    type = sa.Integer()


@compiles(WholeCount, "sqlite")
def _count_sqlite(el, compiler, **kw):
    return f"CAST(min({compiler.process(el.x, **kw)}, 1e9) AS INTEGER)"


@compiles(WholeCount, "postgresql")
def _count_pg(el, compiler, **kw):
    return f"CAST(trunc(LEAST({compiler.process(el.x, **kw)}, 1e9)) AS INTEGER)"


class Extreme(FormulaElement):
    """The least (or greatest) of several non-NULL doubles."""

    inherit_cache = True
    type = sa.Float()
    _traverse_internals = [("items", T.dp_clauseelement_list), ("greatest", T.dp_plain_obj)]

    def __init__(self, items, greatest: bool):
        self.items, self.greatest = list(items), greatest


@compiles(Extreme, "sqlite")
def _extreme_sqlite(el, compiler, **kw):
    return f"{'max' if el.greatest else 'min'}({', '.join(compiler.process(x, **kw) for x in el.items)})"


@compiles(Extreme, "postgresql")
def _extreme_pg(el, compiler, **kw):
    return f"{'GREATEST' if el.greatest else 'LEAST'}({', '.join(compiler.process(x, **kw) for x in el.items)})"


for _cls in (Rounded, Round15, NumberText, TextNumber, DatePart, MakeDate, Floor, WholeCount, Extreme):
    compiles(_cls)(refuse)
