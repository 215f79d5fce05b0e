"""The shape of an entry in the formula's function table, and the generic call checks.

A `FunctionSpec` names a function (NAME, Chinese aliases), its arguments (`ArgSpec`:
a name, the type wanted, optional / repeating), its result type, a category for the
designer's picker, help {zh, en}, an example, and `build(ctx, node, args) -> Value`,
which turns the checked, typed arguments into JsonLogic. Argument types: number, text,
bool, date, value (anything), numbers (a number or a number column of a sub-table),
ordered (a number, or a number or date column),
cells (a value, any sub-table column, or a sub-table: its rows), literal (a text
written in the formula: a unit or a table's name).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import fail
from .types import Value, fit


@dataclass(frozen=True, slots=True)
class ArgSpec:
    name: str
    type: str
    optional: bool = False
    repeat: bool = False

    def to_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "optional": self.optional, "repeat": self.repeat}


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    name: str
    aliases: tuple
    args: tuple
    result: str
    category: str
    help: dict
    example: str
    build: Callable

    def arity(self) -> tuple[int, float]:
        required = sum(1 for a in self.args if not a.optional)
        most = float("inf") if any(a.repeat for a in self.args) else len(self.args)
        return required, most

    def arg_at(self, i: int) -> ArgSpec:
        return self.args[i] if i < len(self.args) else self.args[-1]

    def to_dict(self) -> dict:
        return {"name": self.name, "aliases": list(self.aliases), "args": [a.to_dict() for a in self.args],
                "result": self.result, "category": self.category, "help": dict(self.help),
                "example": self.example}


def args(text: str) -> tuple:
    """"number digits:number? values:value*" -> ArgSpecs (a bare name is its own type; a
    repeating argument is required at least once when it comes first, else optional)."""
    out = []
    for part in text.split():
        name, _, kind = part.partition(":")
        kind = kind or name
        optional, repeat = kind.endswith("?"), kind.endswith("*")
        out.append(ArgSpec(name, kind.rstrip("?*"), optional or repeat and bool(out), repeat))
    return tuple(out)


def fn(name, aliases, arg_text, result, category, zh, en, example, build) -> FunctionSpec:
    return FunctionSpec(name, tuple(aliases), args(arg_text), result, category, {"zh": zh, "en": en},
                        example, build)


def literal_text(v: Value, fname: str, what_zh: str, what_en: str) -> str:
    if v.type != "text" or not v.is_literal:
        raise fail(v.pos, v.end, f"{fname} 的{what_zh}必须直接写成文本(如 \"D\")",
                   f"the {what_en} of {fname} must be written as a text (like \"D\")")
    return v.literal


def check_arg(spec: FunctionSpec, i: int, v: Value) -> Value:
    a = spec.arg_at(i)
    zh, en = f"{spec.name} 的第 {i + 1} 个参数", f"argument {i + 1} of {spec.name}"
    if a.type == "literal":
        literal_text(v, spec.name, f"第 {i + 1} 个参数", f"argument {i + 1}")
        return v
    if a.type == "cells" and v.type == "rows":
        return v
    if a.type in ("numbers", "cells", "ordered"):
        if v.type == "column":
            items = ("number", "any", "date", "datetime") if a.type == "ordered" else ("number", "any")
            if a.type != "cells" and v.item_type not in items:
                raise fail(v.pos, v.end, f"{zh}需要数字列", f"{en} needs a number column")
            return v
        return fit(v, "value" if a.type == "cells" else "number", zh, en)
    return fit(v, a.type, zh, en)
