"""The formula operators (formulas.py) in the SQL compiler: values equal to what the
evaluator computes on every row, NULL where it gives null.

Operands are compiled values (Const / Val). A number argument may be a number, bool or
text field (text is read as formulas.num reads it) or a constant; a text argument a text,
number (written as to_text), bool or date field. `round`'s digits, `left` / `right` /
`mid`'s counts may come from fields except for the digits, which must be constant. `cat`
takes text, integer, bool and date values (wrap other numbers in `to_text`); `min` / `max`
numbers; sub-table aggregates ask the resolver's rows object (`aggregate(agg, field)`, see
sql.to_sql_value). Anything else raises LogicError naming the operator.
"""
from __future__ import annotations

import math

import sqlalchemy as sa

from . import dates, formulas
from .errors import not_sql
from .jsvalues import NAN, UNDEF, normalize, to_number, to_string
from .moment import current_zone
from .sql_formula_dialect import (
    DatePart, Extreme, Floor, MakeDate, NumberText, Round15, Rounded, TextNumber, WholeCount,
)
from .sql_text_dialect import AsciiCase, DateText, Position, RightPart, Trimmed
from .sql_values import Const, Val, as_operand, base_type, date_family, float_expr, text_literal

_FLOAT = sa.Float()


def _f(expr, nullable=True):
    return Val(sa.type_coerce(expr, _FLOAT), "number", nullable=nullable)


def _null_number():
    return sa.cast(sa.null(), _FLOAT)


def number_sql(op, x):
    """A number argument as a double expression (NULL: blank), or None for a blank constant."""
    if isinstance(x, Const):
        n = formulas.num(x.value)
        return None if n is None else sa.literal(float(n), _FLOAT)
    if x.kind == "number":
        return float_expr(x)
    if x.kind == "bool":
        return sa.case((x.expr.is_(True), 1.0), (x.expr.is_(False), 0.0), else_=_null_number())
    if x.kind == "text":
        return TextNumber(x.expr)
    raise not_sql(op, f"{x.kind} 字段不是数值", f"a {x.kind} field is not a number")


def text_sql(op, x):
    """A text argument as a text expression (NULL: null), or None for a null constant."""
    if isinstance(x, Const):
        t = formulas.text(x.value)
        return None if t is None else text_literal(t)
    k = x.kind
    if k == "text":
        return x.expr
    if k == "number":
        return NumberText(float_expr(x))
    if k == "bool":
        return sa.case((x.expr.is_(True), "true"), (x.expr.is_(False), "false"), else_=sa.null())
    if k in ("date", "datetime"):
        return DateText(x.expr, k)
    raise not_sql(op, f"{k} 字段不能作为文本", f"a {k} field as text")


def _const_digits(op, d):
    if not isinstance(d, Const):
        raise not_sql(op, "小数位数来自字段", "the number of digits comes from a field")
    return formulas.digits_of(d.value)


def rounding(compiler, op, args):
    vals = compiler.args(args, 2 if op.startswith("round") else 1)
    digits = _const_digits(op, vals[1]) if op.startswith("round") else 0
    x = number_sql(op, vals[0])
    if x is None or digits is None:
        return Const(None)
    mode = {"round": "half", "round_down": "down", "round_up": "up"}.get(op, op)
    never_null = isinstance(vals[0], Val) and not vals[0].nullable and not getattr(vals[0], "nan", False)
    return _f(Rounded(x, digits, mode), nullable=not never_null)


def unary(compiler, op, args):
    x = number_sql(op, compiler.args(args, 1)[0])
    if x is None:
        return Const(None)
    if op == "abs":
        return _f(sa.func.abs(x))
    if op == "sqrt":
        return _f(sa.case((x < 0, _null_number()), else_=sa.func.sqrt(x)))
    return _f(x)


