"""The formula function DECIDE: `decision_resolver(bodies_by_key, labels)` builds the
`decide(name, args, position) -> (logic, type)` callable the formula compiler takes
(`compile_formula(expression, fields, decide=...)`).

A call `DECIDE("客户分层", 最近交易天数, ...)` names a decision by its key or by its zh / en
label (or by a name of `labels`: extra name -> key); its arguments are the table's inputs
in order, each a pair (JsonLogic, type) or an object with `.logic` and `.type` (a type the
table knows: number, text, date, bool and the numeric field types; a date-time is refused
for a date input, `any` or None is not checked). The answer is the
decision's first output as JsonLogic with each input replaced by its argument (`inline`),
and that output's type (number, text, date, bool). Refused, bilingual, with the call's
position: an unknown decision, a wrong number of arguments, an argument whose type is
known and differs from its input's, a table that does not compile, a collect table (a
list is no formula value)."""
from __future__ import annotations

from functools import lru_cache

from ...kernel.errors import DefinitionInvalid
from ..errors import LogicError
from .compile import compile_decision, inline

_KINDS = {"integer": "number", "decimal": "number", "money": "number", "percent": "number", "number": "number",
          "text": "text", "date": "date", "datetime": "datetime", "bool": "bool", "boolean": "bool"}


def _error(zh: str, en: str, position: int):
    """A FormulaError at `position` (the formula package's), else a LogicError naming it."""
    try:
        from ..formula import FormulaError
    except ImportError:
        return LogicError(zh, en, code="invalid_formula", details={"position": position})
    return FormulaError(position, 1, zh, en, code="invalid_decision_call")


def _logic_and_type(arg) -> tuple:
    """An argument as (logic, type): a pair, or an object with `.logic` and `.type`."""
    if isinstance(arg, tuple):
        return arg[0], (arg[1] if len(arg) > 1 else None)
    return arg.logic, getattr(arg, "type", None)


def decision_resolver(bodies_by_key: dict, labels: dict | None = None):
    """The DECIDE resolver over an app's published decisions ({key: body})."""
    names: dict[str, str] = {}
    for key, body in bodies_by_key.items():
        for text in ((body or {}).get("label") or {}).values():
            if isinstance(text, str) and text.strip():
                names.setdefault(text.strip(), key)
    names.update(labels or {})
    names.update({key: key for key in bodies_by_key})

    @lru_cache(maxsize=None)
    def compiled(key: str):
        return compile_decision(bodies_by_key[key])

    def decide(name, args, position: int = 0):
        key = names.get(name.strip() if isinstance(name, str) else name)
        if key is None:
            raise _error(f"决策表“{name}”不存在或未发布", f'no published decision table "{name}"', position)
        try:
            table = compiled(key)
        except DefinitionInvalid as e:
            first = e.errors[0]["message"]
            raise _error(f"决策表“{name}”有错误:{first['zh']}", f'the decision table "{name}" has errors: {first["en"]}',
                         position) from None
        if table.hit_policy == "collect":
            raise _error(f"决策表“{name}”的命中策略为 collect(得到列表),不能在公式中使用",
                         f'the decision table "{name}" collects lists (hit policy collect) and cannot be used in a formula',
                         position)
        inputs = table.inputs
        if len(args) != len(inputs):
            listed_zh = "、".join(c.name("zh") for c in inputs)
            listed_en = ", ".join(c.name("en") for c in inputs)
            raise _error(f"决策表“{name}”需要 {len(inputs)} 个参数({listed_zh}),实际为 {len(args)} 个",
                         f'the decision table "{name}" takes {len(inputs)} arguments ({listed_en}), not {len(args)}',
                         position)
        pairs = [_logic_and_type(arg) for arg in args]
        for i, ((_, type_), column) in enumerate(zip(pairs, inputs)):
            kind = _KINDS.get(type_)
            if kind is not None and kind != column.type:
                raise _error(f"决策表“{name}”的第 {i + 1} 个参数应为“{column.name('zh')}”({column.type}),实际为 {type_}",
                             f'argument {i + 1} of the decision table "{name}" is "{column.name("en")}" ({column.type}), '
                             f'not {type_}', position)
        output = table.outputs[0]
        logic = inline(table.logic_for(output.id), {c.id: logic for c, (logic, _) in zip(inputs, pairs)})
        return logic, output.type

    return decide
