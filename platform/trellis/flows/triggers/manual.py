"""Manual (手动触发): a user starts the flow on a record (a button on the record page) or on
a grid selection; `button` {zh, en} is the button's text."""
from __future__ import annotations

from ..trigger_type import TriggerType


class ManualTrigger(TriggerType):
    key = "manual"
    label = {"zh": "手动触发", "en": "Started by a user"}
    config_schema = {
        "type": "object",
        "properties": {"button": {"type": "object", "properties": {"zh": {"type": "string", "maxLength": 40},
                                                                   "en": {"type": "string", "maxLength": 40}}}},
    }
