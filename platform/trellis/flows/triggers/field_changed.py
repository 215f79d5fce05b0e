"""Field changed (字段变化时): one field of a record of the flow's form took another value,
optionally only from / to certain values. `from` and `to` are each a simple value (equal
to it: from any value to "流失风险") or a JsonLogic rule over `{"var": "value"}` (the old,
respectively new value; the record's other fields are there by id too). With `on_create`,
a new record whose field is set counts as a change from null. `$event` is {type, field,
from, to}."""
from __future__ import annotations

from ..trigger_type import TriggerType
from ..trigger_support import rule_problems
from ...logic import evaluate, truthy

FIELD = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}


class FieldChangedTrigger(TriggerType):
    key = "field_changed"
    label = {"zh": "字段变化时", "en": "When a field changes"}
    events = ("insert", "update")
    config_schema = {
        "type": "object",
        "required": ["field"],
        "additionalProperties": False,
        "properties": {
            "field": FIELD,
            "from": {"description": "a value the old one equals, or a JsonLogic rule over {var: value}"},
            "to": {"description": "a value the new one equals, or a JsonLogic rule over {var: value}"},
            "on_create": {"type": "boolean", "default": False},
        },
    }

    def fields_named(self, trigger: dict) -> list[str]:
        return [trigger["field"]] if isinstance(trigger.get("field"), str) else []

    def problems(self, trigger: dict) -> list[tuple[str, str, str, str]]:
        out = []
        for end in ("from", "to"):
            if _is_rule(trigger.get(end)):
                out += rule_problems(trigger[end], "/" + end)
        return out

    def fires(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> bool:
        name = trigger["field"]
        if event == "insert" and not trigger.get("on_create"):
            return False
        before = (old or {}).get(name)
        after = (new or {}).get(name)
        if before == after:
            return False
        return _matches(trigger, "from", before, old) and _matches(trigger, "to", after, new)

    def event_info(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> dict:
        name = trigger["field"]
        return {"type": event, "field": name, "from": (old or {}).get(name), "to": (new or {}).get(name)}


def _is_rule(value) -> bool:
    return isinstance(value, dict) and len(value) == 1


def _matches(trigger: dict, end: str, value, record: dict | None) -> bool:
    if end not in trigger:
        return True
    want = trigger[end]
    if _is_rule(want):
        return truthy(evaluate(want, dict(record or {}, value=value)))
    return value == want
