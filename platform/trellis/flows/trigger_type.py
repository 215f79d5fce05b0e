"""The trigger-type contract of the flow engine. A trigger type is one class in one file
(flows/triggers/), registered in `registries.triggers` under its stable key: the
`trigger.type` of a flow definition.

A trigger type declares `key`, `label` {zh, en}, `config_schema` (a JSON Schema of the
trigger's keys besides `type`, checked when a flow is saved), and `needs_form` (the flow
must name the form whose records start it). How a trigger starts runs (lifecycle events,
thresholds, timers, schedules) is added with the runtime."""
from __future__ import annotations


class TriggerType:
    key: str = ""
    label = {"zh": "", "en": ""}
    config_schema: dict = {"type": "object", "properties": {}}
    needs_form = True

    def fields_named(self, trigger: dict) -> list[str]:
        """The fields of the flow's form the trigger's configuration names (checked at publish)."""
        return []
