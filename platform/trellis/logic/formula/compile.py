"""The formula compiler's entry point: `compile_formula(expression, fields, decide=None)`
parses, type-checks and compiles a spreadsheet formula into one JsonLogic rule
(`Compiled`), or raises FormulaError naming the position of the first problem."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import LogicError
from ..limits import check_rule_size
from .compiler import Context, FieldRef, compile_node
from .errors import FormulaError
from .parser import parse
from .types import fit


@dataclass(frozen=True, slots=True)
class Compiled:
    """A compiled formula: its JsonLogic, result type (number, text, bool, date,
    datetime or any), the field ids it reads, whether it reads the clock (TODAY / NOW)
    and the decision tables it uses."""
    logic: object
    type: str
    refs: frozenset
    volatile: bool
    decisions: frozenset


def compile_formula(expression: str, fields: Callable[[str], FieldRef | None], *,
                    decide: Callable | None = None) -> Compiled:
    """`expression` as JsonLogic. `fields(name)` resolves a field's id or label to a
    FieldRef (None: no such field); `decide(name, [(logic, type)...], position)` inlines
    a decision table as (logic, type) and raises FormulaError when it does not know it."""
    tree = parse(expression)
    ctx = Context(fields, decide)
    value = fit(compile_node(ctx, tree), "value")
    try:
        check_rule_size(value.logic)
    except LogicError as e:
        raise FormulaError(0, len(expression), "公式过于复杂", "the formula is too complex",
                           details={"limit": (e.details or {}).get("limit")}) from None
    return Compiled(value.logic, value.type, frozenset(ctx.refs), ctx.volatile, frozenset(ctx.decisions))
