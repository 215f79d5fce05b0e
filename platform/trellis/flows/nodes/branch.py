"""Branch (条件分支): N conditional branches tried in order, the first whose `when` holds
runs, else the `default` branch; then the flow goes on after the branch node. Each branch
has an id (the run log names it), an optional label and its own steps."""
from __future__ import annotations

from ..node_type import NodeType, branch_steps



class BranchNode(NodeType):
    key = "branch"
    label = {"zh": "条件分支", "en": "Branch"}
    config_schema = {
        "type": "object",
        "required": ["branches"],
        "properties": {
            "branches": {"type": "array", "minItems": 1, "maxItems": 20, "items": {
                "type": "object", "required": ["id", "when", "steps"], "additionalProperties": False,
                "properties": {"id": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"},
                               "label": {"type": "object"}, "when": {}, "steps": {"type": "array"}}}},
            "default": {"type": "object", "required": ["steps"], "additionalProperties": False,
                        "properties": {"steps": {"type": "array"}}},
        },
    }

    def blocks(self, node: dict) -> list[tuple[str, list]]:
        out = list(branch_steps(node))
        if isinstance(node.get("default"), dict) and isinstance(node["default"].get("steps"), list):
            out.append(("/default/steps", node["default"]["steps"]))
        return out
