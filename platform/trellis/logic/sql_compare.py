"""SQL predicates for JsonLogic comparisons, membership, text tests and truthiness.

Every function takes compiled operands (Const / Val) and returns a Const (decided at
compile time) or a two-valued boolean Val. Each answers exactly what the evaluator
answers for the kind's values (see sql_values); where SQL cannot, `not_sql` is raised.
The value a NULL row gets is computed by the evaluator's own JS helpers, so JS quirks
such as `null < 5` being true carry over.
"""
from __future__ import annotations

import sqlalchemy as sa

from .errors import not_sql
from .jsvalues import (
    UNDEF, ge, gt, is_empty, js_in, le, loose_eq, lt, str_to_number, strict_eq, to_number,
    to_primitive, to_string, truthy,
)
from .operations import ends_with, starts_with
from .sql_prune import prune_null_alternatives
from .sql_dialect import CodepointOrder, JsonArrayHas, JsonEmpty, JsonNull, TextMatch
from .sql_values import (
    Const, Val, bind_date, canonical_date, date_family, number_literal, number_ok, number_side,
    text_literal,
)

_JS_ORDER = {"<": lt, "<=": le, ">": gt, ">=": ge}
_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}
_SQL_ORDER = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b, ">=": lambda a, b: a >= b,
}
_NEVER = object()
_JSON = ("json", "json_array")


def pred(expr) -> Val:
    return Val(expr, "bool", nullable=False)


def as_sql(x):
    """A two-valued boolean SQL expression for a Const or bool Val (the truthiness)."""
    t = truth(x)
    if isinstance(t, Const):
        return sa.true() if t.value else sa.false()
    return t.expr


def is_null(val: Val):
    return JsonNull(val.expr) if val.kind in _JSON else val.expr.is_(None)


def guarded(val: Val, cmp):
    """`cmp` made false for NULL rows."""
    return sa.and_(val.expr.is_not(None), cmp) if val.nullable else cmp


def truth(x):
    """JsonLogic truthiness of an operand, as a Const or a two-valued bool Val."""
    if isinstance(x, Const):
        return Const(truthy(x.value))
    k = x.kind
    if k == "bool":
        return pred(x.expr.is_(sa.true())) if x.nullable else x
    if k == "number":
        left, style = number_side(x)
        return pred(guarded(x, left != number_literal(style, 0)))
    if k == "text":
        return pred(guarded(x, x.expr != text_literal("")))
    if k in ("date", "datetime"):
        return pred(x.expr.is_not(None)) if x.nullable else Const(True)
    if k == "json_array":
        return pred(sa.not_(JsonEmpty(x.expr)))
    raise not_sql("!!", "JSON 字段的真假无法在 SQL 中判断", "the truthiness of a JSON field")


def both_const(a, b) -> bool:
    return isinstance(a, Const) and isinstance(b, Const)


def equal(op: str, a, b):
    """`==` / `===` (for op `!=` / `!==` too: the caller negates the result)."""
    strict = op in ("===", "!==")
    if both_const(a, b):
        return Const((strict_eq if strict else loose_eq)(a.value, b.value))
    if isinstance(a, Const):
        a, b = b, a
    if isinstance(b, Const):
        return _equal_literal(op, a, b.value, strict)
    return _equal_vals(op, a, b)


def negate(x):
    if isinstance(x, Const):
        return Const(not x.value)
    return pred(sa.not_(x.expr))


def _equal_literal(op, val: Val, c, strict: bool):
    if c is None or c is UNDEF:
        if val.nan or not val.nullable or (strict and c is UNDEF):
            return Const(False)
        return pred(is_null(val))
    if not strict and c.__class__ in (list, dict):
        c = to_primitive(c)
    k = val.kind
    target = _equality_target(op, k, c, strict)
    if target is _NEVER:
        return Const(False)
    if k == "bool":
        if target:
            return truth(val)
        return pred(val.expr.is_(sa.false())) if val.nullable else pred(sa.not_(val.expr))
    if k == "number":
        left, style = number_side(val)
        return pred(guarded(val, left == number_literal(style, target)))
    if k == "text":
        return pred(guarded(val, val.expr == text_literal(target)))
    return pred(guarded(val, val.expr == bind_date(val, target)))


def _equality_target(op, k, c, strict):
    """The column value that equals literal `c` under JS (==/===), or _NEVER."""
    ck = c.__class__
    if k == "json_array" and strict:
        return _NEVER
    if k in _JSON:
        raise not_sql(op, "JSON 字段只能与 null 比较", "a JSON field can only be compared with null")
    if k == "number":
        if ck is int or ck is float:
            n = c
        elif strict:
            return _NEVER
        else:
            n = str_to_number(c) if ck is str else to_number(c)
        if n != n:
            return _NEVER
        if not number_ok(n):
            raise not_sql(op, "数值超出可精确比较的范围", f"the number {c!r} cannot be compared exactly")
        return n
    if k == "text":
        if ck is str:
            return c
        if strict:
            return _NEVER
        raise not_sql(op, "文本字段与非文本值的宽松比较", "loose comparison of a text field with a non-string")
    if k == "bool":
        if ck is bool:
            return c
        if strict:
            return _NEVER
        n = to_number(c)
        return True if n == 1 else False if n == 0 else _NEVER
    if ck is not str:
        return _NEVER
    d = canonical_date(k, c)
    if d is None:
        raise not_sql(op, f"日期字面量 {c} 不是标准格式", f"the date literal {c!r} is not canonical ISO")
    return d


