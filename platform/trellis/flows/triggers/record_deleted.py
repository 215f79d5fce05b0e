"""Record deleted (删除记录时): a record of the flow's form was deleted (soft delete,
including deletes an on-delete cascade makes)."""
from __future__ import annotations

from ..trigger_type import TriggerType


class RecordDeletedTrigger(TriggerType):
    key = "record_deleted"
    label = {"zh": "删除记录时", "en": "When a record is deleted"}
    events = ("delete",)