def binary(compiler, op, args):
    vals = compiler.args(args, 2)
    a, b = (number_sql(op, v) for v in vals)
    if b is None or (op == "power" and a is None) or (op != "power" and _const_number(vals[1]) == 0):
        return Const(None)
    if op == "power":
        return _f(_power(a, b, formulas.num(vals[0].value) if isinstance(vals[0], Const) else None))
    a = sa.literal(0.0, _FLOAT) if a is None else sa.func.coalesce(a, 0.0)
    divisor = _const_number(vals[1])
    if op == "div" and divisor is not None and math.isfinite(divisor) and abs(divisor) >= 1:
        return _f(a / b, nullable=False)  # a constant divisor: never null, no test per row
    zero = sa.or_(b.is_(None), b == 0)
    if op == "div":
        return _f(sa.case((zero, _null_number()), else_=a / b))
    return _f(sa.case((zero, _null_number()), else_=a - b * Floor(a / b)))


def _power(a, b, constant_a):
    """a ** b, NULL where the evaluator gives null (complex, infinite) and 0 where it
    underflows (PostgreSQL would raise); a constant base is looked at here, since the
    database may fold constant parts of a CASE before choosing a branch."""
    at_zero = sa.case((b < 0, _null_number()), else_=sa.func.power(a, b))
    if constant_a == 0:
        return at_zero
    log_a = sa.literal(math.log(abs(constant_a)), _FLOAT) if constant_a is not None else sa.func.ln(sa.func.abs(a))
    size = b * log_a
    nonzero = sa.case((size > 709.78, _null_number()), (size < -745.2, 0.0), else_=sa.func.power(a, b))
    complex_root = sa.and_(a < 0, b != Floor(b))
    if constant_a is not None:
        return sa.case((complex_root, _null_number()), else_=nonzero)
    return sa.case((complex_root, _null_number()), (a == 0, at_zero), else_=nonzero)


def total(compiler, op, args):
    nums = [n for n in (number_sql(op, compiler.value(a)) for a in args) if n is not None]
    if not nums:
        return Const(0) if op == "sum" else Const(None)
    s = nums[0] if len(nums) == 1 and op == "avg" else sa.func.coalesce(nums[0], 0.0)
    for n in nums[1:]:
        s = s + sa.func.coalesce(n, 0.0)
    if op == "sum":
        return _f(s, nullable=False)
    seen = sum((sa.case((n.is_(None), 0), else_=1) for n in nums[1:]), sa.case((nums[0].is_(None), 0), else_=1))
    return _f(sa.case((seen == 0, _null_number()), else_=s / sa.cast(seen, _FLOAT)))


def to_number_op(compiler, op, args):
    v = compiler.args(args, 1)[0]
    x = None if isinstance(v, Val) and v.kind in ("date", "datetime") else number_sql(op, v)
    return Const(None) if x is None else _f(x)


def _text(expr, nullable=True):
    return Val(sa.type_coerce(expr, sa.Text()), "text", nullable=nullable)


def _int(expr, nullable=True):
    return Val(sa.type_coerce(expr, sa.Integer()), "number", nullable=nullable)


def text_op(compiler, op, args):
    s = text_sql(op, compiler.args(args, 1)[0])
    if op == "len":
        return Const(0) if s is None else _int(sa.func.coalesce(sa.func.length(s), 0), nullable=False)
    if s is None:
        return Const(None)
    if op in ("upper", "lower"):
        return _text(AsciiCase(s, op == "upper"))
    if op == "to_text":
        return _text(s)
    return _text(Trimmed(s))


_BIG = 1_000_000_000


def count_sql(op, x, default):
    """A count argument as an integer expression (NULL: blank or negative), or None."""
    if isinstance(x, Const):
        if x.value is UNDEF and default is not None:
            return sa.literal(default, sa.Integer())
        n = formulas.num(x.value)
        if n is None or n < 0:
            return None
        return sa.literal(int(min(n, _BIG)), sa.Integer())
    n = number_sql(op, x)
    return sa.case((sa.or_(n.is_(None), n < 0), sa.null()), else_=WholeCount(n))


def slicing(compiler, op, args):
    vals = compiler.args(args, 3 if op == "mid" else 2)
    s = text_sql(op, vals[0])
    n = count_sql(op, vals[-1], None if op == "mid" else 1)
    if s is None or n is None:
        return Const(None)
    if op == "left":
        return _text(sa.func.substr(s, 1, n))
    if op == "right":
        return _text(sa.case((n == 0, sa.func.substr(s, 1, 0)), else_=RightPart(s, n)))
    start = count_sql(op, vals[1], None)
    if start is None or (isinstance(vals[1], Const) and formulas.num(vals[1].value) < 1):
        return Const(None)
    return _text(sa.case((start < 1, sa.null()), else_=sa.func.substr(s, start, n)))


