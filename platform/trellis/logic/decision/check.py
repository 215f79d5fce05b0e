"""Publish-time checks of a decision table (`check_decision`), each problem bilingual and
naming its rules (numbered from 1) and inputs:

- errors of reading (table.py): an unreadable cell, an unknown input or output, an output
  value of the wrong type, a missing output value, duplicate columns;
- `never_matches` (error): a rule with a cell that no value passes;
- `unique`: `overlap` (error) for any two rules that can match the same input, with an
  example input; `gap` (error) when an input no rule covers exists and there is no
  default, with an example;
- `first`: `shadowed` (error) for a rule that earlier rules fully cover (it can never
  decide), naming them; `gap` (warning) when no default is set and some input falls
  through every rule (its outputs are null);
- `collect`: `gap` (warning) as for first;
- `too_large` (warning): the search for overlaps or gaps went past its budget.

Gaps are sought among non-null inputs (a null input matches only "-", `null` and
`not(...)` cells); overlaps and shadowing count null as a value."""
from __future__ import annotations

from .domain import Boxes, TooLarge
from .table import Table, problem, read_table


def _numbers(numbers) -> tuple[str, str]:
    return "、".join(f"第 {n} 条" for n in numbers), ", ".join(str(n) for n in numbers)


def _show(example: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in example.items() if v is not None) or "{}"


def _gap(table: Table, boxes: Boxes, severity: str) -> list:
    try:
        example = boxes.uncovered(boxes.non_null, list(range(len(table.rules))))
    except TooLarge:
        return [_too_large("gap")]
    if example is None:
        return []
    zh_tail = "请补充规则或设置默认值" if severity == "error" else "这些输入的输出为空"
    en_tail = "add a rule or set a default" if severity == "error" else "their outputs are null"
    return [problem("/rules", "gap", f"没有规则覆盖这样的输入,例如 {_show(example)};{zh_tail}",
                    f"no rule covers inputs such as {_show(example)}; {en_tail}", severity, example=example)]


def _too_large(what: str) -> dict:
    return problem("/rules", "too_large", f"规则太多,无法完整检查{'重叠' if what == 'overlap' else '遗漏'}",
                   f"too many rules to check for {'overlaps' if what == 'overlap' else 'gaps'} completely", "warning")


def _overlaps(table: Table, boxes: Boxes, live: list[int]) -> list:
    out = []
    for a, i in enumerate(live):
        for j in live[a + 1:]:
            example = boxes.overlap(i, j)
            if example is not None:
                ni, nj = table.rules[i].number, table.rules[j].number
                out.append(problem(f"/rules/{j}", "overlap",
                                   f"命中策略为 unique,但第 {ni} 条和第 {nj} 条规则可能同时命中,例如 {_show(example)}",
                                   f"the hit policy is unique but rules {ni} and {nj} can both match, e.g. {_show(example)}",
                                   rules=[ni, nj], example=example))
    return out


def _shadowed(table: Table, boxes: Boxes, live: list[int]) -> list:
    out = []
    for a, j in enumerate(live):
        earlier = [i for i in live[:a] if boxes.overlap(i, j) is not None]
        if not earlier:
            continue
        try:
            found = boxes.uncovered(boxes.masks[j], earlier)
        except TooLarge:
            out.append(_too_large("overlap"))
            continue
        if found is None:
            nj = table.rules[j].number
            zh, en = _numbers(table.rules[i].number for i in earlier)
            out.append(problem(f"/rules/{j}", "shadowed", f"第 {nj} 条规则永远不会生效:它能命中的输入都已被{zh}规则命中",
                               f"rule {nj} never applies: rules {en} match every input it matches",
                               rules=[table.rules[i].number for i in earlier] + [nj]))
    return out


def check_table(table: Table) -> list[dict]:
    problems = list(table.problems)
    if table.errors or not table.inputs:
        return problems
    boxes = Boxes(table.inputs, table.rules)
    live = []
    for i, rule in enumerate(table.rules):
        if boxes.empty(i):
            k = next(k for k, m in enumerate(boxes.masks[i]) if m == 0)
            col = table.inputs[k]
            problems.append(problem(f"/rules/{i}/when/{col.id}", "never_matches",
                                    f"第 {rule.number} 条规则的“{col.name('zh')}”不接受任何值,这条规则永远不会命中",
                                    f'Rule {rule.number}, "{col.name("en")}": no value passes, so the rule never matches',
                                    rule=rule.number, input=col.id))
        else:
            live.append(i)
    if table.hit_policy == "unique":
        problems += _overlaps(table, boxes, live)
    elif table.hit_policy == "first":
        problems += _shadowed(table, boxes, live)
    if table.default is None:
        problems += _gap(table, boxes, "error" if table.hit_policy == "unique" else "warning")
    return problems


def check_decision(body) -> list[dict]:
    """Every problem of a decision body, errors and warnings (`severity`), in table order."""
    return check_table(read_table(body))
