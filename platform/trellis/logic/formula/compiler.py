"""Type-check a formula's syntax tree and turn it into JsonLogic (the operators' part).

`Context` carries what one compilation needs (the field resolver, the decision hook) and
gathers what it finds (field ids read, decision tables used, whether it reads the clock).
`compile_node` turns one Node into a typed `Value`; function calls go to the function
table (functions.py), everything else is here:

- a field: {"var": id}; a sub-table column is the pair [{"var": table}, column id] that the
  *_of operators take;
- + * / ^ and a prefix -: numbers; a blank operand counts as 0 ({"coalesce": [x, 0]});
  / is {"div"} (which reads a blank as 0 itself; blank when dividing by 0 or a blank);
  ^ is {"power"}; a date + or - a number of days is {"date_add"}, a date - a date the
  days between ({"date_diff"});
- &: {"cat"} of any values (a blank is "", a computed number its {"to_text"});
- comparisons: both sides the same kind (numbers, texts, dates or true/false; a text
  literal like "2024-01-31" is a date beside a date). A blank number compares as 0 and a
  blank text as "" ({"coalesce": [x, 0]} / {"cat": [x]} where it changes the answer);
  x = "" is {"is_empty"} and x <> "" {"not_empty"}; a blank date or true/false is equal
  only to a blank and neither before nor after anything.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field as dc_field

from .errors import fail
from .parser import Node
from .types import Value, date_literal_type, fit, type_name

_COMPARE_FAMILY = {"number": "number", "text": "text", "date": "date", "datetime": "date",
                   "bool": "bool", "any": "any"}


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A field the formula may read: its id, its type (number, text, bool, date, datetime,
    any, rows) and, for a sub-table (rows), `children(name)` resolving its columns."""
    id: str
    type: str
    children: Callable[[str], "FieldRef | None"] | None = None


@dataclass(slots=True)
class Context:
    fields: Callable[[str], FieldRef | None]
    decide: Callable | None = None
    refs: set = dc_field(default_factory=set)
    decisions: set = dc_field(default_factory=set)
    volatile: bool = False

    def compile(self, node: Node) -> Value:
        return compile_node(self, node)


def _unknown_field(name: str, pos: int, end: int):
    return fail(pos, end, f"未知的字段“{name}”", f"unknown field “{name}”", field=name)


def _field(ctx: Context, node: Node) -> Value:
    ref = ctx.fields(node.value)
    if ref is None:
        from .functions import lookup
        if lookup(node.value) is not None:
            name = node.value
            raise fail(node.pos, node.end, f"未知的字段“{name}”;调用函数请加括号:{name}(…)",
                       f"unknown field “{name}”; to call the function write {name}(…)", field=name)
        raise _unknown_field(node.value, node.pos, node.end)
    ctx.refs.add(ref.id)
    return Value({"var": ref.id}, ref.type, True, node.pos, node.end)


def _column(ctx: Context, node: Node) -> Value:
    table = ctx.fields(node.value)
    if table is None:
        raise _unknown_field(node.value, node.pos, node.name_end)
    child_node = node.args[0]
    if table.type != "rows" or table.children is None:
        raise fail(node.pos, node.name_end, f"“{node.value}”不是子表,不能用“.”取它的列",
                   f"“{node.value}” is not a sub-table: “.” cannot take a column of it", field=node.value)
    child = table.children(child_node.value)
    if child is None:
        raise fail(child_node.pos, child_node.end, f"子表“{node.value}”中没有字段“{child_node.value}”",
                   f"the sub-table “{node.value}” has no field “{child_node.value}”", field=child_node.value)
    ctx.refs.add(table.id)
    return Value([{"var": table.id}, child.id], "column", False, node.pos, node.end, item_type=child.type)


def blank_as(v: Value, zero) -> object:
    """v's logic, with a blank replaced by `zero` (0 or "") when v may be blank: a number
    by {"coalesce": [x, 0]}, a text by {"cat": [x]} (coalesce skips "" too)."""
    if not v.nullable or v.is_literal:
        return v.logic
    if zero == "":
        return {"cat": [v.logic]}
    return {"coalesce": [v.logic, zero]}


def _number(v: Value, op: str) -> Value:
    return fit(v, "number", f"运算符 {op} ", f"the operator {op}")


def _arith(ctx: Context, node: Node, args: list[Value]) -> Value:
    op = node.value
    dates = [v for v in args if v.type in ("date", "datetime")]
    if dates and op in ("+", "-"):
        return _date_arith(node, args, dates)
    nums = [_number(v, op) for v in args]
    # div itself counts a blank dividend as 0 and gives a blank for a blank divisor
    logic = [v.logic if op == "/" else blank_as(v, 0) for v in nums]
    name = {"/": "div", "^": "power"}.get(op, op)
    nullable = op == "/" or any(v.type == "any" for v in nums)
    return Value({name: logic}, "number", nullable, node.pos, node.end)


