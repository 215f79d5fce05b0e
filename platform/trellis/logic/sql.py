"""Compile a JsonLogic condition into a SQLAlchemy boolean expression.

`to_sql(rule, resolve)` returns a two-valued (never NULL) expression that is true on
exactly the rows where `truthy(evaluate(rule, row))` is true, `row` holding every field
as the evaluator sees it (one key per field, null for NULL; per-kind values in
sql_values). `resolve(name)` maps a `var` name to a column expression, a `SqlField`,
a bound literal (`sqlalchemy.literal(v)`, used as the constant v, e.g. for `$user.`
names), or None (the name is unknown: LogicError).

Supported: ==, !=, ===, !==, <, <=, >, >= (and 3-argument < / <=), and, or, !, !!,
if / ?:, in (value in a literal list; substring of a text field; element of a
json_array field), + - * / % on number fields, starts_with, ends_with, contains,
is_empty, not_empty, log, date_add / date_diff / start_of over date and date-time
fields (sql_dates), the formula operators (sql_formulas: round, div, len, mid, to_text,
year, make_date, coalesce, cat, min, max, sum_of...), and any sub-rule that reads no field (folded by the evaluator; `now`
and `today` count as constants within one query). `and` / `or` / `if` are accepted where only their truthiness matters, or
when every branch is a boolean. Anything else raises LogicError naming the operator:
the compiler refuses rather than give an answer that could differ from the evaluator.
Dialects: SQLite and PostgreSQL.
"""
from __future__ import annotations

import operator
from functools import reduce

import sqlalchemy as sa

from .errors import not_sql, unknown_field, unknown_operator
from .evaluate import compile_node
from .jsvalues import NAN, UNDEF, parse_float, to_number, to_string, truthy
from .limits import check_rule_size
from .operations import OPS
from .structure import is_constant, operation, split_path
from .sql_compare import (
    affix, as_sql, between, conjunction, emptiness, equal, membership, negate, order, pred, truth,
)
from .sql_dates import date_operation
from .sql_formulas import HANDLERS as FORMULA_HANDLERS
from .sql_values import (
    Const, SqlField, Val, as_operand, base_type, date_family, float_expr, number_ok, text_literal,
)

__all__ = ["to_sql", "to_sql_value", "SqlField"]

_EVALUATOR_ONLY = frozenset(OPS) | {"var", "missing", "missing_some", "map", "filter", "reduce",
                                    "all", "none", "some", "if", "?:", "and", "or", "log"}


def to_sql(rule, resolve):
    """The SQL condition equivalent to `rule` (see the module docstring); a rule past the
    size limits (limits.py) is refused first."""
    check_rule_size(rule)
    return _SqlCompiler(resolve).condition(rule)


def to_sql_value(rule, resolve) -> SqlField:
    """The SQL value equal to `evaluate(rule, row)` on every row: a SqlField whose column is
    the expression and whose kind is number, text, bool, date or datetime. Where the
    evaluator gives null (or NaN, from the standard arithmetic) the expression is NULL.
    A bool value is two-valued unless it is a nullable bool field. `resolve` is as for
    `to_sql`; a sub-table field resolves to `SqlField(rows, "rows")`, `rows` having
    `aggregate(agg, field) -> SqlField` (agg: sum, avg, min, max, count; field None for
    count of rows) that returns a correlated scalar subquery over the child rows.
    Raises LogicError naming the operator that has no exactly equivalent SQL."""
    check_rule_size(rule)
    v = _SqlCompiler(resolve).value(rule)
    if isinstance(v, Val):
        if v.kind not in ("number", "text", "bool", "date", "datetime"):
            raise not_sql("var", f"{v.kind} 值不能作为结果", f"a {v.kind} value as the result")
        return SqlField(v.expr, v.kind, v.nullable)
    value = v.value
    if value is None or value is UNDEF or (value.__class__ is float and value != value):
        return SqlField(sa.null(), "text", True)
    if value is True or value is False:
        return SqlField(sa.true() if value else sa.false(), "bool", False)
    if value.__class__ in (int, float) and number_ok(value):
        return SqlField(sa.literal(value, sa.BigInteger() if value.__class__ is int else sa.Float()), "number", False)
    if value.__class__ is str:
        return SqlField(text_literal(value), "text", False)
    raise not_sql("[]", "结果是数组或对象", "the result is an array or object")


