"""Approval (审批): approvers from a user, a role, a department head N levels up, a user
field of the record, the initiator's manager or the initiator's choice; 或签 (any one),
会签 (all) or 依次 (in turn); approve, reject, return to an earlier node or the initiator
(退回), transfer (转交), add a signer before or after (加签), comment with attachments.
See flows/human_node.py for how it runs and flows/people.py for the actions."""
from __future__ import annotations

from ..acting import ID, titled
from ..human_node import COMMON, HumanNode

ACTIONS = ["approve", "reject", "return", "transfer", "add_signer"]


class ApprovalNode(HumanNode):
    key = "approval"
    label = {"zh": "审批", "en": "Approval"}
    task_kind = "approval"
    done_state = "approved"
    config_schema = {
        "type": "object",
        "required": ["approvers"],
        "additionalProperties": False,
        "properties": {
            **COMMON,
            "dedupe": titled({"type": "boolean", "default": True}, "同一审批人连续出现时自动同意",
                             "Approve for someone who approved the step before"),
            "actions": titled({"type": "array", "uniqueItems": True, "items": {"enum": ACTIONS}}, "允许的操作",
                              "Allowed actions"),
            "on_reject": titled({"enum": ["end", "continue"], "default": "end"}, "驳回后", "After a rejection"),
            "return_to": titled({"type": "array", "items": {"anyOf": [ID, {"const": "start"}]}}, "可退回到",
                                "May return to"),
        },
    }