def _date_arith(node: Node, args: list[Value], dates: list[Value]) -> Value:
    op = node.value
    if op == "-":
        a, b = args
        if date_literal_type(b) and a.type in ("date", "datetime"):
            b = fit(b, "date")
        if date_literal_type(a) and b.type in ("date", "datetime"):
            a = fit(a, "date")
        if a.type in ("date", "datetime") and b.type in ("date", "datetime"):
            return Value({"date_diff": [a.logic, b.logic, "days"]}, "number", True, node.pos, node.end)
        if b.type in ("date", "datetime"):
            raise fail(b.pos, b.end, "不能用数字减去日期", "a date cannot be subtracted from a number")
        n = _number(b, op)
        amount = -n.literal if n.is_literal else {"-": [n.logic]}
        return Value({"date_add": [a.logic, amount, "days"]}, a.type, True, node.pos, node.end)
    if len(dates) > 1:
        raise fail(dates[1].pos, dates[1].end, "两个日期不能相加", "two dates cannot be added")
    when = dates[0]
    rest = [_number(v, op) for v in args if v is not when]
    amount = rest[0] if len(rest) == 1 else None
    logic = amount.logic if amount is not None and not amount.nullable else \
        {"+": [blank_as(v, 0) for v in rest]}
    return Value({"date_add": [when.logic, logic, "days"]}, when.type, True, node.pos, node.end)


def _family(v: Value, other: Value) -> str:
    fam = _COMPARE_FAMILY[v.type]
    if fam == "text" and _COMPARE_FAMILY.get(other.type) == "date" and date_literal_type(v):
        return "date"
    return fam


def _compare(ctx: Context, node: Node, args: list[Value]) -> Value:
    op = node.value
    a, b = args
    for v in (a, b):
        fit(v, "value")
    fa, fb = _family(a, b), _family(b, a)
    if fa != fb and "any" not in (fa, fb):
        za, ea = type_name(a.type)
        zb, eb = type_name(b.type)
        raise fail(node.name_pos, node.name_end, f"不能比较{za}与{zb}", f"cannot compare {ea} with {eb}",
                   operator=op)
    if op in ("==", "!=") and (b.literal == "" or a.literal == ""):
        other = a if b.literal == "" else b
        name = "is_empty" if op == "==" else "not_empty"
        return Value({name: [other.logic]}, "bool", False, node.pos, node.end)
    fam = fa if fa != "any" else fb
    la, lb = a.logic, b.logic
    if fam == "number":
        if op in ("==", "!="):
            la = a.logic if b.is_literal and b.literal != 0 else blank_as(a, 0)
            lb = b.logic if a.is_literal and a.literal != 0 else blank_as(b, 0)
    elif fam == "text" and "any" not in (a.type, b.type):
        eq = op in ("==", "!=")
        la = a.logic if eq and b.is_literal and b.literal != "" else blank_as(a, "")
        lb = b.logic if eq and a.is_literal and a.literal != "" else blank_as(b, "")
    return Value({op: [la, lb]}, "bool", False, node.pos, node.end)


def _cat(ctx: Context, node: Node, args: list[Value]) -> Value:
    parts = []
    for v in args:
        logic = as_text(v).logic
        if isinstance(logic, dict) and "cat" in logic:
            parts.extend(logic["cat"])
        else:
            parts.append(logic)
    return Value({"cat": parts}, "text", False, node.pos, node.end)


def as_text(v: Value) -> Value:
    """A part of a text join: a computed number becomes {"to_text"} (at most 10 decimals,
    so 0.1 + 0.2 joins as "0.3"); other values join as they are (a blank as "")."""
    fit(v, "value")
    return fit(v, "text") if v.type == "number" and not v.is_literal else v


def _binary(ctx: Context, node: Node) -> Value:
    args = [compile_node(ctx, a) for a in node.args]
    op = node.value
    if op in ("==", "!=", "<", "<=", ">", ">="):
        return _compare(ctx, node, args)
    if op == "&":
        return _cat(ctx, node, args)
    return _arith(ctx, node, args)


def _unary(ctx: Context, node: Node) -> Value:
    v = _number(compile_node(ctx, node.args[0]), "-")
    return Value({"-": [v.logic]}, "number", v.type == "any", node.pos, node.end)


def _call(ctx: Context, node: Node) -> Value:
    from .functions import call
    return call(ctx, node)


def compile_node(ctx: Context, node: Node) -> Value:
    kind = node.kind
    if kind == "num":
        return Value(node.value, "number", False, node.pos, node.end, node.value)
    if kind == "str":
        return Value(node.value, "text", False, node.pos, node.end, node.value)
    if kind == "bool":
        return Value(node.value, "bool", False, node.pos, node.end, node.value)
    if kind == "field":
        return _field(ctx, node)
    if kind == "column":
        return _column(ctx, node)
    if kind == "binary":
        return _binary(ctx, node)
    if kind == "unary":
        return _unary(ctx, node)
    return _call(ctx, node)
