"""Branch (条件分支): N conditional branches tried in order, the first whose `when` holds
runs, else the `default` branch; then the flow goes on after the branch node. Each branch
has an id (the run log names it), an optional label and its own steps."""
from __future__ import annotations

from ...logic import truthy

from ..node_type import NodeType, branch_steps
from ..result import Result


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

    def run(self, node: dict, step) -> Result:
        for i, b in enumerate(node.get("branches") or []):
            if truthy(step.evaluate(b.get("when"))):
                return Result(output={"branch": b["id"]}, enter=f"/branches/{i}/steps")
        if isinstance(node.get("default"), dict):
            return Result(output={"branch": "default"}, enter="/default/steps")
        return Result(output={"branch": None})

    def describe(self, node: dict, step) -> dict:
        return {"zh": "按条件选择分支", "en": "choose a branch by its condition"}
