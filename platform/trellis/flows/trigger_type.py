"""The trigger-type contract of the flow engine. A trigger type is one class in one file
(flows/triggers/), registered in `registries.triggers` under its stable key: the
`trigger.type` of a flow definition.

A trigger type declares `key`, `label` {zh, en}, `config_schema` (a JSON Schema of the
trigger's keys besides `type`, checked when a flow is saved), `needs_form` (the flow
must name the form whose records start it) and `fields_named` (checked at publish).

Record triggers list the lifecycle `events` that may start a run ("insert", "update",
"delete") and answer, for a batch of one write, which rows fire (`firing`: by default
those `fires(trigger, event, old, new)` accepts; a threshold keeps marks on the
connection). `event_info` is what the run keeps as `$event` (the changed fields, say).
Triggers that start runs from time (date-relative, schedules) implement `arm(engine,
flow, conn)` (called when a version is published) and `due(engine, flow, args)` (their
job came due); the engine calls nothing else. `problems(trigger)` adds save-time checks
beyond the schema (a cron text that does not parse), each (pointer suffix under
/trigger, code, zh, en), as NodeType.problems does for nodes."""
from __future__ import annotations


class TriggerType:
    key: str = ""
    label = {"zh": "", "en": ""}
    config_schema: dict = {"type": "object", "properties": {}}
    needs_form = True
    events: tuple[str, ...] = ()

    def fields_named(self, trigger: dict) -> list[str]:
        """The fields of the flow's form the trigger's configuration names (checked at publish)."""
        return []

    def problems(self, trigger: dict) -> list[tuple[str, str, str, str]]:
        """Checks beyond the config schema: (pointer suffix, code, zh, en) each."""
        return []

    def form_problems(self, trigger: dict, form: dict) -> list[tuple[str, str, str, str]]:
        """Checks against the published form's definition at publish (pointer suffix under
        /trigger, code, zh, en)."""
        return []

    def fires(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> bool:
        return True

    def firing(self, flow, event: str, pairs: list[tuple], conn, now) -> list[int]:
        """The indexes of the (old, new) pairs of one write that start a run."""
        trigger = flow.body["trigger"]
        return [i for i, (old, new) in enumerate(pairs) if self.fires(trigger, event, old, new)]

    def event_info(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> dict:
        return {"type": event}

    def arm(self, engine, flow, conn) -> None:
        """A published version of a flow with this trigger: set up what starts it later."""

    def due(self, engine, flow, args: dict) -> dict:
        """This trigger's job came due (time-based triggers)."""
        return {}
