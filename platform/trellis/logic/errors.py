"""The error raised for JsonLogic rules that are invalid or cannot be compiled to SQL."""
from __future__ import annotations

from ..kernel.errors import BadRequest


class LogicError(BadRequest):
    """A rule is malformed, names an unknown operator or field, or cannot become SQL."""

    code = "invalid_rule"


def unknown_operator(op: str) -> LogicError:
    return LogicError(f"未知的运算符 {op}", f"Unknown operator {op}", details={"operator": op})


def unknown_field(name: str) -> LogicError:
    return LogicError(f"未知字段 {name}", f"Unknown field {name}", details={"field": name})


def bad_arguments(op: str, zh: str, en: str) -> LogicError:
    return LogicError(
        f"运算符 {op} 的参数无效:{zh}", f"Invalid arguments for operator {op}: {en}",
        details={"operator": op},
    )


def not_sql(op: str, zh: str, en: str) -> LogicError:
    """The rule is valid JsonLogic but this use of `op` has no exactly equivalent SQL."""
    return LogicError(
        f"运算符 {op} 的这种用法无法转换为 SQL:{zh}",
        f"Operator {op} cannot be translated to SQL in this form: {en}",
        code="rule_not_sql", details={"operator": op},
    )
