"""FormulaError: a formula that cannot be parsed, type-checked or compiled.

It is a LogicError (HTTP 400) with code "formula_error"; `position` is the 0-based
character offset of the problem in the formula and `length` the number of characters it
covers (at least 1). Messages name the position 1-based, as a user counts characters:
"第 3 个字符:未知的字段“权益x”" / "at character 3: unknown field “权益x”".
"""
from __future__ import annotations

from ..errors import LogicError


class FormulaError(LogicError):
    """A formula's problem at `position` (0-based) spanning `length` characters."""

    code = "formula_error"

    def __init__(self, position: int, length: int, zh: str, en: str, *, code: str | None = None,
                 details: dict | None = None):
        self.position = max(int(position), 0)
        self.length = max(int(length), 1)
        at = self.position + 1
        super().__init__(f"第 {at} 个字符:{zh}", f"at character {at}: {en}", code=code,
                         details={"position": self.position, "length": self.length, **(details or {})})


def fail(pos: int, end: int, zh: str, en: str, **details) -> FormulaError:
    """A FormulaError covering the characters pos..end (end exclusive)."""
    return FormulaError(pos, end - pos, zh, en, details=details or None)
