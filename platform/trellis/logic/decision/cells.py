"""The cells of a decision table's rules: DMN unary tests as a user types them in a grid.

A cell is read against its input's type (number, text, date, bool) into a `Cell`: a
disjunction of `Atom`s, possibly negated. What a cell may say:

- `-`, empty or absent: any value (null included);
- a literal: `7`, `"高"` (text may also be typed unquoted: `高`), `2024-01-01`,
  `true` / `false` (also 是 / 否), `null` (the input has no value);
- a comparison (numbers and dates only): `< 7`, `<= 7`, `> 7`, `>= 7`, `= 7`;
- a range (numbers and dates only): `[1..5]` inclusive, `(1..5)` or `]1..5[` exclusive,
  `[1..5)` half-open;
- a list of the above: `1, 2, 3`, `"高", "中"`, `< 0, > 100`: any of them;
- `not(...)` around a list: none of them.

Full-width punctuation and digits (＞＝，（）［］．０-９), 、 and the curly quotes “”
read as their ASCII twins outside quoted text; ≤ and ≥ read as <= and >=.

Set semantics: a cell is the set of values it matches; `not(...)` is the complement of the
list's set among all values and null, so a null input matches `-`, `null` and a `not(...)`
that does not list null, and nothing else. A cell that cannot be read raises `CellError`
with a bilingual reason (the caller names the rule and the input)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

TYPES = ("number", "text", "date", "bool")
ORDERED = ("number", "date")
COMPARATORS = ("<=", ">=", "<", ">", "=")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_TRUE = ("true", "是", "yes")
_FALSE = ("false", "否", "no")
_TWINS = {"、": ",", "“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "≤": "<=", "≥": ">=", "\u3000": " "}


class CellError(ValueError):
    """A cell that cannot be read: `zh` / `en` say why (without naming rule or input)."""

    def __init__(self, zh: str, en: str, code: str = "unreadable_cell"):
        super().__init__(en)
        self.zh, self.en, self.code = zh, en, code


@dataclass(frozen=True)
class Atom:
    """One simple test: `op` is "eq" (value), "null", one of < <= > >= (value), or "range"
    (low, high, low_closed, high_closed). Values are numbers, text, ISO date text or bools."""

    op: str
    value: object = None
    high: object = None
    low_closed: bool = True
    high_closed: bool = True


@dataclass(frozen=True)
class Cell:
    """A read cell: any of `atoms` matches (none: the cell matches anything unless
    `negated`); `negated` complements that set."""

    atoms: tuple = ()
    negated: bool = False
    text: str = "-"

    @property
    def is_any(self) -> bool:
        return not self.atoms and not self.negated


ANY = Cell()


def normalize(text: str) -> str:
    """Full-width punctuation and digits as ASCII, outside double-quoted text."""
    out, quoted = [], False
    for ch in text:
        ch = _TWINS.get(ch, ch) if not quoted or ch in "“”„「」" else ch
        if not quoted and "\uff01" <= ch <= "\uff5e" and not ch.isalpha():
            ch = chr(ord(ch) - 0xFEE0)
        if ch == '"':
            quoted = not quoted
        out.append(ch)
    return "".join(out)


def split_list(text: str) -> list[str]:
    """The items of a comma-separated list (commas inside quotes or brackets stay)."""
    items, depth, quoted, start = [], 0, False, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and quoted:
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "([":
            depth += 1
        elif not quoted and ch in ")]" and depth:
            depth -= 1
        elif not quoted and ch == "," and depth == 0:
            items.append(text[start:i].strip())
            start = i + 1
        i += 1
    items.append(text[start:].strip())
    return items


def _unquote(text: str) -> str | None:
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        body = text[1:-1]
        if re.search(r'(?<!\\)"', body):
            return None
        return body.replace('\\"', '"').replace("\\\\", "\\")
    return None


def literal(text: str, type_: str):
    """A literal of the input's type; CellError when it is not one."""
    text = text.strip()
    if type_ == "number":
        if _NUMBER.match(text):
            value = float(text)
            return int(value) if value.is_integer() and abs(value) < 2 ** 53 else value
        raise CellError(f"“{text}”不是数字", f'"{text}" is not a number')
    if type_ == "date":
        inner = _unquote(text) if text.startswith('"') else text
        m = re.match(r'^date\(\s*"([^"]*)"\s*\)$', text)
        inner = m.group(1) if m else inner
        if inner is not None and _DATE.match(inner):
            try:
                return date.fromisoformat(inner).isoformat()
            except ValueError:
                pass
        raise CellError(f"“{text}”不是日期(应为 YYYY-MM-DD)", f'"{text}" is not a date (YYYY-MM-DD)')
    if type_ == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise CellError(f"“{text}”不是 true 或 false", f'"{text}" is not true or false')
    if text.startswith('"'):
        inner = _unquote(text)
        if inner is None:
            raise CellError(f"引号不配对:{text}", f"unbalanced quotes: {text}")
        return inner
    if '"' in text or text == "" or text[0] in "<>=[]()":
        raise CellError(f"无法识别“{text}”", f'cannot read "{text}"')
    return text


