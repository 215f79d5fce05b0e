"""The date operators in the SQL compiler: `date_add`, `date_diff` and `start_of` over date
and date-time fields (and over values computed from them).

`now` and `today` never get here: within one query the clock is a constant, so the
compiler folds them (and anything computed from them alone, such as "three days ago")
into literals, read from the context's clock (moment.py) when the rule is compiled; a
condition like `created_at >= date_add(now, -3, "days")` thus compares the column with a
literal and can use its index. The unit must be a constant, and so must `date_add`'s
amount; a constant that is not a date makes the result null, as in the evaluator.
"""
from __future__ import annotations

import sqlalchemy as sa

from . import dates
from .errors import bad_arguments, not_sql
from .jsvalues import normalize
from .moment import current_zone
from .sql_date_dialect import DateDiff, DateShift, DateStart
from .sql_values import Const, Val, date_family

_ARITY = {"date_add": 3, "date_diff": 3, "start_of": 2}
_UNITS = {"date_add": dates.UNITS, "date_diff": dates.DIFF_UNITS, "start_of": dates.START_UNITS}


def date_operation(compiler, op: str, args):
    """The SQL value (Const or Val) of a date operator whose operands include a field."""
    vals = compiler.args(args, _ARITY[op])
    unit = vals[-1]
    if not isinstance(unit, Const):
        raise not_sql(op, "单位来自字段", "the unit comes from a field")
    if unit.value not in _UNITS[op]:
        raise bad_arguments(op, f"单位 {unit.value!r} 无效,可用:{'、'.join(_UNITS[op])}",
                            f"the unit {unit.value!r} is not one of {', '.join(_UNITS[op])}")
    if op == "date_diff":
        return _diff(op, vals[0], vals[1], unit.value)
    x = _operand(op, vals[0])
    if isinstance(x, Const):
        return x
    if op == "start_of":
        return Val(DateStart(x.expr, x.kind, unit.value), x.kind, nullable=x.nullable)
    amount = vals[1]
    if not isinstance(amount, Const):
        raise not_sql(op, "数量来自字段", "the amount comes from a field")
    n = dates.amount_of(normalize(amount.value))
    if n is None:
        return Const(None)
    kind = x.kind if unit.value in dates.DATE_UNITS else "datetime"
    return Val(DateShift(x.expr, x.kind, kind, n, unit.value), kind, nullable=x.nullable)


def _operand(op: str, v):
    """A date / date-time Val stored as its kind says, a typed literal Val for a constant
    date, or Const(None) for a constant that is not a date."""
    if isinstance(v, Const):
        parsed = dates.parse(normalize(v.value), current_zone())
        if parsed is None:
            return Const(None)
        kind, when = parsed
        value = when.date() if kind == "date" else when
        return Val(sa.literal(value, sa.Date() if kind == "date" else sa.DateTime()), kind, nullable=False)
    if v.kind not in ("date", "datetime") or date_family(v) != v.kind:
        raise not_sql(op, f"{v.kind} 字段不是日期", f"a {v.kind} field is not a date")
    return v


def _diff(op: str, a, b, unit: str):
    a, b = _operand(op, a), _operand(op, b)
    if isinstance(a, Const) or isinstance(b, Const):
        return Const(None)
    return Val(DateDiff(a.expr, b.expr, unit), "number", nullable=a.nullable or b.nullable)
