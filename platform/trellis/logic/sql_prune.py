"""Simplifications of compiled conditions that keep their answer and help the planner."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BinaryExpression, BooleanClauseList, Null


def _null_test(e, op):
    """The column of `<col> IS NULL` (op is_) or `<col> IS NOT NULL` (op is_not), else None."""
    if isinstance(e, BinaryExpression) and e.operator is op and isinstance(e.right, Null):
        return e.left
    return None


def _flatten_and(exprs):
    out = []
    for e in exprs:
        if isinstance(e, BooleanClauseList) and e.operator is operators.and_:
            out.extend(_flatten_and(e.clauses))
        else:
            out.append(e)
    return out


def prune_null_alternatives(exprs):
    """Within an AND that already requires `c IS NOT NULL`, `c IS NULL OR x` is just x.

    JsonLogic makes `null <= 5` true, so a range written as two comparisons compiles to
    `c IS NOT NULL AND c >= a AND (c IS NULL OR c <= b)`; dropping the dead alternative
    keeps the same answer and lets the database use c's index for both bounds."""
    flat = _flatten_and(exprs)
    known = [c for e in flat if (c := _null_test(e, operators.is_not)) is not None]
    if not known:
        return flat
    out = []
    for e in flat:
        if isinstance(e, BooleanClauseList) and e.operator is operators.or_:
            rest = [c for c in e.clauses
                    if not ((col := _null_test(c, operators.is_)) is not None and any(col.compare(k) for k in known))]
            if not rest:
                return [sa.false()]
            if len(rest) < len(e.clauses):
                e = rest[0] if len(rest) == 1 else sa.or_(*rest)
        out.append(e)
    return out