def _range(text: str, type_: str) -> Atom:
    open_, close = text[0], text[-1]
    inner = text[1:-1]
    if ".." not in inner:
        raise CellError(f"区间“{text}”应写作 [下限..上限]", f'the range "{text}" is written [low..high]')
    low_text, high_text = inner.split("..", 1)
    low, high = literal(low_text, type_), literal(high_text, type_)
    low_closed, high_closed = open_ == "[", close == "]"
    if low > high or (low == high and not (low_closed and high_closed)):
        raise CellError(f"区间“{text}”是空的(下限大于上限)", f'the range "{text}" is empty (low above high)',
                        code="empty_range")
    return Atom("range", low, high, low_closed, high_closed)


def atom(text: str, type_: str) -> Atom:
    """One item of a list: null, a comparison, a range or a literal."""
    if text == "":
        raise CellError("列表中有空项", "an item of the list is empty")
    if text.lower() == "null":
        return Atom("null")
    for op in COMPARATORS:
        if text.startswith(op):
            rest = text[len(op):].strip()
            if op == "=":
                return Atom("eq", literal(rest, type_))
            if type_ not in ORDERED:
                raise CellError(f"“{op}”只能比较数字和日期", f'"{op}" compares numbers and dates only',
                                code="type_mismatch")
            return Atom(op, literal(rest, type_))
    if text[0] in "[(]" and text[-1] in "])[" and ".." in text:
        if type_ not in ORDERED:
            raise CellError("区间只能用于数字和日期", "ranges apply to numbers and dates only", code="type_mismatch")
        return _range(text, type_)
    return Atom("eq", literal(text, type_))


def parse_cell(cell, type_: str) -> Cell:
    """Read a cell (text, or a JSON number / bool / null typed directly) for an input of `type_`."""
    if type_ not in TYPES:
        raise CellError(f"未知的输入类型 {type_}", f"unknown input type {type_}", code="unknown_type")
    if cell is None:
        return ANY
    if isinstance(cell, bool):
        cell = "true" if cell else "false"
    elif isinstance(cell, (int, float)):
        cell = repr(cell)
    if not isinstance(cell, str):
        raise CellError("单元格应为文本", "a cell is text", code="unreadable_cell")
    text = normalize(cell).strip()
    if text in ("", "-"):
        return ANY
    negated = False
    m = re.match(r"^not\s*\((.*)\)$", text, re.S)
    if m:
        negated, text = True, m.group(1).strip()
        if text in ("", "-"):
            raise CellError("not(...) 中应列出值", "not(...) lists values")
    atoms = tuple(atom(item, type_) for item in split_list(text))
    return Cell(atoms, negated, cell)


def _order_key(value, type_: str):
    return date.fromisoformat(value).toordinal() if type_ == "date" else value


def atom_matches(a: Atom, value, type_: str) -> bool:
    """Does a non-null `value` of the input's type pass the atom (as the compiled logic answers)?"""
    if a.op == "null":
        return False
    if a.op == "eq":
        return value is a.value if type_ == "bool" else value == a.value
    v = _order_key(value, type_)
    if a.op == "range":
        low, high = _order_key(a.value, type_), _order_key(a.high, type_)
        return (low <= v if a.low_closed else low < v) and (v <= high if a.high_closed else v < high)
    bound = _order_key(a.value, type_)
    return {"<": v < bound, "<=": v <= bound, ">": v > bound, ">=": v >= bound}[a.op]


def matches(cell: Cell, value, type_: str) -> bool:
    """Does `value` (None: no value) fall in the cell's set?"""
    if cell.is_any:
        return True
    if value is None:
        hit = any(a.op == "null" for a in cell.atoms)
    else:
        hit = any(atom_matches(a, value, type_) for a in cell.atoms)
    return hit != cell.negated