def _constant(rule):
    node = compile_node(rule)
    return node.const if node.is_const else node.fn(None)


class _SqlCompiler:
    def __init__(self, resolve):
        self.resolve = resolve
        self.fields: dict[str, object] = {}
        self.rows_allowed = False

    def rows(self, rule):
        """The value of `rule` where a sub-table (kind rows) may stand: an aggregate's first argument."""
        self.rows_allowed = True
        try:
            return self.value(rule)
        finally:
            self.rows_allowed = False

    def condition(self, rule):
        return as_sql(self.truth(rule))

    def truth(self, rule):
        """truthy(rule) as a Const or a two-valued bool Val."""
        if is_constant(rule, clock=True):
            return Const(truthy(_constant(rule)))
        o = operation(rule)
        if o is not None:
            op, args = o
            if op in ("and", "or"):
                return conjunction([self.truth(a) for a in args], disjunction=op == "or")
            if op in ("!", "!!"):
                inner = self.truth(args[0] if args else UNDEF)
                return negate(inner) if op == "!" else inner
            if op in ("if", "?:"):
                return self._if_truth(args)
            if op == "log":
                return self.truth(args[0] if args else UNDEF)
        return truth(self.value(rule))

    def value(self, rule):
        """The value of `rule` as a Const or a Val."""
        if is_constant(rule, clock=True):
            return Const(_constant(rule))
        o = operation(rule)
        if o is None:
            raise not_sql("[]", "数组字面量中包含字段", "an array literal that contains fields")
        op, args = o
        handler = _HANDLERS.get(op)
        if handler is not None:
            return handler(self, op, args)
        if op in _EVALUATOR_ONLY:
            raise not_sql(op, "SQL 中不支持该运算符", "the operator has no SQL translation")
        raise unknown_operator(str(op))

    def args(self, args, n):
        vals = [self.value(a) for a in args[:n]]
        return vals + [Const(UNDEF)] * (n - len(vals))

    def var(self, op, args):
        path = args[0] if args else UNDEF
        if not is_constant(path):
            raise not_sql(op, "字段名是计算出来的", "a computed field name")
        p = _constant(path)
        if len(args) > 1:
            if not is_constant(args[1]) or _constant(args[1]) not in (None, UNDEF):
                raise not_sql(op, "带默认值的 var", "a var with a default value")
        if split_path(p) is None:
            raise not_sql(op, "引用整条数据", "a reference to the whole record")
        name = to_string(p)
        if name not in self.fields:
            resolved = self.resolve(name)
            if resolved is None:
                raise unknown_field(name)
            operand = as_operand(resolved)
            if operand is None:
                raise not_sql(op, f"字段 {name} 的类型不受支持", f"the column type of field {name}")
            self.fields[name] = operand
        operand = self.fields[name]
        if isinstance(operand, Val) and operand.kind == "rows" and not self.rows_allowed:
            raise not_sql(op, f"子表字段 {name} 只能用于 sum_of、avg_of、min_of、max_of、count_of",
                          f"the sub-table field {name} outside sum_of, avg_of, min_of, max_of, count_of")
        return operand

    def compare(self, op, args):
        if op in ("<", "<=") and len(args) >= 3:
            a, b, c = self.args(args, 3)
            if not (isinstance(c, Const) and c.value is UNDEF):
                return between(op, a, b, c)
        a, b = self.args(args, 2)
        if op in ("==", "==="):
            return equal(op, a, b)
        if op in ("!=", "!=="):
            return negate(equal(op, a, b))
        return order(op, a, b)

    def boolean(self, op, args):
        if op in ("!", "!!"):
            return self.truth({op: args})
        if op in ("in", "contains"):
            a, b = self.args(args, 2)
            return membership(op, a, b) if op == "in" else membership(op, b, a)
        if op in ("starts_with", "ends_with"):
            return affix(op, *self.args(args, 2))
        return emptiness(self.args(args, 1)[0], negate_it=op == "not_empty")

    def and_or(self, op, args):
        parts = [self.value(a) for a in args]
        if all(_is_bool(p) for p in parts):
            return conjunction(parts, disjunction=op == "or")
        raise not_sql(op, "只能用作条件,或其各项均为布尔值", "only as a condition, or over boolean operands")

    def arithmetic(self, op, args):
        nodes = [self.value(a) for a in (args[:2] if op in ("-", "/", "%") else args)]
        if op == "*" and len(nodes) == 1:
            return nodes[0]
        for n in nodes:
            if isinstance(n, Val) and n.kind != "number":
                raise not_sql(op, f"{n.kind} 字段不能参与算术", f"arithmetic on a {n.kind} field")
        if op in ("+", "*"):
            terms = []
            for n in nodes:
                if isinstance(n, Const):
                    x = parse_float(n.value)
                    if x != x:
                        return Const(NAN)
                    terms.append(self._number_literal(op, x))
                else:
                    terms.append(float_expr(n))
            expr = reduce(operator.add if op == "+" else operator.mul, terms)
            nullable = any(isinstance(n, Val) and n.nullable for n in nodes)
            return Val(expr, "number", nullable=nullable, nan=True)
        if op == "-" and (len(nodes) == 1 or (isinstance(nodes[1], Const) and nodes[1].value is UNDEF)):
            x = self._to_number(op, nodes[0])
            return x if isinstance(x, Const) else Val(-x.expr, "number", x.nullable, x.nan)
        a, b = (self._to_number(op, n) for n in nodes)
        if isinstance(a, Const) and a.value != a.value or isinstance(b, Const) and b.value != b.value:
            return Const(NAN)
        flag = any(isinstance(x, Val) and x.nan for x in (a, b))
        if op == "-":
            left = a.expr if isinstance(a, Val) else self._number_literal(op, a.value)
            right = b.expr if isinstance(b, Val) else self._number_literal(op, b.value)
            return Val(left - right, "number", nullable=flag, nan=flag)
        if not isinstance(b, Const) or b.value == 0 or isinstance(a, Const):
            raise not_sql(op, "除数必须是非零常量,被除数必须是字段", "the divisor must be a non-zero constant")
        if op == "/":
            return Val(a.expr / self._number_literal(op, b.value), "number", nullable=flag, nan=flag)
        field = nodes[0]
        if (field.nan or not isinstance(base_type(field.expr.type), sa.Integer)
                or not float(b.value).is_integer()):
            raise not_sql(op, "取余只支持整数字段和整数常量", "% needs an integer field and an integer constant")
        dividend = sa.func.coalesce(field.expr, 0) if field.nullable else field.expr
        return Val(dividend % sa.literal(int(b.value), sa.BigInteger()), "number", nullable=False)

    def _to_number(self, op, n):
        """JS ToNumber of an operand: NULL becomes 0 (null -> 0), NaN stays NULL."""
        if isinstance(n, Const):
            x = to_number(n.value)
            if x == x and not number_ok(x):
                raise not_sql(op, "数值超出可精确计算的范围", f"the number {n.value!r} is out of exact range")
            return Const(x)
        e = float_expr(n)
        if n.nullable and not n.nan:
            return Val(sa.func.coalesce(e, 0.0), "number", nullable=False)
        return Val(e, "number", nullable=n.nullable, nan=n.nan)

    def _number_literal(self, op, x):
        if not number_ok(x):
            raise not_sql(op, "数值超出可精确计算的范围", f"the number {x!r} is out of exact range")
        return sa.literal(float(x), sa.Float())

    def _if_pairs(self, args, branch):
        """([(condition truth, branch)], else branch) with constant conditions folded."""
        pairs, i, n = [], 0, len(args)
        while i < n - 1:
            cond = self.truth(args[i])
            if isinstance(cond, Const):
                if cond.value:
                    return pairs, branch(args[i + 1])
            else:
                pairs.append((cond, branch(args[i + 1])))
            i += 2
        return pairs, branch(args[-1]) if n % 2 == 1 else branch(None)

    def _if_truth(self, args):
        pairs, tail = self._if_pairs(args, self.truth)
        if not pairs:
            return tail
        whens = [(as_sql(c), as_sql(t)) for c, t in pairs]
        return pred(sa.case(*whens, else_=as_sql(tail)))

    def if_value(self, op, args):
        pairs, tail = self._if_pairs(args, self.value)
        if not pairs:
            return tail
        branches = [v for _, v in pairs] + [tail]
        kinds = set()
        for b in branches:
            if isinstance(b, Val):
                if b.nan or b.kind not in ("text", "number", "bool", "date", "datetime"):
                    raise not_sql(op, "分支的值类型不受支持", "a branch value of this type")
                kinds.add((b.kind, date_family(b)) if b.kind in ("date", "datetime") else b.kind)
            elif b.value is not None:
                kinds.add(_const_kind(op, b.value))
        if not kinds:
            return Const(None)
        if len(kinds) > 1:
            raise not_sql(op, "各分支的值类型不同", "branches of different types")
        kind = kinds.pop()
        if isinstance(kind, tuple):
            kind = kind[0]
            whens = [(as_sql(c), v.expr if isinstance(v, Val) else sa.null()) for c, v in pairs]
            tail_sql = tail.expr if isinstance(tail, Val) else sa.null()
            typ = next(b.expr.type for b in branches if isinstance(b, Val))
            nullable = any(b.nullable if isinstance(b, Val) else True for b in branches)
            return Val(sa.type_coerce(sa.case(*whens, else_=tail_sql), typ), kind, nullable=nullable)
        whens = [(as_sql(c), _branch_sql(kind, v)) for c, v in pairs]
        nullable = any(b.nullable if isinstance(b, Val) else b.value is None for b in branches)
        return Val(sa.case(*whens, else_=_branch_sql(kind, tail)), kind, nullable=nullable)

    def passthrough(self, op, args):
        return self.value(args[0] if args else UNDEF)