def _equal_vals(op, a: Val, b: Val):
    if a.kind != b.kind or a.kind in _JSON:
        raise not_sql(op, "两个字段类型不同或为 JSON", "the two fields differ in kind or are JSON")
    if a.kind in ("date", "datetime") and date_family(a) != date_family(b):
        raise not_sql(op, "两个日期字段的存储类型不同", "the two date fields are stored differently")
    if a.kind == "number":
        la, lb = number_side(a)[0], number_side(b)[0]
    else:
        la, lb = a.expr, b.expr
    if a.nan or b.nan:
        return pred(guarded(a, guarded(b, la == lb)))
    if a.nullable or b.nullable:
        return pred(la.is_not_distinct_from(lb))
    return pred(la == lb)


def order(op: str, a, b):
    """`<`, `<=`, `>`, `>=` with two operands."""
    if both_const(a, b):
        return Const(_JS_ORDER[op](a.value, b.value))
    if isinstance(a, Const):
        return order(_FLIP[op], b, a)
    if isinstance(b, Const):
        return _order_literal(op, a, b.value)
    return _order_vals(op, a, b)


def _with_nulls(val: Val, cmp, null_result: bool):
    if not val.nullable:
        return pred(cmp)
    if null_result:
        return pred(sa.or_(val.expr.is_(None), cmp))
    return pred(sa.and_(val.expr.is_not(None), cmp))


def _order_literal(op, val: Val, c):
    js = _JS_ORDER[op]
    null_result = (not val.nan) and js(None, c)
    k = val.kind
    if k == "number":
        n = to_number(to_primitive(c))
        if n != n:
            return Const(False) if not (val.nullable and null_result) else pred(val.expr.is_(None))
        if not number_ok(n):
            raise not_sql(op, "数值超出可精确比较的范围", f"the number {c!r} cannot be compared exactly")
        left, style = number_side(val)
        return _with_nulls(val, _SQL_ORDER[op](left, number_literal(style, n)), null_result)
    if k == "text":
        p = to_primitive(c)
        if p.__class__ is not str:
            raise not_sql(op, "文本字段与数值的大小比较", "ordering a text field against a non-string")
        if any(ch >= "\ud800" for ch in p):
            raise not_sql(op, "字面量含有 U+D800 以上的字符,SQL 与 JS 的排序可能不同",
                          "the literal has characters at or above U+D800, where SQL and JS order differently")
        cmp = _SQL_ORDER[op](CodepointOrder(val.expr), text_literal(p))
        return _with_nulls(val, cmp, null_result)
    if k in ("date", "datetime") and c.__class__ is str:
        d = canonical_date(k, c)
        if d is None:
            raise not_sql(op, f"日期字面量 {c} 不是标准格式", f"the date literal {c!r} is not canonical ISO")
        return _with_nulls(val, _SQL_ORDER[op](val.expr, bind_date(val, d)), null_result)
    raise not_sql(op, f"{k} 字段不支持这种大小比较", f"ordering a {k} field against {c!r}")


def _order_vals(op, a: Val, b: Val):
    sql_op = _SQL_ORDER[op]
    if a.kind == b.kind == "number":
        sides = []
        for v in (a, b):
            e = number_side(v)[0]
            sides.append(sa.func.coalesce(e, 0) if v.nullable and not v.nan else e)
        cmp = sql_op(*sides)
        for v in (a, b):
            if v.nan and v.nullable:
                cmp = sa.and_(v.expr.is_not(None), cmp)
        return pred(cmp)
    if a.kind == b.kind and a.kind in ("date", "datetime") and date_family(a) == date_family(b):
        cmp = guarded(a, guarded(b, sql_op(a.expr, b.expr)))
        if a.nullable and b.nullable and _JS_ORDER[op](None, None):
            cmp = sa.or_(cmp, sa.and_(a.expr.is_(None), b.expr.is_(None)))
        return pred(cmp)
    raise not_sql(op, "这两个字段之间不支持大小比较", f"ordering a {a.kind} field against a {b.kind} field")


def between(op: str, a, b, c):
    return conjunction([order(op, a, b), order(op, b, c)])


