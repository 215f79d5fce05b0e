"""Size limits of a JsonLogic rule compiled to SQL, checked before anything else reads it.

A rule nested too deeply overflows the database's parser (SQLite's stack gives out at
about 20 nested `if` used as values, 45 nested `!`) or Python's recursion; a rule with
too many parts makes a statement too large to plan. Both are refused with LogicError
(400) naming the parameter when there is one. The depth counts nested objects and
arrays (`{"==": [{"var": "a"}, 1]}` is 3 levels); a rule built in the filter editor
stays under 12.
"""
from __future__ import annotations

from ..kernel.nesting import size, too_deep
from .errors import LogicError

MAX_RULE_DEPTH = 32
MAX_RULE_NODES = 1000


def check_rule_size(rule, param: str | None = None) -> None:
    """Raise LogicError when `rule` nests deeper than MAX_RULE_DEPTH or holds more than
    MAX_RULE_NODES values."""
    name_zh = f"参数 {param} 中的条件" if param else "条件"
    name_en = f"the condition in parameter {param}" if param else "the condition"
    extra = {"param": param} if param else {}
    if too_deep(rule, MAX_RULE_DEPTH):
        raise LogicError(f"{name_zh}嵌套过深(最多 {MAX_RULE_DEPTH} 层)",
                         f"{name_en} is nested too deeply (at most {MAX_RULE_DEPTH} levels)",
                         code="rule_too_deep", details={**extra, "limit": MAX_RULE_DEPTH})
    if size(rule, MAX_RULE_NODES) > MAX_RULE_NODES:
        raise LogicError(f"{name_zh}过大(最多 {MAX_RULE_NODES} 个值)",
                         f"{name_en} is too large (at most {MAX_RULE_NODES} values)",
                         code="rule_too_large", details={**extra, "limit": MAX_RULE_NODES})
