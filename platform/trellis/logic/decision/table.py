"""A decision table's body read into columns and rules with parsed cells (`read_table`),
and the problems found while reading: a cell that cannot be read, a condition on an
unknown input, an output value of the wrong type, a missing output. Every problem is a
dict `{pointer, code, severity, message: {zh, en}}` naming the rule (numbered from 1, as
the grid shows it) and the input or output by its label; compiling and checking both
start here."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...kernel.errors import bilingual
from .cells import ANY, TYPES, CellError, parse_cell

HIT_POLICIES = ("first", "unique", "collect")
TYPE_NAMES = {"number": ("数字", "number"), "text": ("文本", "text"), "date": ("日期", "date"), "bool": ("是/否", "true/false")}


@dataclass(frozen=True)
class Column:
    """An input or an output: its id, label ({zh, en}) and type (number, text, date, bool)."""

    id: str
    label: dict
    type: str

    def name(self, lang: str) -> str:
        return (self.label or {}).get(lang) or (self.label or {}).get("zh") or self.id


@dataclass(frozen=True)
class Rule:
    """One row: its number (from 1), one cell per input (in the inputs' order), the output
    values it gives and its note."""

    number: int
    cells: tuple
    then: dict
    note: str | None = None


@dataclass
class Table:
    label: dict
    hit_policy: str
    inputs: list
    outputs: list
    rules: list
    default: dict | None
    problems: list = field(default_factory=list)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p["severity"] == "error"]


def problem(pointer: str, code: str, zh: str, en: str, severity: str = "error", **extra) -> dict:
    return {"pointer": pointer, "code": code, "severity": severity, "message": bilingual(zh, en), **extra}


def rule_cell_names(rule: int, column: Column) -> tuple[str, str]:
    """"第 3 条规则的“距最近交易天数”" / 'Rule 3, "Days since last trade"'."""
    return f"第 {rule} 条规则的“{column.name('zh')}”", f'Rule {rule}, "{column.name("en")}"'


def value_fits(value, type_: str) -> bool:
    """Is an output value (or default) of its output's type? null always is."""
    if value is None:
        return True
    if type_ == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if type_ == "bool":
        return isinstance(value, bool)
    if type_ == "date":
        try:
            return isinstance(value, str) and len(value) == 10 and date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    return isinstance(value, str)


def _columns(body: dict, part: str, problems: list) -> list[Column]:
    out, seen = [], set()
    for i, c in enumerate(body.get(part) or []):
        if not isinstance(c, dict) or not isinstance(c.get("id"), str):
            problems.append(problem(f"/{part}/{i}", "invalid_column", f"第 {i + 1} 列缺少 id", f"column {i + 1} has no id"))
            continue
        type_ = c.get("type", "text")
        if type_ not in TYPES:
            problems.append(problem(f"/{part}/{i}/type", "unknown_type", f"“{c['id']}”的类型 {type_} 未知",
                                    f'"{c["id"]}" has an unknown type {type_}'))
            type_ = "text"
        if c["id"] in seen:
            problems.append(problem(f"/{part}/{i}/id", "duplicate_column", f"“{c['id']}”重复",
                                    f'"{c["id"]}" appears twice'))
            continue
        seen.add(c["id"])
        out.append(Column(c["id"], c.get("label") if isinstance(c.get("label"), dict) else {}, type_))
    if not out:
        zh, en = ("输入", "input") if part == "inputs" else ("输出", "output")
        problems.append(problem(f"/{part}", f"no_{part}", f"决策表至少需要一个{zh}", f"a decision needs at least one {en}"))
    return out


def _outputs_of(values, outputs: list[Column], pointer: str, who: tuple[str, str], problems: list,
                require_all: bool) -> dict:
    zh_who, en_who = who
    out = {}
    values = values if isinstance(values, dict) else {}
    known = {o.id for o in outputs}
    for key in values:
        if key not in known:
            problems.append(problem(f"{pointer}/{key}", "unknown_output", f"{zh_who}:未知的输出“{key}”",
                                    f'{en_who}: unknown output "{key}"'))
    for o in outputs:
        if o.id not in values:
            if require_all:
                problems.append(problem(f"{pointer}/{o.id}", "missing_output", f"{zh_who}:缺少输出“{o.name('zh')}”的值",
                                        f'{en_who}: no value for the output "{o.name("en")}"'))
            out[o.id] = None
            continue
        value = values[o.id]
        if not value_fits(value, o.type):
            problems.append(problem(f"{pointer}/{o.id}", "type_mismatch",
                                    f"{zh_who}:输出“{o.name('zh')}”的值 {value!r} 不是{TYPE_NAMES[o.type][0]}",
                                    f'{en_who}: the value {value!r} of the output "{o.name("en")}" is not a {TYPE_NAMES[o.type][1]}'))
        out[o.id] = value
    return out


def _rule(i: int, raw, inputs: list[Column], outputs: list[Column], problems: list) -> Rule:
    number, pointer = i + 1, f"/rules/{i}"
    raw = raw if isinstance(raw, dict) else {}
    when = raw.get("when") if isinstance(raw.get("when"), dict) else {}
    known = {c.id for c in inputs}
    for key in when:
        if key not in known:
            problems.append(problem(f"{pointer}/when/{key}", "unknown_input", f"第 {number} 条规则:未知的输入“{key}”",
                                    f'Rule {number}: unknown input "{key}"', rule=number, input=key))
    cells = []
    for column in inputs:
        try:
            cells.append(parse_cell(when.get(column.id), column.type))
        except CellError as e:
            zh, en = rule_cell_names(number, column)
            text = when.get(column.id)
            problems.append(problem(f"{pointer}/when/{column.id}", e.code,
                                    f"{zh}:无法识别“{text}”({e.zh})", f'{en}: cannot read "{text}" ({e.en})',
                                    rule=number, input=column.id))
            cells.append(ANY)
    then = _outputs_of(raw.get("then"), outputs, f"{pointer}/then", (f"第 {number} 条规则", f"Rule {number}"),
                       problems, require_all=True)
    return Rule(number, tuple(cells), then, raw.get("note"))


def read_table(body) -> Table:
    """The table of a decision body; reading never raises: what is wrong is in `problems`
    (and a cell that cannot be read counts as "-")."""
    body = body if isinstance(body, dict) else {}
    problems: list = []
    policy = body.get("hit_policy", "first")
    if policy not in HIT_POLICIES:
        problems.append(problem("/hit_policy", "unknown_hit_policy", f"未知的命中策略 {policy}",
                                f"unknown hit policy {policy}"))
        policy = "first"
    inputs = _columns(body, "inputs", problems)
    outputs = _columns(body, "outputs", problems)
    rules = [_rule(i, r, inputs, outputs, problems) for i, r in enumerate(body.get("rules") or [])]
    default = None
    if body.get("default") is not None:
        default = _outputs_of(body["default"], outputs, "/default", ("默认值", "The default"), problems,
                              require_all=False)
    return Table(body.get("label") or {}, policy, inputs, outputs, rules, default, problems)