def conjunction(items, disjunction: bool = False):
    """AND (or OR) of Const / bool Val predicates, folding constants."""
    exprs = []
    for x in items:
        if isinstance(x, Const):
            if truthy(x.value) == disjunction:
                return Const(disjunction)
            continue
        exprs.append(x.expr)
    if not exprs:
        return Const(not disjunction)
    if not disjunction:
        exprs = prune_null_alternatives(exprs)
    if len(exprs) == 1:
        return pred(exprs[0])
    return pred(sa.or_(*exprs) if disjunction else sa.and_(*exprs))


def membership(op: str, needle, hay):
    """json-logic-js `in`: substring of a string, strict membership of an array."""
    if both_const(needle, hay):
        return Const(js_in(needle.value, hay.value))
    if isinstance(hay, Const):
        if isinstance(needle, Val) and hay.value.__class__ is list:
            return _member_of_list(op, needle, hay.value)
        if hay.value.__class__ is str:
            raise not_sql(op, "字段是否为常量字符串的子串", "whether a field is a substring of a constant")
        return Const(False)
    if isinstance(needle, Val):
        raise not_sql(op, "两边都是字段", "both sides are fields")
    k, c = hay.kind, needle.value
    if k == "text":
        s = to_string(c)
        cmp = sa.and_(hay.expr.is_not(None), hay.expr != text_literal(""))
        return pred(cmp if s == "" else sa.and_(cmp, TextMatch(hay.expr, s, "contains")))
    if k == "json_array":
        if c is None or c.__class__ in (str, bool) or (c.__class__ in (int, float) and number_ok(c)):
            return pred(JsonArrayHas(hay.expr, c))
        if c.__class__ in (list, dict) or c is UNDEF or (c.__class__ is float and c != c):
            return Const(False)
        raise not_sql(op, "数组成员的数值无法精确比较", f"the element {c!r} cannot be compared exactly")
    if k in ("number", "bool"):
        return Const(False)
    raise not_sql(op, f"{k} 字段不支持子串判断", f"substring test on a {k} field")


def _member_of_list(op, val: Val, items: list):
    has_null = (not val.nan) and val.nullable and any(x is None for x in items)
    k = val.kind
    if k == "json_array":
        return pred(JsonNull(val.expr)) if has_null else Const(False)
    if k == "json":
        raise not_sql(op, "JSON 字段不能作为被查找的值", "a JSON field as the value looked up")
    if k == "bool":
        return conjunction([equal("===", val, Const(x)) for x in items if x is None or x.__class__ is bool],
                           disjunction=True)
    if k == "number":
        keep = [x for x in items if x.__class__ in (int, float) and x == x]
        if not all(number_ok(x) for x in keep):
            raise not_sql(op, "数值超出可精确比较的范围", "a list number cannot be compared exactly")
        left, style = number_side(val)
        lits = [number_literal(style, x) for x in keep]
    elif k == "text":
        left, lits = val.expr, [text_literal(x) for x in dict.fromkeys(x for x in items if x.__class__ is str)]
    else:
        left, lits = val.expr, []
        for x in items:
            if x.__class__ is str:
                d = canonical_date(k, x)
                if d is None:
                    raise not_sql(op, f"日期字面量 {x} 不是标准格式", f"the date literal {x!r} is not canonical ISO")
                lits.append(bind_date(val, d))
    if not lits:
        return pred(val.expr.is_(None)) if has_null else Const(False)
    cmp = left.in_(lits)
    if has_null:
        return pred(sa.or_(val.expr.is_(None), cmp))
    return pred(guarded(val, cmp))


def affix(op: str, a, b):
    """`starts_with` / `ends_with`: both strings and a starts/ends with b."""
    if both_const(a, b):
        return Const((starts_with if op == "starts_with" else ends_with)(a.value, b.value))
    if isinstance(b, Val):
        raise not_sql(op, "要查找的文本来自字段", "the affix comes from a field")
    if b.value.__class__ is not str or a.kind in ("number", "bool", "json_array"):
        return Const(False)
    if a.kind != "text":
        raise not_sql(op, f"{a.kind} 字段不支持文本前后缀判断", f"affix test on a {a.kind} field")
    if b.value == "":
        return pred(a.expr.is_not(None)) if a.nullable else Const(True)
    mode = "starts" if op == "starts_with" else "ends"
    return pred(guarded(a, TextMatch(a.expr, b.value, mode)))


def emptiness(x, negate_it: bool = False):
    """`is_empty` (null, "" or []) or, with negate_it, `not_empty`."""
    if isinstance(x, Const):
        return Const(is_empty(x.value) != negate_it)
    k = x.kind
    if k in _JSON:
        result = pred(JsonEmpty(x.expr))
    elif k == "text":
        blank = x.expr == text_literal("")
        result = pred(sa.or_(x.expr.is_(None), blank) if x.nullable else blank)
    elif x.nan or not x.nullable:
        result = Const(False)
    else:
        result = pred(x.expr.is_(None))
    return negate(result) if negate_it else result
