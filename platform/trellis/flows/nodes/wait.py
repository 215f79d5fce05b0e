"""Wait (等待): the run pauses here.

- `for` {amount, unit}: a duration (minutes, hours, days, working days, trading days);
- `until`: a JsonLogic expression giving a date or date-time (a field of the record, a
  variable), optionally shifted by `offset` {amount, unit}; a date means 09:00 (`at`,
  "HH:MM") that day in the instance's zone; a time already past goes on at once;
- `condition`: until a JsonLogic condition over the record holds (checked when the record
  is written and when the wait is woken), with an optional `timeout` {amount, unit}.

The wait's output says why it ended: {"reason": "time" | "condition" | "timeout"}, so a
branch after it can act on a time-out. A journey's exit condition is checked before
every step, so a journey waiting here ends when it turns true.
"""
from __future__ import annotations

from datetime import date, datetime, time

from ...kernel.errors import BadRequest
from ...logic import truthy
from ..calendar import UNITS, shift, text, to_local
from ..node_type import NodeType
from ..result import Result

DURATION = {"type": "object", "required": ["amount", "unit"], "additionalProperties": False,
            "properties": {"amount": {"type": "integer", "minimum": -3650, "maximum": 3650},
                           "unit": {"enum": list(UNITS)}}}


class WaitNode(NodeType):
    key = "wait"
    label = {"zh": "等待", "en": "Wait"}
    category = "flow"
    config_schema = {
        "type": "object",
        "properties": {"for": DURATION, "until": {}, "offset": DURATION, "condition": {}, "timeout": DURATION,
                       "at": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}},
        "oneOf": [{"required": ["for"]}, {"required": ["until"]}, {"required": ["condition"]}],
    }

    def run(self, node: dict, step) -> Result:
        zone = step.runtime.timezone
        if "condition" in node:
            if truthy(step.evaluate(node["condition"])):
                return Result(output={"reason": "condition"})
            timeout = node.get("timeout")
            due = shift(step.now, timeout["amount"], timeout["unit"], zone, step.runtime) if timeout else None
            return Result(wait={"condition": True, "timeout": due.isoformat() if due else None})
        if "for" in node:
            due = shift(step.now, node["for"]["amount"], node["for"]["unit"], zone, step.runtime)
        else:
            due = self._until(node, step, zone)
            if due is None:
                return Result(output={"reason": "no_date"})
        if due <= step.now:
            return Result(output={"reason": "time"})
        return Result(wait={"until": due.isoformat()})

    def _until(self, node: dict, step, zone: str) -> datetime | None:
        value = step.evaluate(node["until"])
        if value in (None, ""):
            return None
        try:
            if isinstance(value, str) and len(value) == 10:
                value = date.fromisoformat(value)
            elif isinstance(value, str):
                value = datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
        except ValueError:
            raise BadRequest(f"节点 {node['id']}:等待到的时间 {value!r} 不是日期",
                             f"node {node['id']}: {value!r} to wait until is not a date", code="not_a_date",
                             details={"node": node["id"]}) from None
        if isinstance(value, date) and not isinstance(value, datetime):
            hh, mm = (node.get("at") or "09:00").split(":")
            value = datetime.combine(value, time(int(hh), int(mm)))
        due = to_local(value, zone)
        offset = node.get("offset")
        return shift(due, offset["amount"], offset["unit"], zone, step.runtime) if offset else due

    def resume(self, node: dict, step, wait: dict) -> Result:
        if wait.get("condition"):
            if truthy(step.evaluate(node["condition"])):
                return Result(output={"reason": "condition"})
            if wait.get("timeout") and datetime.fromisoformat(wait["timeout"]) <= step.now:
                return Result(output={"reason": "timeout"})
            return Result(wait=wait)
        if datetime.fromisoformat(wait["until"]) <= step.now:
            return Result(output={"reason": "time"})
        return Result(wait=wait)

    def describe(self, node: dict, step) -> dict:
        if "for" in node:
            zh, en = text(node["for"]["amount"], node["for"]["unit"])
            return {"zh": f"等待 {zh}", "en": f"wait {en}"}
        if "until" in node:
            return {"zh": "等待到指定时间", "en": "wait until the set time"}
        return {"zh": "等待条件成立", "en": "wait until the condition holds"}
