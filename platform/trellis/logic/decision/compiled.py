"""`CompiledDecision`: what compiling a decision table gives (compile.py builds it)."""
from __future__ import annotations


class CompiledDecision:
    """A decision table as JsonLogic over `{"var": "<input id>"}`.

    `inputs` / `outputs`: the columns (`id`, `label`, `type`) in the table's order;
    `hit_policy`: first, unique or collect; `conditions[i]`: the JsonLogic of rule i
    (0-based) matching; `logic_for(output_id)`: the JsonLogic giving that output (one
    value for first / unique, a list for collect); `default`: the default outputs or None."""

    def __init__(self, table, conditions: list, logic: dict):
        self.table = table
        self.conditions = conditions
        self._logic = logic

    @property
    def inputs(self) -> list:
        return self.table.inputs

    @property
    def outputs(self) -> list:
        return self.table.outputs

    @property
    def hit_policy(self) -> str:
        return self.table.hit_policy

    @property
    def default(self) -> dict | None:
        return self.table.default

    def logic_for(self, output_id: str | None = None):
        """The JsonLogic of an output (the first output when None); KeyError when unknown."""
        return self._logic[output_id if output_id is not None else self.outputs[0].id]

    def input(self, input_id: str):
        return next(c for c in self.inputs if c.id == input_id)
