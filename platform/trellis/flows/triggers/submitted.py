"""On submit (提交即发起审批): a record of the flow's form was created (unless `on_create`
is false: then only its 提交审批 button starts it), or its initiator submitted it again
after a rejection, a return or a withdrawal. The record's approval
status lives in `status_field` (a select field with the options pending, approved,
rejected, withdrawn, returned); `lock` names the fields nobody may change outside the
flow while it runs ("all": every field). See flows/approval_status.py."""
from __future__ import annotations

from ..approval_status import STATUSES
from ..trigger_type import TriggerType

FIELD = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}


class SubmittedTrigger(TriggerType):
    key = "submitted"
    label = {"zh": "提交时发起审批", "en": "On submit (approval)"}
    events = ("insert",)
    config_schema = {
        "type": "object",
        "required": ["status_field"],
        "additionalProperties": False,
        "properties": {
            "status_field": {**FIELD, "x-label": {"zh": "审批状态字段", "en": "Approval status field"}},
            "on_create": {"type": "boolean", "default": True,
                          "x-label": {"zh": "新建记录即提交", "en": "Submit when the record is created"}},
            "lock": {"x-label": {"zh": "审批中锁定的字段", "en": "Fields locked while under approval"},
                     "oneOf": [{"const": "all"}, {"type": "array", "uniqueItems": True, "maxItems": 500,
                                                   "items": FIELD}]},
        },
    }

    def fires(self, trigger: dict, event: str, old, new) -> bool:
        return trigger.get("on_create", True) is not False

    def fields_named(self, trigger: dict) -> list[str]:
        lock = trigger.get("lock")
        return [trigger["status_field"]] + (list(lock) if isinstance(lock, list) else [])

    def form_problems(self, trigger: dict, form: dict) -> list[tuple[str, str, str, str]]:
        field = next((f for f in form.get("fields", []) if f.get("id") == trigger["status_field"]), None)
        values = {o.get("value") for o in (field or {}).get("options") or [] if isinstance(o, dict)}
        if field is None or field.get("type") != "single_select" or not set(STATUSES[:3]) <= values:
            return [("/status_field", "bad_status_field",
                     f"审批状态字段 {trigger['status_field']} 应为单选字段,选项至少包含 pending、approved、rejected",
                     f"the approval status field {trigger['status_field']} must be a select with at least the options "
                     "pending, approved and rejected")]
        return []
