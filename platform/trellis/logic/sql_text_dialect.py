"""SQL constructs of the formula text operators, spelled per dialect (SQLite and PostgreSQL;
others refuse), plain SQL only:

- AsciiCase: upper / lower of ASCII letters only. Trimmed: trim (spaces, tabs, newlines,
  U+3000). RightPart: right. Position: find (characters, 0 when absent). DateText: the
  evaluator's text of a date / date-time ("YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.ffffff]").
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal as T

from .sql_formula_dialect import TRIM_PG, TRIM_SQLITE, FormulaElement, Unary, refuse


class AsciiCase(FormulaElement):
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


class Trimmed(Unary):
    """`x` without spaces, tabs, newlines and U+3000 at either end."""

    inherit_cache = True


@compiles(Trimmed, "sqlite")
def _trim_sqlite(el, compiler, **kw):
    return f"trim({compiler.process(el.x, **kw)}, {TRIM_SQLITE})"


@compiles(Trimmed, "postgresql")
def _trim_pg(el, compiler, **kw):
    return f"btrim({compiler.process(el.x, **kw)}, {TRIM_PG})"


class DateText(Unary):
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


class _Binary(FormulaElement):
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


for _cls in (AsciiCase, Trimmed, DateText, RightPart, Position):
    compiles(_cls)(refuse)
