"""SQL constructs of the formula operators (formulas.py), spelled per dialect (SQLite and
PostgreSQL; others refuse). Plain SQL only (no functions registered on a connection), so
the expressions work on any connection and in indexes.

- Rounded: x rounded like formulas.rounded_integer (the decimal of x's 15 significant
  digits, rounded to `digits` decimals by a mode). PostgreSQL: numeric arithmetic on
  CAST(x AS numeric), which keeps exactly 15 significant digits of a double. SQLite: the
  15 digits come from printf('%.14e'), the shifted value is rounded with a tolerance of
  two units in the last place (a decimal of 15 digits is never that close to a rounding
  boundary without being on it), and the integer is divided by the power of ten.
- Round15: x as the double nearest its 15 significant digits (the aggregates).
- NumberText: to_text of a number. TextNumber: to_number of a text.
- DatePart: year / month / day / hour / minute / weekday. MakeDate: make_date.
- AsciiCase: upper / lower of ASCII letters only. Trimmed: trim. RightPart: right.
  Position: find. DateText: the evaluator's text of a date / date-time.
- Extreme: min / max of non-NULL doubles. WholeCount: a count truncated to an integer.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal as T

TRIM_SQLITE = "' ' || char(9, 10, 13, 12288)"
TRIM_PG = "(' ' || chr(9) || chr(10) || chr(13) || chr(12288))"
_GROW = "1.000000000000000444"
_SHRINK = "0.999999999999999556"


def _refuse(element, compiler, **kw):
    raise CompileError(f"JsonLogic formula SQL supports sqlite, postgresql, not {compiler.dialect.name}")


class Rounded(ColumnElement):
    """`x` (a double) rounded to `digits` decimals: mode half / down / up / floor / ceil."""

    inherit_cache = True
    type = sa.Float()
    _traverse_internals = [("x", T.dp_clauseelement), ("digits", T.dp_plain_obj), ("mode", T.dp_string)]

    def __init__(self, x, digits: int, mode: str):
        self.x, self.digits, self.mode = x, digits, mode


def _pow10(d: int) -> str:
    return f"1e{d}"


@compiles(Rounded, "sqlite")
def _rounded_sqlite(el, compiler, **kw):
    x, d = compiler.process(el.x, **kw), el.digits
    n = f"CAST(printf('%.14e', {x}) AS REAL)"
    v = f"({n} * {_pow10(d)})" if d >= 0 else f"({n} / {_pow10(-d)})"
    grow, shrink = f"(abs({v}) * {_GROW})", f"(abs({v}) * {_SHRINK})"
    half = f"CAST({grow} + 0.5 AS INTEGER)"
    down = f"CAST({grow} AS INTEGER)"
    up = f"(CAST({shrink} AS INTEGER) + (CAST({shrink} AS INTEGER) < {shrink}))"
    k = {"half": half, "down": down, "up": up,
         "floor": f"(CASE WHEN {v} < 0 THEN {up} ELSE {down} END)",
         "ceil": f"(CASE WHEN {v} < 0 THEN {down} ELSE {up} END)"}[el.mode]
    signed = f"(CASE WHEN {v} < 0 THEN -{k} ELSE {k} END)"
    back = f"({signed} / {_pow10(d)})" if d >= 0 else f"({signed} * {_pow10(-d)})"
    return f"(CASE WHEN {x} IS NULL THEN NULL WHEN abs({v}) >= 1e15 THEN {n} ELSE {back} END)"


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


class Round15(ColumnElement):
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


class NumberText(ColumnElement):
    """to_text of `x` (a double): rounded to 10 decimals, plain notation, no trailing zeros."""

    inherit_cache = True
    type = sa.Text()
    _traverse_internals = [("x", T.dp_clauseelement)]

    def __init__(self, x):
        self.x = x


@compiles(NumberText, "sqlite")
def _number_text_sqlite(el, compiler, **kw):
    r = compiler.process(Rounded(el.x, 10, "half"), **kw)
    # printf is exact to 15 significant digits only: as many decimals as the integer part leaves
    places = f"max(0, min(10, 15 - length(CAST(CAST(abs({r}) AS INTEGER) AS TEXT))))"
    return (f"(CASE WHEN {r} IS NULL THEN NULL WHEN {r} = 0 THEN '0' WHEN {places} = 0 THEN printf('%.0f', {r}) "
            f"ELSE rtrim(rtrim(printf('%.*f', {places}, {r}), '0'), '.') END)")


@compiles(NumberText, "postgresql")
def _number_text_pg(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    t = f"CAST(round(CAST(CAST({x} AS DOUBLE PRECISION) AS NUMERIC), 10) AS TEXT)"
    return f"(CASE WHEN {x} = 0 THEN '0' ELSE rtrim(rtrim({t}, '0'), '.') END)"


class TextNumber(ColumnElement):
    """to_number of a text: a plain decimal (blanks around it ignored) or NULL."""

    inherit_cache = True
    type = sa.Float()
    _traverse_internals = [("s", T.dp_clauseelement)]

    def __init__(self, s):
        self.s = s


@compiles(TextNumber, "sqlite")
def _text_number_sqlite(el, compiler, **kw):
    t = f"trim({compiler.process(el.s, **kw)}, {TRIM_SQLITE})"
    u = f"(CASE WHEN substr({t}, 1, 1) IN ('+', '-') THEN substr({t}, 2) ELSE {t} END)"
    ok = f"({u} <> '' AND {u} NOT GLOB '*[^0-9.]*' AND {u} NOT GLOB '*.*.*' AND {u} GLOB '*[0-9]*')"
    return f"(CASE WHEN {ok} THEN CAST({t} AS REAL) END)"


@compiles(TextNumber, "postgresql")
def _text_number_pg(el, compiler, **kw):
    t = f"btrim({compiler.process(el.s, **kw)}, {TRIM_PG})"
    return (f"(CASE WHEN {t} ~ '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$' "
            f"THEN CAST({t} AS DOUBLE PRECISION) END)")


class DatePart(ColumnElement):
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


class MakeDate(ColumnElement):
    """The date of whole numbers y, m, d (doubles) naming a real day, else NULL."""

    inherit_cache = True
    type = sa.Date()
    _traverse_internals = [("y", T.dp_clauseelement), ("m", T.dp_clauseelement), ("d", T.dp_clauseelement)]

    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d


def _month_days(y: str, m: str) -> str:
    leap = f"(CASE WHEN (mod({y}, 4) = 0 AND mod({y}, 100) <> 0) OR mod({y}, 400) = 0 THEN 1 ELSE 0 END)"
    return f"(CASE WHEN {m} = 2 THEN 28 + {leap} WHEN {m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)"


def _whole(x: str, low: int, high: int, sqlite: bool) -> str:
    integral = f"{x} = CAST({x} AS INTEGER)" if sqlite else f"{x} = floor({x})"
    return f"({x} BETWEEN {low} AND {high} AND {integral})"


@compiles(MakeDate, "sqlite")
def _make_date_sqlite(el, compiler, **kw):
    y, m, d = (compiler.process(e, **kw) for e in (el.y, el.m, el.d))
    ok = " AND ".join([_whole(y, 1, 9999, True), _whole(m, 1, 12, True), _whole(d, 1, 31, True)])
    yi, mi, di = (f"CAST({e} AS INTEGER)" for e in (y, m, d))
    return (f"(CASE WHEN {ok} AND {di} <= {_month_days(yi, mi)} "
            f"THEN printf('%04d-%02d-%02d', {yi}, {mi}, {di}) END)")


@compiles(MakeDate, "postgresql")
def _make_date_pg(el, compiler, **kw):
    y, m, d = (compiler.process(e, **kw) for e in (el.y, el.m, el.d))
    ok = " AND ".join([_whole(y, 1, 9999, False), _whole(m, 1, 12, False), _whole(d, 1, 31, False)])
    yi, mi, di = (f"CAST({e} AS INTEGER)" for e in (y, m, d))
    return (f"(CASE WHEN {ok} THEN (CASE WHEN {di} <= {_month_days(yi, mi)} "
            f"THEN make_date({yi}, {mi}, {di}) END) END)")


class AsciiCase(ColumnElement):
    """`s` with its ASCII letters upper-cased (upper) or lower-cased (lower)."""

    inherit_cache = True
    type = sa.Text()
    _traverse_internals = [("s", T.dp_clauseelement), ("upper", T.dp_plain_obj)]

    def __init__(self, s, upper: bool):
        self.s, self.upper = s, upper


_LOW, _UP = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@compiles(AsciiCase, "sqlite")
def _case_sqlite(el, compiler, **kw):
    return f"{'upper' if el.upper else 'lower'}({compiler.process(el.s, **kw)})"


@compiles(AsciiCase, "postgresql")
def _case_pg(el, compiler, **kw):
    a, b = (_LOW, _UP) if el.upper else (_UP, _LOW)
    return f"translate({compiler.process(el.s, **kw)}, '{a}', '{b}')"


class _Unary(ColumnElement):
    inherit_cache = True
    type = sa.Text()
    _traverse_internals = [("x", T.dp_clauseelement), ("kind", T.dp_string)]

    def __init__(self, x, kind: str = ""):
        self.x, self.kind = x, kind


class Trimmed(_Unary):
    """`x` without spaces, tabs, newlines and U+3000 at either end."""

    inherit_cache = True


@compiles(Trimmed, "sqlite")
def _trim_sqlite(el, compiler, **kw):
    return f"trim({compiler.process(el.x, **kw)}, {TRIM_SQLITE})"


@compiles(Trimmed, "postgresql")
def _trim_pg(el, compiler, **kw):
    return f"btrim({compiler.process(el.x, **kw)}, {TRIM_PG})"


class DateText(_Unary):
    """The evaluator's text of a date ("YYYY-MM-DD") or date-time ("YYYY-MM-DDTHH:MM:SS",
    with ".ffffff" when there is a fraction), `kind` saying which."""

    inherit_cache = True


@compiles(DateText, "sqlite")
def _date_text_sqlite(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    if el.kind == "date":
        return f"date({x})"
    return f"replace(replace({x}, ' ', 'T'), '.000000', '')"


@compiles(DateText, "postgresql")
def _date_text_pg(el, compiler, **kw):
    x = compiler.process(el.x, **kw)
    if el.kind == "date":
        return f"CAST(CAST({x} AS DATE) AS TEXT)"
    ts = f"CAST({x} AS TIMESTAMP)"
    return (f"(to_char({ts}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN "
            f"mod(CAST(EXTRACT(MICROSECONDS FROM {ts}) AS BIGINT), 1000000) <> 0 THEN to_char({ts}, '.US') ELSE '' END)")


class WholeCount(_Unary):
    """A non-negative double `x` truncated to an integer (at most 10**9)."""

    inherit_cache = True
    type = sa.Integer()


@compiles(WholeCount, "sqlite")
def _count_sqlite(el, compiler, **kw):
    return f"CAST(min({compiler.process(el.x, **kw)}, 1e9) AS INTEGER)"


@compiles(WholeCount, "postgresql")
def _count_pg(el, compiler, **kw):
    return f"CAST(trunc(LEAST({compiler.process(el.x, **kw)}, 1e9)) AS INTEGER)"


class _Binary(ColumnElement):
    inherit_cache = True
    _traverse_internals = [("a", T.dp_clauseelement), ("b", T.dp_clauseelement)]

    def __init__(self, a, b):
        self.a, self.b = a, b


class RightPart(_Binary):
    """The last `b` (> 0) characters of `a`."""

    inherit_cache = True
    type = sa.Text()


@compiles(RightPart, "sqlite")
def _right_sqlite(el, compiler, **kw):
    return f"substr({compiler.process(el.a, **kw)}, -({compiler.process(el.b, **kw)}))"


@compiles(RightPart, "postgresql")
def _right_pg(el, compiler, **kw):
    return f"right({compiler.process(el.a, **kw)}, {compiler.process(el.b, **kw)})"


class Position(_Binary):
    """The 1-based character position of `a` in `b`, 0 when absent."""

    inherit_cache = True
    type = sa.Integer()


@compiles(Position, "sqlite")
def _find_sqlite(el, compiler, **kw):
    return f"instr({compiler.process(el.b, **kw)}, {compiler.process(el.a, **kw)})"


@compiles(Position, "postgresql")
def _find_pg(el, compiler, **kw):
    return f"strpos({compiler.process(el.b, **kw)}, {compiler.process(el.a, **kw)})"


class Extreme(ColumnElement):
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


for _cls in (Rounded, Round15, NumberText, TextNumber, DatePart, MakeDate, AsciiCase, Trimmed, DateText,
             WholeCount, RightPart, Position, Extreme):
    compiles(_cls)(_refuse)
