"""Handle (办理): a task with form fields to fill (the node's editable fields, `required`
ones must be filled); the values are written to the record as the assignee, through the
record service with the node's field permissions. Modes and assignees as for approval
(flows/human_node.py); output {"outcome": "handled", "values": {...}}."""
from __future__ import annotations

from ..acting import ID, titled
from ..human_node import COMMON, HumanNode

ACTIONS = ["handle", "return", "transfer", "add_signer"]


class HandleNode(HumanNode):
    key = "handle"
    label = {"zh": "办理", "en": "Handle"}
    task_kind = "handle"
    done_state = "handled"
    config_schema = {
        "type": "object",
        "required": ["approvers"],
        "additionalProperties": False,
        "properties": {
            **COMMON,
            "required": titled({"type": "array", "uniqueItems": True, "maxItems": 200, "items": ID}, "必填字段",
                               "Required fields"),
            "actions": titled({"type": "array", "uniqueItems": True, "items": {"enum": ACTIONS}}, "允许的操作",
                              "Allowed actions"),
            "return_to": titled({"type": "array", "items": {"anyOf": [ID, {"const": "start"}]}}, "可退回到",
                                "May return to"),
        },
    }

    def problems(self, node: dict) -> list:
        fields = node.get("fields") or {}
        return [(f"/required/{i}", "required_not_editable", f"必填字段 {f} 在本节点不可编辑",
                 f"required field {f} is not editable in this node")
                for i, f in enumerate(node.get("required") or []) if fields.get(f) != "editable"]