def replace(compiler, op, args):
    s, old, new = (text_sql(op, v) for v in compiler.args(args, 3))
    if s is None:
        return Const(None)
    if old is None:
        return _text(s)
    new = text_literal("") if new is None else sa.func.coalesce(new, "")
    return _text(sa.case((sa.or_(old.is_(None), old == ""), s), else_=sa.func.replace(s, old, new)))


def find(compiler, op, args):
    needle, s = (text_sql(op, v) for v in compiler.args(args, 2))
    if needle is None or s is None:
        return Const(None)
    return _int(Position(needle, s))


def coalesce(compiler, op, args):
    vals = [compiler.value(a) for a in args]
    kept = []
    for v in vals:
        if isinstance(v, Const):
            if formulas.coalesce(v.value) is None:
                continue
            kept.append(v)
            break
        kept.append(v)
    if not kept:
        return Const(None)
    if isinstance(kept[0], Val) and not kept[0].nullable and kept[0].kind != "text":
        return kept[0]  # never null: the rest is never reached
    kinds = {v.kind for v in kept if isinstance(v, Val)} | {_kind_of(op, v.value) for v in kept if isinstance(v, Const)}
    if len(kinds) != 1 or not kinds <= {"number", "text", "bool", "date", "datetime"}:
        raise not_sql(op, "各参数的值类型不同", "arguments of different kinds")
    kind = kinds.pop()
    whens = []
    for v in kept[:-1] if isinstance(kept[-1], Const) else kept:
        e = float_expr(v) if kind == "number" else v.expr
        ok = e.is_not(None) if kind != "text" else sa.and_(e.is_not(None), e != "")
        whens.append((ok, e))
    tail = _literal(kind, kept[-1].value) if isinstance(kept[-1], Const) else sa.null()
    nullable = not isinstance(kept[-1], Const)
    expr = sa.case(*whens, else_=tail) if whens else tail
    return Val(sa.type_coerce(expr, _FLOAT if kind == "number" else whens[0][1].type if whens else sa.Text()),
               kind, nullable=nullable)


def _kind_of(op, v):
    if v is True or v is False:
        return "bool"
    if v.__class__ in (int, float):
        return "number"
    if v.__class__ is str:
        return "text"
    raise not_sql(op, "常量值类型不受支持", f"the constant {v!r}")


def _literal(kind, v):
    if kind == "number":
        return sa.literal(float(v), _FLOAT)
    if kind == "bool":
        return sa.true() if v else sa.false()
    return text_literal(v)


def cat(compiler, op, args):
    parts = []
    for v in (compiler.value(a) for a in args):
        if isinstance(v, Const):
            s = "" if v.value is None or v.value is UNDEF else to_string(v.value)
            parts.append(text_literal(s))
            continue
        if v.kind == "number":
            t = base_type(v.expr.type)
            if v.nan or not isinstance(t, sa.Integer):
                raise not_sql(op, "非整数的数值请用 to_text 转为文本", "a number that may have decimals: wrap it in to_text")
            e = sa.cast(v.expr, sa.Text())
        else:
            e = text_sql(op, v)
        parts.append(sa.func.coalesce(e, ""))
    if not parts:
        return Const("")
    expr = parts[0]
    for p in parts[1:]:
        expr = sa.type_coerce(expr, sa.Text()) + sa.type_coerce(p, sa.Text())
    return _text(expr, nullable=False)


