"""Record created (新增记录时): a record of the flow's form was created (any write path:
the UI, the API, an import, another flow)."""
from __future__ import annotations

from ..trigger_type import TriggerType


class RecordCreatedTrigger(TriggerType):
    key = "record_created"
    label = {"zh": "新增记录时", "en": "When a record is created"}
    events = ("insert",)
