"""Decision tables (DMN style): a table of rules over typed inputs, each cell a unary test
as a user types it in a grid (cells.py), compiled to JsonLogic over `{"var": input id}`.

- `compile_decision(body) -> CompiledDecision` (`logic_for(output_id)`, `conditions`,
  `inputs`, `outputs`, `hit_policy`): compile.py;
- `inline(logic, args)`: each input's var replaced by an argument's JsonLogic;
- `check_decision(body) -> [problem]`: unreadable cells, type mismatches, overlaps
  (unique), shadowed rules (first), gaps, by exact interval reasoning (check.py,
  domain.py);
- `decide(body, values) -> outputs`, `decide_compiled(compiled, values) -> (outputs, rule
  indexes)`: evaluated in Python through `logic.evaluate` (deciding.py);
- `decision_resolver(bodies_by_key, labels) -> decide`: the formula function DECIDE
  (resolver.py).

The body is the `decision` kind's (metadata/decision.schema.json)."""
from .check import check_decision
from .compile import compile_decision, inline
from .compiled import CompiledDecision
from .deciding import DecisionError, decide, decide_compiled
from .resolver import decision_resolver

__all__ = ["check_decision", "compile_decision", "inline", "CompiledDecision", "DecisionError", "decide",
           "decide_compiled", "decision_resolver"]