def _is_bool(x) -> bool:
    if isinstance(x, Const):
        return x.value is True or x.value is False
    return x.kind == "bool" and not x.nullable


def _const_kind(op, v) -> str:
    if v is True or v is False:
        return "bool"
    if v.__class__ in (int, float) and number_ok(v):
        return "number"
    if v.__class__ is str:
        return "text"
    raise not_sql(op, "分支的常量值类型不受支持", f"the branch value {v!r}")


def _branch_sql(kind, b):
    if isinstance(b, Val):
        return float_expr(b) if kind == "number" else b.expr
    v = b.value
    if v is None:
        return sa.null()
    if kind == "bool":
        return sa.true() if v else sa.false()
    if kind == "number":
        return sa.literal(float(v), sa.Float())
    return text_literal(v)


_HANDLERS = {
    "var": _SqlCompiler.var,
    **{op: _SqlCompiler.compare for op in ("==", "===", "!=", "!==", "<", "<=", ">", ">=")},
    **{op: _SqlCompiler.boolean for op in ("!", "!!", "in", "contains", "starts_with", "ends_with",
                                           "is_empty", "not_empty")},
    "and": _SqlCompiler.and_or, "or": _SqlCompiler.and_or,
    "if": _SqlCompiler.if_value, "?:": _SqlCompiler.if_value,
    **{op: _SqlCompiler.arithmetic for op in ("+", "-", "*", "/", "%")},
    "log": _SqlCompiler.passthrough,
    **{op: date_operation for op in ("date_add", "date_diff", "start_of")},
    **FORMULA_HANDLERS,
}
