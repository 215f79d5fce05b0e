"""Typed operands of the JsonLogic-to-SQL compiler and how literals are bound against them.

`SqlField` is what a resolver may return for a field: a column expression plus its
kind. A plain column is classified by its SQLAlchemy type. Kinds and the value the
Python evaluator sees for them (the contract both sides rely on):

- text: str; number: int/float (Decimal is read as float); bool: bool;
- date: "YYYY-MM-DD" (`date.isoformat()`); datetime: naive `datetime.isoformat()`;
- json_array: a list (or null) stored in a JSON column; json: any JSON value;
- rows: a sub-table (a list of row objects); its `column` is an object with
  `aggregate(agg, field) -> SqlField` (see sql.to_sql_value).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.elements import BindParameter, ClauseElement, ColumnElement
from sqlalchemy.types import TypeDecorator

KINDS = frozenset({"text", "number", "bool", "date", "datetime", "json_array", "json", "rows"})
MAX_SAFE_INT = 2**53


@dataclass(frozen=True)
class SqlField:
    """A field as SQL sees it: `column` (an SQL expression of the kind's type) and `kind`."""

    column: Any
    kind: str
    nullable: bool = True

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown SqlField kind {self.kind!r}; expected one of {sorted(KINDS)}")


@dataclass(frozen=True)
class Const:
    """A value known at compile time (a JS value, possibly UNDEF)."""

    value: Any


@dataclass(frozen=True)
class Val:
    """A value computed by SQL. `nan`: SQL NULL here stands for NaN (arithmetic), not null."""

    expr: Any
    kind: str
    nullable: bool = True
    nan: bool = False


def base_type(t):
    while isinstance(t, TypeDecorator):
        t = t.impl_instance
    return t


def kind_of_type(t) -> str | None:
    t = base_type(t)
    if isinstance(t, sa.Boolean):
        return "bool"
    if isinstance(t, (sa.Integer, sa.Numeric)):
        return "number"
    if isinstance(t, sa.DateTime):
        return None if t.timezone else "datetime"
    if isinstance(t, sa.Date):
        return "date"
    if isinstance(t, sa.JSON):
        return "json"
    if isinstance(t, sa.String):
        return "text"
    return None


def as_operand(resolved):
    """Turn what a resolver returned into a Const, a Val, or None (unsupported type).

    Accepted: a SqlField or any object with `column` and `kind` (and optionally
    `nullable`), a column expression or ORM attribute, or a bound literal (a constant).
    """
    if isinstance(resolved, SqlField):
        return Val(_clause(resolved.column), resolved.kind, resolved.nullable)
    if not isinstance(resolved, ClauseElement) and hasattr(resolved, "column") and hasattr(resolved, "kind"):
        field = SqlField(resolved.column, resolved.kind, getattr(resolved, "nullable", True))
        return Val(_clause(field.column), field.kind, field.nullable)
    resolved = _clause(resolved)
    if isinstance(resolved, BindParameter) and resolved.callable is None:
        from .jsvalues import normalize

        return Const(normalize(resolved.value))
    if not isinstance(resolved, ColumnElement):
        raise TypeError(f"resolve() must return a column expression or SqlField, not {resolved!r}")
    kind = kind_of_type(resolved.type)
    if kind is None:
        return None
    return Val(resolved, kind, getattr(resolved, "nullable", True) is not False)


def _clause(x):
    return x.__clause_element__() if hasattr(x, "__clause_element__") else x


def canonical_date(kind: str, s: str):
    """The date/datetime a canonical literal names, or None when `s` is not canonical."""
    try:
        if kind == "date":
            d = date.fromisoformat(s)
        else:
            d = datetime.fromisoformat(s)
            if d.tzinfo is not None:
                return None
    except ValueError:
        return None
    return d if d.isoformat() == s else None


def bind_date(val: Val, value):
    """A literal for a date/datetime column: typed when the column is, else its ISO text."""
    t = base_type(val.expr.type)
    if isinstance(t, sa.DateTime):
        return sa.literal(value, sa.DateTime())
    if isinstance(t, sa.Date):
        return sa.literal(value, sa.Date())
    return sa.literal(value.isoformat(), sa.Text())


def date_family(val: Val) -> str:
    t = base_type(val.expr.type)
    return "datetime" if isinstance(t, sa.DateTime) else "date" if isinstance(t, sa.Date) else "text"


def number_ok(n) -> bool:
    """A JS number that SQL can hold exactly: finite, and within 2**53 when an int."""
    if n.__class__ is int:
        return -MAX_SAFE_INT <= n <= MAX_SAFE_INT
    return n.__class__ is float and math.isfinite(n)


def exact_numeric(t) -> bool:
    """Numeric (decimal) columns of at most 15 significant digits compare like doubles."""
    t = base_type(t)
    return (isinstance(t, sa.Numeric) and not isinstance(t, sa.Float)
            and t.precision is not None and t.precision <= 15)


def number_side(val: Val):
    """(expression, literal style) for comparing a number operand with numbers.

    Integer and Float columns compare as they are; decimal columns of up to 15 digits
    compare with decimal literals (exact, index-friendly); other decimals are cast to
    double precision so that SQL compares exactly what JS compares.
    """
    t = base_type(val.expr.type)
    if isinstance(t, sa.Integer):
        return val.expr, "int"
    if isinstance(t, sa.Float):
        return val.expr, "float"
    if exact_numeric(t):
        return val.expr, "decimal"
    if isinstance(t, sa.Numeric):
        return sa.cast(val.expr, sa.Float()), "float"
    return val.expr, "float"


def number_literal(style: str, n):
    if n.__class__ is int:
        return sa.literal(n, sa.BigInteger())
    if style == "decimal":
        return sa.literal(Decimal(repr(n)), sa.Numeric())
    return sa.literal(n, sa.Float())


def float_expr(val: Val):
    """The operand as double precision, for arithmetic that must round like JS."""
    return sa.cast(val.expr, sa.Float())


def text_literal(s: str):
    return sa.literal(s, sa.Text())
