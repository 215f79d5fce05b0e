"""Create task (创建跟进任务): a follow-up for a user, as a record of the task form
(`form`, default `follow_up`: who (`by`), when (`at`), how (`method`), why (`purpose`),
`summary`; the field names can be changed with `fields`), linked to the run's record by
the task form's relation to the run's form (a follow-up's `client`).

- `assignee`: {"user": id}, {"field": a user field of the run's record, e.g.
  "account_manager"}, or {"role": key} (the role's member with the fewest tasks of the
  form, the lowest id first on a tie);
- `due` {amount, unit}: from now, in minutes, hours, days, working or trading days
  (flows/calendar.py), default now;
- `purpose`: an option value of the task form's purpose field; `method` (default phone);
- `summary`: text, or a JsonLogic expression over the run's data
  (`{"cat": ["回访 ", {"var": "name"}]}`); `values`: other fields, as expressions.

The write goes through the record service as the flow (scopes, validation, audit).
Output: {"id", "assignee", "due"}."""
from __future__ import annotations

from ...kernel.errors import TrellisError
from ..acting import (DURATION, ID, USER_ID, VALUES, as_node, dry, form_label, form_of, loads, members,
                      node_error, titled, user_title)
from ..calendar import shift, text
from ..node_type import NodeType
from ..result import Result

FIELDS = {"assignee": "by", "due": "at", "method": "method", "purpose": "purpose", "summary": "summary"}


class CreateTaskNode(NodeType):
    key = "create_task"
    label = {"zh": "创建跟进任务", "en": "Create a follow-up task"}
    category = "people"
    config_schema = {
        "type": "object",
        "required": ["assignee"],
        "additionalProperties": False,
        "properties": {
            "form": titled(ID, "任务表单", "Task form", default="follow_up"),
            "assignee": titled({"oneOf": [
                {"type": "object", "required": ["user"], "additionalProperties": False, "properties": {"user": USER_ID}},
                {"type": "object", "required": ["field"], "additionalProperties": False, "properties": {"field": ID}},
                {"type": "object", "required": ["role"], "additionalProperties": False, "properties": {"role": ID}},
            ]}, "负责人", "Assignee"),
            "due": titled(DURATION, "多久后到期", "Due in"),
            "purpose": titled({"type": "string", "minLength": 1, "maxLength": 64}, "回访目的", "Purpose"),
            "method": titled({"type": "string", "minLength": 1, "maxLength": 64}, "回访方式", "Method", default="phone"),
            "summary": titled({}, "摘要", "Summary"),
            "values": titled(VALUES, "其他字段", "Other fields"),
            "fields": titled({"type": "object", "additionalProperties": False,
                              "properties": {k: ID for k in FIELDS}}, "任务表单的字段", "Fields of the task form"),
        },
    }

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        form = form_of(step, node, node.get("form") or "follow_up")
        names = dict(FIELDS, **(node.get("fields") or {}))
        assignee = self._assignee(node, step, form, names["assignee"])
        due = shift(step.now, node["due"]["amount"], node["due"]["unit"], step.runtime.timezone, step.runtime) \
            if node.get("due") else step.now
        due = due.replace(microsecond=0)
        with as_node(node):
            values = step.values(node.get("values"))
            summary = step.evaluate(node["summary"]) if "summary" in node else None
        own = {"assignee": assignee, "purpose": node.get("purpose"), "method": node.get("method") or "phone",
               "summary": summary}
        due_field = form.field(names["due"])
        own["due"] = due.date().isoformat() if due_field is not None and due_field.key == "date" \
            else due.isoformat(timespec="seconds")
        for key, value in own.items():
            if value is not None and form.field(names[key]) is not None:
                values.setdefault(names[key], value)
        link = self._link(form, step)
        if link is not None and step.run.get("record_id") is not None:
            values.setdefault(link, step.run["record_id"])
        with as_node(node):
            record = step.records(form.id).create(values, conn=step.conn)
        return Result(output={"id": record["id"], "assignee": assignee, "due": own["due"]})

    @staticmethod
    def _link(form, step) -> str | None:
        """The task form's relation field to the run's form (a follow-up's `client`)."""
        run_form = step.run.get("form")
        return next((t.id for t in form.active if t.references == "form" and getattr(t, "target", None) == run_form),
                    None) if run_form else None

    def _assignee(self, node: dict, step, form, field: str) -> int:
        spec = node["assignee"]
        if "user" in spec:
            return spec["user"]
        if "field" in spec:
            value = (step.record or {}).get(spec["field"])
            if value is None:
                raise node_error(node, f"记录的 {spec['field']} 为空,任务无人可派",
                                 f"the record's {spec['field']} is empty: no one to give the task to",
                                 code="no_assignee")
            return int(value)
        users = members(step.conn, step.run["app"], spec)
        if not users:
            raise node_error(node, f"角色 {spec['role']} 没有成员,任务无人可派",
                             f"role {spec['role']} has no members: no one to give the task to", code="no_assignee")
        if form.field(field) is None:
            return users[0]
        try:
            load = loads(step.runtime, form, field, users, step.conn)
        except TrellisError:
            return users[0]
        return min(users, key=lambda u: (load[u], u))

    def describe(self, node: dict, step) -> dict:
        spec = node.get("assignee") or {}
        if "user" in spec:
            zh = en = user_title(step, spec["user"])
        elif "field" in spec:
            value = (step.record or {}).get(spec["field"])
            zh = en = user_title(step, value) if value is not None else spec["field"]
        else:
            zh, en = f"角色 {spec.get('role')} 中任务最少的成员", f"the member of role {spec.get('role')} with the fewest tasks"
        when_zh, when_en = ("", "")
        if node.get("due"):
            d_zh, d_en = text(node["due"]["amount"], node["due"]["unit"])
            when_zh, when_en = f",{d_zh}后到期", f", due in {d_en}"
        form = node.get("form") or "follow_up"
        return {"zh": f"为 {zh} 创建「{form_label(step, form, 'zh')}」任务{when_zh}",
                "en": f"create a “{form_label(step, form, 'en')}” task for {en}{when_en}"}
