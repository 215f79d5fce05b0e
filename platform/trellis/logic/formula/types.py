"""The formula's value types and how a typed value fits where a type is wanted.

Types: number, text, bool, date, datetime, any (a field whose type says nothing), rows (a
sub-table, only usable as table.column) and column (a sub-table's column, only usable as
an argument of SUM / AVERAGE / MIN / MAX / COUNT). A compiled part is a `Value`: its
JsonLogic, type, whether it may be blank (null), its span in the formula, and its literal
value when it is one.

What fits where (`fit`):
- number: number or any;
- text: text, date, datetime or any as they are; a number becomes its text ({"to_text"});
- bool (a condition): bool, number (0 is false) or any;
- date: date, datetime or any, or a text literal that is a date ("2024-02-29" or
  "2024-02-29 08:30");
- value: anything but a sub-table or a column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import fail

SCALARS = ("number", "text", "bool", "date", "datetime", "any")
FIELD_TYPES = SCALARS + ("rows",)
NO_LITERAL = object()
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DATETIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?", re.ASCII)

NAMES = {
    "number": ("数字", "a number"), "text": ("文本", "a text"), "bool": ("是/否", "true/false"),
    "date": ("日期", "a date"), "datetime": ("日期时间", "a date-time"), "any": ("任意值", "any value"),
    "rows": ("子表", "a sub-table"), "column": ("子表列", "a sub-table column"),
    "value": ("值", "a value"),
}


@dataclass(slots=True)
class Value:
    """A compiled part of a formula."""
    logic: object
    type: str
    nullable: bool
    pos: int
    end: int
    literal: object = NO_LITERAL
    item_type: str | None = None  # a column's element type

    @property
    def is_literal(self) -> bool:
        return self.literal is not NO_LITERAL


def type_name(t: str) -> tuple[str, str]:
    return NAMES.get(t, (t, t))


def date_literal_type(v: Value) -> str | None:
    """"date" / "datetime" when `v` is a text literal that is one, else None."""
    if v.type != "text" or not isinstance(v.literal, str):
        return None
    if _DATE.fullmatch(v.literal):
        return "date"
    if _DATETIME.fullmatch(v.literal):
        return "datetime"
    return None


def mismatch(v: Value, want: str, what_zh: str, what_en: str):
    wz, we = type_name(want)
    gz, ge = type_name(v.type)
    return fail(v.pos, v.end, f"{what_zh}需要{wz},这里是{gz}", f"{what_en} needs {we}, not {ge}",
                expected=want, actual=v.type)


def fit(v: Value, want: str, what_zh: str = "此处", what_en: str = "this place") -> Value:
    """`v` made to fit where `want` is wanted; FormulaError at `v` when it cannot."""
    t = v.type
    if t in ("rows", "column") and want != "column":
        raise fail(v.pos, v.end, "子表只能以“子表.字段”的形式用在 SUM、AVERAGE、MIN、MAX、COUNT 中,或以 COUNT(子表) 计行数",
                   "a sub-table can only be used as table.column inside SUM, AVERAGE, MIN, MAX or COUNT, "
                   "or counted as COUNT(table)")
    if want == "value" or t == "any" or t == want:
        return v
    if want == "number":
        raise mismatch(v, want, what_zh, what_en)
    if want == "text":
        if t in ("date", "datetime"):
            return v
        if t == "number":
            if v.is_literal:
                from ..jsvalues import to_string
                return Value(to_string(v.literal), "text", False, v.pos, v.end, to_string(v.literal))
            return Value({"to_text": [v.logic]}, "text", v.nullable, v.pos, v.end)
        raise mismatch(v, want, what_zh, what_en)
    if want == "bool":
        if t == "number":
            return v
        raise mismatch(v, want, what_zh, what_en)
    if want in ("date", "datetime"):
        if t in ("date", "datetime"):
            return v
        lit = date_literal_type(v)
        if lit:
            return Value(v.logic, lit, False, v.pos, v.end, v.literal)
        raise mismatch(v, "date", what_zh, what_en)
    if want == "column":
        raise fail(v.pos, v.end, f"{what_zh}需要子表的一列(子表.字段)",
                   f"{what_en} needs a sub-table column (table.column)")
    raise mismatch(v, want, what_zh, what_en)


def _empty_text(v: Value) -> bool:
    return v.is_literal and v.literal == ""


def unify(values: list[Value], what_zh: str, what_en: str) -> str:
    """The one type of values that may each be the result (IF branches, IFNULL...):
    the same type, date with date-time gives date-time, any with T gives any. An empty
    text literal "" fits any type (it stands for a blank there: see `branch`)."""
    for v in values:
        fit(v, "value")
    given = [v for v in values if v.logic is not None or v.is_literal]
    values = [v for v in given if not _empty_text(v)]
    types = {date_literal_type(v) or v.type for v in values}
    if not types:
        return "text" if given else "any"
    if "any" in types:
        return "any"
    if types <= {"date", "datetime"} and types & {v.type for v in values}:
        return "datetime" if "datetime" in types else "date"
    types = {v.type for v in values}
    if len(types) == 1:
        return types.pop()
    first = values[0]
    for v in values[1:]:
        if v.type != first.type:
            a, b = type_name(first.type), type_name(v.type)
            raise fail(v.pos, v.end, f"{what_zh}的结果类型不一致:{a[0]}与{b[0]}",
                       f"the results of {what_en} differ in type: {a[1]} and {b[1]}",
                       expected=first.type, actual=v.type)
    return first.type


def branch(v: Value, t: str) -> object:
    """The logic of a result of type `t`: "" is a blank (null) where `t` is not text."""
    return None if t not in ("text", "any") and _empty_text(v) else v.logic
