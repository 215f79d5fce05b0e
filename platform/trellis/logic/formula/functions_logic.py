"""Logical functions of the formula language: IF, IFS, AND, OR, NOT, ISBLANK, IFNULL,
COALESCE, and DECIDE (a decision table, inlined through the caller's hook)."""
from __future__ import annotations

from .errors import fail
from .spec import fn
from .types import Value, branch, fit, unify


def _bool(v: Value) -> object:
    return v.logic if v.type == "bool" else {"!!": [v.logic]}


def _if(ctx, node, vals):
    cond, then = vals[0], vals[1]
    other = vals[2] if len(vals) > 2 else None
    branches = [then] + ([other] if other is not None else [])
    t = unify(branches, "IF 的两个分支", "the branches of IF")
    logic = {"if": [cond.logic, branch(then, t), branch(other, t) if other is not None else None]}
    nullable = other is None or any(b.nullable for b in branches)
    return Value(logic, t, nullable, node.pos, node.end)


def _ifs(ctx, node, vals):
    if len(vals) % 2:
        last = vals[-1]
        raise fail(last.pos, last.end, "IFS 的参数应成对出现:条件, 结果, 条件, 结果…",
                   "IFS takes pairs: condition, result, condition, result…")
    results = vals[1::2]
    for c in vals[0::2]:
        fit(c, "bool", "IFS 的条件", "a condition of IFS")
    t = unify(results, "IFS 的各个结果", "the results of IFS")
    logic = [v.logic if i % 2 == 0 else branch(v, t) for i, v in enumerate(vals)] + [None]
    return Value({"if": logic}, t, True, node.pos, node.end)


def _and_or(name):
    def build(ctx, node, vals):
        return Value({name: [_bool(v) for v in vals]}, "bool", False, node.pos, node.end)
    return build


def _not(ctx, node, vals):
    return Value({"!": [vals[0].logic]}, "bool", False, node.pos, node.end)


def _blank(ctx, node, vals):
    return Value({"is_empty": [vals[0].logic]}, "bool", False, node.pos, node.end)


def _coalesce(ctx, node, vals):
    t = unify(vals, f"{node.value} 的各个参数", f"the arguments of {node.value}")
    nullable = all(v.nullable for v in vals)
    return Value({"coalesce": [branch(v, t) for v in vals]}, t, nullable, node.pos, node.end)


def _decide(ctx, node, vals):
    name = vals[0].literal
    if ctx.decide is None:
        raise fail(vals[0].pos, vals[0].end, "此处不能使用决策表", "decision tables are not available here")
    logic, t = ctx.decide(name, [(v.logic, v.type) for v in vals[1:]], vals[0].pos)
    ctx.decisions.add(name)
    return Value(logic, t if t in ("number", "text", "bool", "date", "datetime") else "any", True,
                 node.pos, node.end)


SPECS = [
    fn("IF", ["如果"], "condition:bool then:value else:value?", "same", "logic",
       "条件成立时返回第二个参数,否则返回第三个(省略时为空)。条件为空时视为不成立。",
       "The second argument when the condition holds, else the third (blank when left out). "
       "A blank condition does not hold.", 'IF(金额 > 1000, "大额", "普通")', _if),
    fn("IFS", ["多条件"], "condition:bool result:value more:value*", "same", "logic",
       "依次检查条件,返回第一个成立条件对应的结果;都不成立时为空。",
       "The result of the first condition that holds; blank when none does.",
       'IFS(分数 >= 90, "优", 分数 >= 60, "及格", TRUE, "不及格")', _ifs),
    fn("AND", ["并且"], "conditions:bool*", "bool", "logic",
       "所有条件都成立时为真。", "True when every condition holds.", "AND(数量 > 0, 已审核)",
       _and_or("and")),
    fn("OR", ["或者"], "conditions:bool*", "bool", "logic",
       "任一条件成立时为真。", "True when any condition holds.", 'OR(状态 = "新建", 状态 = "处理中")',
       _and_or("or")),
    fn("NOT", ["非"], "condition:bool", "bool", "logic",
       "条件不成立时为真(空值视为不成立)。", "True when the condition does not hold (a blank does not).",
       "NOT(已审核)", _not),
    fn("ISBLANK", ["ISEMPTY", "为空"], "value", "bool", "logic",
       "值为空(空值、空文本或空列表)时为真。", "True when the value is blank (null, empty text or empty list).",
       "ISBLANK(备注)", _blank),
    fn("IFNULL", ["若为空"], "value fallback:value", "same", "logic",
       "值为空(null)时返回备用值,否则返回值本身。", "The fallback when the value is blank (null), else the value.",
       "IFNULL(折扣, 1)", _coalesce),
    fn("COALESCE", [], "values:value*", "same", "logic",
       "第一个不为空(null)的参数。", "The first argument that is not blank (null).",
       "COALESCE(手机, 电话, \"无\")", _coalesce),
    fn("DECIDE", ["决策"], "table:literal inputs:value*", "any", "decision",
       "按决策表(名称或标识)对输入求结果。", "The result of a decision table (by name or key) for the inputs.",
       'DECIDE("折扣规则", 客户等级, 金额)', _decide),
]
