"""What the human node types (nodes/approval.py, handle.py, cc.py) share: their
configuration, giving out tasks when the run reaches them, and deciding when the run may
go on.

`run` resolves the assignees (flows/approvers.py), applies the empty-approver policy and,
for approvals, 去重 (an approver who approved the step just before is approved for
automatically), writes the round's tasks (flows/task_store.py: all pending for 或签 /
会签, one after the other for 依次) and waits. People act through flows/people.py, which
records the action, gives the next turn and wakes the run; `resume` then reads the round's
tasks: while any is open the run waits; otherwise the node's outcome decides: approved or
handled goes on, rejected ends the run (or goes on with `on_reject: continue`), returned
goes back to an earlier node (`goto`) or to the initiator (the run ends, status 已退回).

Output: {"outcome", "by": [user ids who acted], "comments": [{"by", "state", "comment",
"at"}], "values": {...} (handle)}."""
from __future__ import annotations

from ..kernel.timestamps import stamp
from . import task_store
from .acting import DURATION, ID, dry, titled
from .approvers import SOURCES, admins, describe, resolve
from .node_type import NodeType
from .result import Result
from .sla import activate

SLA_UNITS = ["minutes", "hours", "days", "working_hours", "business_days", "trading_days"]
SLA = titled({"type": "object", "required": ["amount", "unit"], "additionalProperties": False, "properties": {
    "amount": {"type": "integer", "minimum": 1, "maximum": 3650},
    "unit": {"enum": SLA_UNITS},
    "remind_before": {**DURATION, "properties": {**DURATION["properties"], "unit": {"enum": SLA_UNITS}}},
    "on_overdue": {"enum": ["notify_supervisor", "transfer", "approve", "reject"]},
    "transfer_to": SOURCES["items"],
}}, "时限", "Time limit")
FIELD_RIGHTS = titled({"type": "object", "maxProperties": 500, "propertyNames": {"pattern": ID["pattern"]},
                       "additionalProperties": {"enum": ["editable", "readonly", "hidden"]}},
                      "字段权限", "Field permissions")
COMMON = {
    "approvers": SOURCES,
    "mode": titled({"enum": ["any", "all", "sequence"], "default": "any"}, "多人处理方式", "With several people"),
    "empty": titled({"enum": ["skip", "approve", "admin"], "default": "admin"}, "找不到处理人时", "When nobody is found"),
    "fields": FIELD_RIGHTS,
    "sla": SLA,
}
MODE_WORDS = {"any": ("或签", "any one"), "all": ("会签", "all"), "sequence": ("依次", "in turn")}


class HumanNode(NodeType):
    category = "people"
    task_kind = "approval"
    done_state = "approved"

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        conn, run = step.conn, step.run
        round_ = run["seq"]
        users = resolve(conn, run["app"], node.get("approvers") or [], record=step.record,
                        initiator=run.get("actor_id"), node_id=node["id"], variables=step.context.get("vars"))
        auto: set[int] = set()
        if not users:
            policy = node.get("empty", "admin")
            if policy == "skip":
                return Result(output={"outcome": "skipped", "by": [], "comments": []})
            if policy == "approve":
                return Result(output={"outcome": self.done_state, "by": [], "comments": [], "auto": True})
            users = admins(conn)
            if not users:
                return Result(output={"outcome": "skipped", "by": [], "comments": []})
        elif self.task_kind == "approval" and node.get("dedupe", True):
            auto = task_store.last_approver(conn, run["id"], round_) & set(users)
        mode = node.get("mode", "any")
        if auto and mode == "any":
            users = [next(u for u in users if u in auto)]
        rows = self._rows(node, step, users, auto, mode, round_)
        ids = task_store.insert(conn, rows)
        for r, i in zip(rows, ids):
            r["id"] = i
        pending = [r for r in rows if r["state"] == "pending"]
        if not pending and not any(r["state"] == "queued" for r in rows):  # every one approved automatically
            return Result(output={"outcome": self.done_state, "by": sorted(auto), "comments": [], "auto": True})
        if not pending:
            pending = task_store.promote(conn, run["id"], node["id"], round_)
        activate(step.runtime, conn, pending, node, step.now)
        return Result(wait={"human": round_})

    def _rows(self, node: dict, step, users: list[int], auto: set, mode: str, round_: int) -> list[dict]:
        run = step.run
        title = _title(step)
        base = dict(app=run["app"], run_id=run["id"], flow=run["flow"], node=node["id"], token=step.token["id"],
                    round=round_, kind=self.task_kind, mode=mode, form=run.get("form"), record_id=run.get("record_id"),
                    title=title, initiator_id=run.get("actor_id"), created_at=step.now, urges=0)
        rows, first = [], True
        for i, user in enumerate(users):
            if user in auto:
                state = "auto"
            elif mode == "sequence" and not first:
                state = "queued"
            else:
                state = "pending"
                first = False if mode == "sequence" else first
            rows.append(dict(base, assignee_id=user, position=i * 10 if mode == "sequence" else 0, state=state,
                             acted_at=step.now if state == "auto" else None, acted_by=user if state == "auto" else None))
        return rows

    def resume(self, node: dict, step, wait: dict) -> Result:
        tasks = task_store.of_node(step.conn, step.run["id"], node["id"], wait["human"])
        if task_store.open_count(tasks):
            return Result(wait=wait)
        out = _summary(tasks)
        returned = next((t for t in tasks if t["state"] == "returned"), None)
        if returned is not None:
            to = (returned.get("values") or {}).get("to") or "start"
            out["outcome"] = "returned"
            if to == "start":
                step.context["status"] = "returned"
                return Result(output=out, end=True)
            return Result(output=out, goto=to)
        if any(t["state"] == "rejected" for t in tasks):
            out["outcome"] = "rejected"
            if node.get("on_reject", "end") == "end":
                step.context["status"] = "rejected"
                return Result(output=out, end=True)
            return Result(output=out)
        out["outcome"] = self.done_state
        return Result(output=out)

    def describe(self, node: dict, step) -> dict:
        who = [describe(s) for s in node.get("approvers") or []]
        zh_mode, en_mode = MODE_WORDS.get(node.get("mode", "any"), ("", ""))
        label = node.get("label") or self.label
        lz = label.get("zh") if isinstance(label, dict) else str(label)
        le = label.get("en") if isinstance(label, dict) else str(label)
        return {"zh": f"「{lz}」交给 {'、'.join(w[0] for w in who) or '?'}({zh_mode})",
                "en": f"\"{le}\" goes to {', '.join(w[1] for w in who) or '?'} ({en_mode})"}


def _summary(tasks: list[dict]) -> dict:
    acted = [t for t in tasks if t["state"] in task_store.ACTED + ("auto",)]
    values: dict = {}
    for t in acted:
        if t["state"] == "handled":
            values.update(t.get("values") or {})
    return {"by": [t.get("acted_by") or t["assignee_id"] for t in acted],
            "comments": [{"by": t.get("acted_by") or t["assignee_id"], "state": t["state"], "comment": t.get("comment"),
                          "at": stamp(t["acted_at"]) if t.get("acted_at") else None}
                         for t in acted if t.get("comment")],
            "values": values}


def _title(step) -> str:
    label = step.flow.get("label")
    flow = (label.get("zh") if isinstance(label, dict) else label) or step.run.get("flow")
    record = step.record or {}
    form = step.runtime.form(step.run["app"], step.run["form"]) if step.run.get("form") else None
    shown = record.get(form.title_field) if form is not None else None
    text = f"{flow} · {shown if shown not in (None, '') else '#' + str(record.get('id', ''))}" if record else flow
    return str(text)[:300]
