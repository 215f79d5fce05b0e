"""A decision table compiled to JsonLogic over `{"var": "<input id>"}`.

- A cell becomes a condition (`cell_logic`): a literal `{"===": [var, v]}`, a list
  `{"in": [var, [...]]}`, a comparison or range guarded by `{"!=": [var, null]}` (JsonLogic
  reads null as 0 in `<`), `null` as `{"==": [var, null]}`, a list of several as `or`,
  `not(...)` as `!`. A rule is the `and` of its cells other than "-" (`true` if none).
- `first` and `unique`: one output is a nested `if` chain `{"if": [rule 1, value 1, rule 2,
  value 2, ..., default]}` (the default's value, else null). Under `unique` at most one
  rule matches an input (check_decision refuses tables where two could), so the chain
  answers the same. Both compile to SQL with `logic.to_sql` like any condition.
- `collect`: one output is the list of that output's value in every matching rule, in
  rule order: `{"if": [any rule, {"merge": [{"if": [rule 1, [value 1], []]}, ...]},
  [default]]}` (`[]` without a default). `merge` has no SQL form: collect decisions are
  evaluated in Python (and the browser) only.

`inline(logic, args)` replaces each `{"var": input id}` by the argument's JsonLogic (the
formula function DECIDE calls a table this way); an argument is repeated where its input
is tested, so a costly argument is computed once per test."""
from __future__ import annotations

from ...kernel.errors import DefinitionInvalid
from .cells import ORDERED, Cell
from .compiled import CompiledDecision
from .table import Table, read_table


def _var(input_id: str) -> dict:
    return {"var": input_id}


def _atom_logic(a, v, type_: str):
    if a.op == "null":
        return {"==": [v, None]}
    if a.op == "eq":
        return {"===": [v, a.value]}
    if a.op == "range":
        if a.low_closed == a.high_closed:
            op = "<=" if a.low_closed else "<"
            test = {op: [a.value, v, a.high]}
        else:
            test = {"and": [{"<=" if a.low_closed else "<": [a.value, v]},
                            {"<=" if a.high_closed else "<": [v, a.high]}]}
    else:
        test = {a.op: [v, a.value]}
    if type_ in ORDERED:
        return {"and": [{"!=": [v, None]}, *(test["and"] if "and" in test else [test])]}
    return test


def cell_logic(cell: Cell, input_id: str, type_: str):
    """The condition a cell sets on its input (None for "-")."""
    if cell.is_any:
        return None
    v = _var(input_id)
    equal = [a.value for a in cell.atoms if a.op == "eq"]
    others = [_atom_logic(a, v, type_) for a in cell.atoms if a.op != "eq"]
    parts = ([{"in": [v, equal]}] if len(equal) > 1 else [{"===": [v, equal[0]]}] if equal else []) + others
    test = parts[0] if len(parts) == 1 else {"or": parts}
    return {"!": test} if cell.negated else test


def rule_logic(table: Table, rule) -> object:
    """The condition of one rule: the `and` of its cells (true when every cell is "-")."""
    parts = [cell_logic(cell, column.id, column.type) for cell, column in zip(rule.cells, table.inputs)]
    parts = [q for p in parts if p is not None for q in (p["and"] if isinstance(p, dict) and "and" in p else [p])]
    if not parts:
        return True
    return parts[0] if len(parts) == 1 else {"and": parts}


def output_logic(table: Table, conditions: list, output_id: str):
    """The JsonLogic giving one output under the table's hit policy."""
    default = (table.default or {}).get(output_id)
    values = [rule.then.get(output_id) for rule in table.rules]
    if table.hit_policy == "collect":
        if not conditions:
            return [default] if table.default is not None else []
        merged = {"merge": [{"if": [c, [v], []]} for c, v in zip(conditions, values)]}
        return {"if": [{"or": conditions} if len(conditions) > 1 else conditions[0], merged,
                       [default] if table.default is not None else []]}
    chain = []
    for c, v in zip(conditions, values):
        if c is True:  # a rule matching everything ends the chain
            return {"if": chain + [v]} if chain else v
        chain += [c, v]
    return {"if": chain + [default]} if chain else default


def compile_table(table: Table) -> CompiledDecision:
    conditions = [rule_logic(table, rule) for rule in table.rules]
    logic = {o.id: output_logic(table, conditions, o.id) for o in table.outputs}
    return CompiledDecision(table, conditions, logic)


def compile_decision(body: dict) -> CompiledDecision:
    """Compile a decision body; DefinitionInvalid listing every error when it cannot be read
    (unreadable cells, unknown inputs, wrong output types). Overlaps and gaps are
    check_decision's (they do not stop compiling)."""
    table = read_table(body)
    if table.errors:
        raise DefinitionInvalid(table.errors)
    return compile_table(table)


def inline(logic, args: dict):
    """`logic` with every `{"var": id}` of an input in `args` replaced by that argument's
    JsonLogic (`{"var": [id, fallback]}` keeps the fallback when the argument is null)."""
    if isinstance(logic, list):
        return [inline(x, args) for x in logic]
    if not isinstance(logic, dict):
        return logic
    if len(logic) == 1 and "var" in logic:
        ref = logic["var"]
        name = ref[0] if isinstance(ref, list) and ref else ref
        if isinstance(name, str) and name in args:
            if isinstance(ref, list) and len(ref) > 1:
                return {"if": [{"==": [args[name], None]}, ref[1], args[name]]}
            return args[name]
        return logic
    return {op: inline(value, args) for op, value in logic.items()}
