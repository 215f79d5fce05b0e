"""Why a condition holds for a record, in words: `explain(rule, data, labels, options)`
gives the condition's value, one clause per part of its top-level `and` / `or` (or the
whole rule), each readable in Chinese and English with its own value, and the clauses
joined as one text:

    explain({"and": [{">": [{"var": "margin_ratio"}, 0.8]}, {"in": ["vip", {"var": "tags"}]}]},
            {"margin_ratio": 0.85, "tags": ["vip"]},
            labels={"margin_ratio": {"zh": "保证金占用", "en": "Margin usage", "type": "percent"},
                    "tags": {"zh": "标签", "en": "Tags"}},
            options={"tags": {"vip": {"zh": "高净值", "en": "High net worth"}}})
    -> clauses "保证金占用 (85%) 大于 0.8 ✓", "标签 包含 高净值 ✓"

`labels` maps a field id to its {zh, en} label (an optional `type` "percent" shows the
record's value as a percentage); `options` maps a select field's id to {value: {zh, en}}.
The operators the condition builders write (forms/types/traits.py OPERATORS: comparisons,
between, in / contains, starts_with / ends_with, is_empty / not_empty, !, !!, and / or)
and comparisons with `today`, `now` and `date_add` read as sentences; anything else is
shown as its JSON text. Values come from the evaluator (`evaluate`), so an explanation
never disagrees with what a run decides.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal

from .errors import LogicError
from .evaluate import evaluate
from .jsvalues import truthy
from .structure import operation

MARK = {True: "✓", False: "✗"}
COMPARE = {
    "==": ("等于", "equals"), "===": ("等于", "equals"), "!=": ("不等于", "does not equal"),
    "!==": ("不等于", "does not equal"), ">": ("大于", "is greater than"), ">=": ("大于等于", "is at least"),
    "<": ("小于", "is less than"), "<=": ("小于等于", "is at most"),
}
DATE_COMPARE = {">": ("晚于", "is after"), ">=": ("不早于", "is on or after"), "<": ("早于", "is before"),
                "<=": ("不晚于", "is on or before")}
TEXT = {"starts_with": ("以 {b} 开头", "starts with {b}"), "ends_with": ("以 {b} 结尾", "ends with {b}")}
UNIT_NAMES = {"years": ("年", "year"), "months": ("个月", "month"), "weeks": ("周", "week"), "days": ("天", "day"),
              "hours": ("小时", "hour"), "minutes": ("分钟", "minute"), "seconds": ("秒", "second")}
DATE_OPS = frozenset({"today", "now", "date_add", "start_of"})
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?$")
_LANGS = ("zh", "en")


def explain(rule, data, labels: dict | None = None, options: dict | None = None) -> dict:
    """{"value", "clauses": [{"zh", "en", "value"}], "text": {"zh", "en"}} (see the module docstring)."""
    w = _Words(data if isinstance(data, dict) else {}, labels or {}, options or {})
    if rule is None:
        return {"value": True, "clauses": [], "text": {"zh": "无条件", "en": "no condition"}}
    value = w.holds(rule)
    o = operation(rule)
    if o is not None and o[0] in ("and", "or") and o[1]:
        parts = o[1]
        joiner = {"zh": " 且 ", "en": " and "} if o[0] == "and" else {"zh": " 或 ", "en": " or "}
    else:
        parts, joiner = [rule], {"zh": "", "en": ""}
    clauses = []
    for part in parts:
        words, ok = w.sentence(part), w.holds(part)
        clauses.append({"zh": f"{words['zh']} {MARK[ok]}", "en": f"{words['en']} {MARK[ok]}", "value": ok})
    text = {lang: joiner[lang].join(c[lang] for c in clauses) for lang in _LANGS}
    return {"value": value, "clauses": clauses, "text": text}


def json_text(rule) -> str:
    try:
        return json.dumps(rule, ensure_ascii=False, separators=(",", ":"), default=str)
    except (TypeError, ValueError):
        return str(rule)


def _num(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return str(value)


class _Words:
    """Sentences for the sub-rules of one condition over one record."""

    def __init__(self, data: dict, labels: dict, options: dict):
        self.data, self.labels, self.options = data, labels, options

    # -- values ---------------------------------------------------------------------------
    def value(self, rule):
        try:
            return evaluate(rule, self.data)
        except (LogicError, TypeError, ValueError, ArithmeticError):
            return None

    def holds(self, rule) -> bool:
        return bool(truthy(self.value(rule)))

    # -- operands -------------------------------------------------------------------------
    @staticmethod
    def field_of(rule) -> str | None:
        o = operation(rule)
        if o is None or o[0] != "var" or not o[1]:
            return None
        path = o[1][0]
        return path if isinstance(path, str) and path else None

    def label(self, field: str, lang: str) -> str:
        found = self.labels.get(field)
        if found is None and "." in field:
            found = self.labels.get(field.rsplit(".", 1)[1])
        if isinstance(found, dict):
            return found.get(lang) or found.get("zh") or field
        return str(found) if found else field

    def shown(self, value, field: str | None, lang: str, record: bool = False) -> str:
        """A value as the user reads it: an option's label, 空 for nothing, a record's value
        of a percent field as a percentage (constants stay as written)."""
        if isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else float(value)
        if value is None or value == "" or value == []:
            return "空" if lang == "zh" else "empty"
        if isinstance(value, list):
            return ("、" if lang == "zh" else ", ").join(self.shown(v, field, lang, record) for v in value)
        if isinstance(value, bool):
            return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
        opts = self.options.get(field) if field else None
        if isinstance(opts, dict) and isinstance(value, (str, int)) and value in opts:
            label = opts[value]
            return (label.get(lang) or label.get("zh") or str(value)) if isinstance(label, dict) else str(label)
        found = self.labels.get(field) if field else None
        kind = found.get("type") if isinstance(found, dict) else None
        if record and kind == "percent" and isinstance(value, (int, float)):
            return f"{_num(round(value * 100, 4))}%"
        if isinstance(value, (int, float)):
            return _num(value)
        if isinstance(value, str) and _DATE.match(value):
            return value.replace("T", " ")
        if isinstance(value, dict):
            return json_text(value)
        return str(value)

    def operand(self, rule, lang: str, *, with_value: bool = True, field: str | None = None) -> str:
        """A field as its label (and the record's value), a date expression in words (and its
        date), a constant as its value (an option's label when compared with a select)."""
        name = self.field_of(rule)
        if name is not None:
            label = self.label(name, lang)
            return f"{label} ({self.shown(self.value(rule), name, lang, True)})" if with_value else label
        o = operation(rule)
        if o is None:
            return self.shown(rule, field, lang)
        if o[0] in DATE_OPS:
            words = self.date_words(o[0], o[1], lang)
            if words is not None:
                return f"{words} ({self.shown(self.value(rule), None, lang)})" if with_value else words
        return json_text(rule)

    def date_words(self, op: str, args: list, lang: str) -> str | None:
        if op == "today":
            return "今天" if lang == "zh" else "today"
        if op == "now":
            return "现在" if lang == "zh" else "now"
        if op == "start_of" and len(args) == 2 and args[1] in ("day", "week", "month", "year"):
            base = self.operand(args[0], lang, with_value=False)
            zh = {"day": "当天", "week": "所在周", "month": "所在月", "year": "所在年"}[args[1]]
            return f"{base}{zh}的开始" if lang == "zh" else f"the start of the {args[1]} of {base}"
        if op == "date_add" and len(args) == 3 and isinstance(args[1], (int, float)) and args[2] in UNIT_NAMES:
            base = self.operand(args[0], lang, with_value=False)
            n, (zh, en) = args[1], UNIT_NAMES[args[2]]
            if lang == "zh":
                return f"{base} {'+' if n >= 0 else '-'} {_num(abs(n))} {zh}"
            return f"{base} {'+' if n >= 0 else '-'} {_num(abs(n))} {en}{'' if abs(n) == 1 else 's'}"
        return None

    def is_date(self, *rules) -> bool:
        for r in rules:
            o = operation(r)
            if o is not None and o[0] in DATE_OPS:
                return True
            if isinstance(r, str) and _DATE.match(r):
                return True
        return False

    # -- sentences ------------------------------------------------------------------------
    def sentence(self, rule) -> dict:
        out = {}
        for lang in _LANGS:
            try:
                out[lang] = self.words(rule, lang)
            except (TypeError, ValueError, KeyError, IndexError, AttributeError):
                out[lang] = json_text(rule)
        return out

    def words(self, rule, lang: str) -> str:
        zh = lang == "zh"
        o = operation(rule)
        if o is None:
            return json_text(rule)
        op, args = o
        if op in COMPARE and len(args) == 3 and op in ("<", "<="):
            return self.between(op, args, lang)
        if op in COMPARE and len(args) == 2:
            a, b = args
            field = self.field_of(a) or self.field_of(b)
            table = DATE_COMPARE if op in DATE_COMPARE and self.is_date(a, b) else COMPARE
            verb = table[op][0 if zh else 1]
            return f"{self.operand(a, lang, field=field)} {verb} {self.operand(b, lang, field=field)}"
        if op in ("in", "contains") and len(args) == 2:
            return self.membership(op, args, lang, negated=False)
        if op in TEXT and len(args) == 2:
            field = self.field_of(args[0])
            tail = TEXT[op][0 if zh else 1].format(b=self.operand(args[1], lang, field=field))
            return f"{self.operand(args[0], lang)} {tail}"
        if op in ("is_empty", "not_empty") and len(args) == 1:
            empty = op == "is_empty"
            verb = ("为空" if empty else "不为空") if zh else ("is empty" if empty else "is not empty")
            return f"{self.operand(args[0], lang, with_value=not empty)} {verb}"
        if op == "!!" and len(args) == 1:
            return f"{self.operand(args[0], lang)} {'有值' if zh else 'is set'}"
        if op == "!" and len(args) == 1:
            return self.negation(args[0], lang)
        if op in ("and", "or") and args:
            joiner = (" 且 " if op == "and" else " 或 ") if zh else (" and " if op == "and" else " or ")
            return "(" + joiner.join(self.words(a, lang) for a in args) + ")"
        if op == "var":
            name = self.field_of(rule)
            if name is not None:
                return f"{self.operand(rule, lang)} {'为真' if zh else 'is true'}"
        return json_text(rule)

    def between(self, op: str, args: list, lang: str) -> str:
        lo, x, hi = args
        field = self.field_of(x)
        lo_t, hi_t = self.operand(lo, lang, field=field), self.operand(hi, lang, field=field)
        strict = "" if op == "<=" else ("(不含两端)" if lang == "zh" else " (exclusive)")
        if lang == "zh":
            return f"{self.operand(x, lang)} 介于 {lo_t} 与 {hi_t} 之间{strict}"
        return f"{self.operand(x, lang)} is between {lo_t} and {hi_t}{strict}"

    def membership(self, op: str, args: list, lang: str, *, negated: bool) -> str:
        """`in` [needle, haystack] / `contains` [haystack, needle]: "A 包含 B" when the
        haystack is a field (text or multi-select), "A 属于 x、y" when it is a list."""
        zh = lang == "zh"
        needle, hay = (args[0], args[1]) if op == "in" else (args[1], args[0])
        hay_field, needle_field = self.field_of(hay), self.field_of(needle)
        if isinstance(hay, list) and needle_field is not None:
            items = ("、" if zh else ", ").join(self.operand(v, lang, field=needle_field) for v in hay)
            verb = ("不属于" if negated else "属于") if zh else ("is not one of" if negated else "is one of")
            return f"{self.operand(needle, lang)} {verb} {items}"
        verb = ("不包含" if negated else "包含") if zh else ("does not contain" if negated else "contains")
        shown_hay = self.operand(hay, lang, with_value=False) if hay_field else self.operand(hay, lang)
        return f"{shown_hay} {verb} {self.operand(needle, lang, field=hay_field)}"

    def negation(self, inner, lang: str) -> str:
        zh = lang == "zh"
        o = operation(inner)
        if o is not None and o[0] in ("in", "contains") and len(o[1]) == 2:
            return self.membership(o[0], o[1], lang, negated=True)
        if o is not None and o[0] == "var":
            return f"{self.operand(inner, lang)} {'为假' if zh else 'is not true'}"
        return f"并非「{self.words(inner, lang)}」" if zh else f"not ({self.words(inner, lang)})"
