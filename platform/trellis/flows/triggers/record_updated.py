"""Record updated (修改记录时): a record of the flow's form was changed; with `fields`, only
when one of those fields changed."""
from __future__ import annotations

from ..trigger_type import TriggerType


class RecordUpdatedTrigger(TriggerType):
    key = "record_updated"
    label = {"zh": "修改记录时", "en": "When a record is changed"}
    config_schema = {
        "type": "object",
        "properties": {"fields": {"type": "array", "maxItems": 50, "uniqueItems": True,
                                  "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}}},
    }

    def fields_named(self, trigger: dict) -> list[str]:
        return list(trigger.get("fields") or [])
