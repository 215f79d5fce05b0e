"""Called (被其他流程调用): the flow is started by a `call_flow` node of another flow of the
app, with that node's `inputs` as its `$vars` and (by default) the caller's record. With
`inputs` (variable names), a call passing any other name is refused."""
from __future__ import annotations

from ..trigger_type import TriggerType


class CalledTrigger(TriggerType):
    key = "called"
    label = {"zh": "被其他流程调用", "en": "Called by another flow"}
    needs_form = False
    config_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"inputs": {"type": "array", "maxItems": 50, "uniqueItems": True,
                                  "items": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,40}$"}}},
    }
