"""Running a decision table in Python (`decide`, `decide_table`), for flows, the evaluate
endpoint and tests: inputs are checked against their types, every rule's compiled
condition is evaluated with `logic.evaluate`, and the hit policy picks the answer."""
from __future__ import annotations

from datetime import date, datetime

from ..errors import LogicError
from ..evaluate import evaluate
from ..jsvalues import truthy
from .compile import compile_decision
from .compiled import CompiledDecision


class DecisionError(LogicError):
    """Inputs a decision cannot take, or a unique table that matched twice."""

    code = "invalid_decision_input"


def coerce_input(column, value):
    """A value for an input of the column's type (None stays None); DecisionError naming
    the input otherwise. Numbers and dates may come as text ("7", "2024-01-01T08:00:00")."""
    if value is None:
        return None
    t = column.type
    try:
        if t == "number":
            if isinstance(value, bool):
                raise ValueError
            if isinstance(value, str):
                value = float(value.strip())
                value = int(value) if value.is_integer() and abs(value) < 2 ** 53 else value
            if isinstance(value, (int, float)):
                return value
        elif t == "date" and isinstance(value, str):
            return (datetime.fromisoformat(value).date() if len(value) > 10 else date.fromisoformat(value)).isoformat()
        elif t == "bool" and isinstance(value, bool):
            return value
        elif t == "text" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return value if isinstance(value, str) else str(value)
    except ValueError:
        pass
    names = {"number": ("数字", "a number"), "date": ("日期 YYYY-MM-DD", "a date YYYY-MM-DD"),
             "bool": ("true 或 false", "true or false"), "text": ("文本", "text")}[t]
    raise DecisionError(f"输入“{column.name('zh')}”应为{names[0]}", f'the input "{column.name("en")}" must be {names[1]}',
                        details={"input": column.id})


def decide_compiled(compiled: CompiledDecision, values: dict) -> tuple:
    """(outputs, indexes of the matching rules that decided, 0-based). first / unique: outputs
    is {output id: value} (the default or nulls when nothing matches); collect: a list of
    {output id: value}, one per matching rule ([default] or [] when none)."""
    values = values or {}
    unknown = [k for k in values if k not in {c.id for c in compiled.inputs}]
    if unknown:
        raise DecisionError(f"未知的输入“{unknown[0]}”", f'unknown input "{unknown[0]}"', details={"input": unknown[0]})
    data = {c.id: coerce_input(c, values.get(c.id)) for c in compiled.inputs}
    table = compiled.table
    hits = []
    for i, condition in enumerate(compiled.conditions):
        if truthy(evaluate(condition, data)):
            hits.append(i)
            if table.hit_policy == "first":
                break
    if table.hit_policy == "unique" and len(hits) > 1:
        a, b = (table.rules[i].number for i in hits[:2])
        raise DecisionError(f"命中策略为 unique,但第 {a} 条和第 {b} 条规则同时命中",
                            f"the hit policy is unique but rules {a} and {b} both match", details={"rules": [a, b]})
    fallback = table.default
    if table.hit_policy == "collect":
        rows = [dict(table.rules[i].then) for i in hits]
        if not rows and fallback is not None:
            rows = [{o.id: fallback.get(o.id) for o in compiled.outputs}]
        return rows, hits
    if hits:
        return dict(table.rules[hits[0]].then), hits
    return {o.id: (fallback or {}).get(o.id) for o in compiled.outputs}, hits


def decide(body: dict, values: dict):
    """The outputs of a decision body for `values` ({input id: value}); see decide_compiled."""
    return decide_compiled(compile_decision(body), values)[0]