def extreme(compiler, op, args):
    vals = [compiler.value(a) for a in args]
    if all(isinstance(v, Const) for v in vals):
        return Const(compiler_const(op, vals))
    exprs, nans = [], []
    for v in vals:
        if isinstance(v, Const):
            n = to_number(normalize(v.value))
            if n != n:
                return Const(NAN)
            exprs.append(sa.literal(float(n), _FLOAT))
        elif v.kind == "number":
            e = float_expr(v)
            if v.nan:
                nans.append(e)
            exprs.append(sa.func.coalesce(e, 0.0) if v.nullable and not v.nan else e)
        elif v.kind == "bool":
            exprs.append(sa.case((v.expr.is_(True), 1.0), else_=0.0))
        else:
            raise not_sql(op, f"{v.kind} 字段不能比较大小", f"{op} over a {v.kind} field")
    expr = exprs[0] if len(exprs) == 1 else Extreme(exprs, op == "max")
    if nans:
        expr = sa.case((sa.or_(*[e.is_(None) for e in nans]), _null_number()), else_=expr)
    return Val(sa.type_coerce(expr, _FLOAT), "number", nullable=bool(nans), nan=bool(nans))


def compiler_const(op, vals):
    from .operations import OPS

    return OPS[op][0](*[v.value for v in vals])


def date_part(compiler, op, args):
    x = compiler.args(args, 1)[0]
    if isinstance(x, Const):
        return Const(dates.part(normalize(x.value), op, current_zone()))
    if x.kind not in ("date", "datetime") or date_family(x) not in (x.kind, "text"):
        raise not_sql(op, f"{x.kind} 字段不是日期", f"a {x.kind} field is not a date")
    return _int(DatePart(x.expr, op), nullable=x.nullable)


def _const_number(v):
    return formulas.num(v.value) if isinstance(v, Const) else None


def make_date(compiler, op, args):
    vals = compiler.args(args, 3)
    for v, high in zip(vals, (9999, 12, 31)):  # a constant out of range would make PostgreSQL raise
        n = _const_number(v)
        if isinstance(v, Const) and (n is None or n != int(n) or not 1 <= n <= high):
            return Const(None)
    y, m, d = (number_sql(op, v) for v in vals)
    return Val(MakeDate(y, m, d), "date", nullable=True)


_AGG = {"sum_of": "sum", "avg_of": "avg", "min_of": "min", "max_of": "max", "count_of": "count"}


def aggregate(compiler, op, args):
    rows = compiler.rows(args[0]) if args else Const(None)
    if isinstance(rows, Const):
        return Const(compiler_const(op, [rows] + compiler.args(args[1:], 1)))
    if rows.kind != "rows":
        raise not_sql(op, "第一个参数必须是子表字段", "the first argument must be a sub-table field")
    field = compiler.value(args[1]) if len(args) > 1 else Const(UNDEF)
    if not isinstance(field, Const):
        raise not_sql(op, "子表字段名必须是常量", "the sub-table field must be a constant")
    name = None if field.value is UNDEF else formulas.text(field.value)
    if name is None and op != "count_of":
        return Const(compiler_const(op, [Const([]), field]))
    got = as_operand(rows.expr.aggregate(_AGG[op], name))
    if not isinstance(got, Val):
        raise not_sql(op, "子表字段的类型不受支持", "the sub-table field's type")
    if op == "count_of":
        return _int(sa.func.coalesce(got.expr, 0), nullable=False)
    if op in ("min_of", "max_of") and got.kind in ("date", "datetime"):
        return Val(got.expr, got.kind, nullable=True)
    if got.kind != "number":
        raise not_sql(op, f"子表的 {got.kind} 字段不能汇总", f"{op} over a {got.kind} sub-table field")
    value = float_expr(got)
    if op == "sum_of":
        return _f(Round15(sa.func.coalesce(value, 0.0)), nullable=False)
    return _f(Round15(value) if op == "avg_of" else value)


HANDLERS = {
    **{op: rounding for op in ("round", "round_down", "round_up", "floor", "ceil")},
    **{op: unary for op in ("abs", "sqrt")},
    **{op: binary for op in ("power", "div", "mod")},
    "sum": total, "avg": total, "to_number": to_number_op,
    **{op: text_op for op in ("len", "upper", "lower", "trim", "to_text")},
    **{op: slicing for op in ("left", "right", "mid")},
    "replace": replace, "find": find, "coalesce": coalesce, "cat": cat,
    "min": extreme, "max": extreme,
    **{op: date_part for op in dates.PARTS},
    "make_date": make_date,
    **{op: aggregate for op in _AGG},
}
