"""Record updated (修改记录时): a record of the flow's form was changed; with `fields`, only
when one of those fields changed."""
from __future__ import annotations

from ..trigger_type import TriggerType


class RecordUpdatedTrigger(TriggerType):
    key = "record_updated"
    label = {"zh": "修改记录时", "en": "When a record is changed"}
    events = ("update",)
    config_schema = {
        "type": "object",
        "properties": {"fields": {"type": "array", "maxItems": 50, "uniqueItems": True,
                                  "items": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}}},
    }

    def fields_named(self, trigger: dict) -> list[str]:
        return list(trigger.get("fields") or [])

    def fires(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> bool:
        fields = trigger.get("fields")
        return not fields or any((old or {}).get(f) != (new or {}).get(f) for f in fields)

    def event_info(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> dict:
        return {"type": event, "changed": changed_fields(old, new)}


def changed_fields(old: dict | None, new: dict | None) -> list[str]:
    """The fields whose values differ between two states of a record (system fields left out)."""
    old, new = old or {}, new or {}
    skip = {"id", "version", "updated_at", "updated_by", "created_at", "created_by"}
    return sorted(k for k in set(old) | set(new) if k not in skip and old.get(k) != new.get(k))
