"""Parallel (并行): N branches that all run; the flow goes on after the node once every
branch has finished (the join is the end of the block, so it is never unmatched)."""
from __future__ import annotations

from ..node_type import NodeType, branch_steps
from ..result import Result


class ParallelNode(NodeType):
    key = "parallel"
    label = {"zh": "并行分支", "en": "Parallel"}
    container = "parallel"
    config_schema = {
        "type": "object",
        "required": ["branches"],
        "properties": {
            "branches": {"type": "array", "minItems": 2, "maxItems": 10, "items": {
                "type": "object", "required": ["id", "steps"], "additionalProperties": False,
                "properties": {"id": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"},
                               "label": {"type": "object"}, "steps": {"type": "array"}}}},
        },
    }

    def blocks(self, node: dict) -> list[tuple[str, list]]:
        return list(branch_steps(node))

    def run(self, node: dict, step) -> Result:
        return Result(fork=[suffix for suffix, _steps in self.blocks(node)])
