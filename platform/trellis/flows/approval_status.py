"""Start on submit (提交即发起审批): a flow whose trigger is `submitted` starts when a record
of its form is created, or when the initiator submits it again; the record carries the
run's approval status in the trigger's `status_field` (a select field of the form):

    pending 审批中 · approved 已通过 · rejected 已驳回 · withdrawn 已撤回 · returned 已退回

Locks: while the run lives, the trigger's `lock` fields ("all": every field) cannot be
changed except by the run itself (a write whose cause names the run: the flow's own
nodes, a task's assignee writing through their task); the status field is the flow's
alone at any time. A refusal is a 409 naming the field.

Before the insert the status is set to pending (the flow's entry condition decides, as
it will for the start itself), so the record comes back with it; when the run ends the
status follows its outcome, written as the flow (audited, with the run as its cause)."""
from __future__ import annotations

import uuid

from ..kernel.actor import SYSTEM
from ..kernel.cause import actor_link, link
from ..kernel.errors import Conflict
from . import runs, task_store

STATUSES = ("pending", "approved", "rejected", "withdrawn", "returned")
AGAIN = ("rejected", "withdrawn", "returned", None, "")


def run_link(flow_key: str, run_id: int, label=None) -> dict:
    text = label.get("zh") if isinstance(label, dict) else label
    return link("flow", f"{flow_key}#{run_id}", text or flow_key)


class ApprovalStatus:
    def __init__(self, runtime, engine):
        self.runtime = runtime
        self.engine = engine

    def flows(self, app: str, form: str) -> list:
        return [f for f in self.engine.catalog.on_form(app, form)
                if (f.body.get("trigger") or {}).get("type") == "submitted"]

    # -- before every write of a form with such a flow -----------------------------------------
    def before_save(self, ctx) -> None:
        flows = self.flows(ctx.form.app, ctx.form.id)
        if not flows:
            return
        if not ctx.old:  # an insert: pending, where the flow will start
            for flow in [f for f in flows if f.body["trigger"].get("on_create", True) is not False]:
                field = flow.body["trigger"].get("status_field")
                for rec in ctx.records:
                    if field and self.engine._passes(flow, rec, None, None):
                        rec[field] = "pending"
            return
        self._check_locks(ctx, flows)

    def _check_locks(self, ctx, flows) -> None:
        causes = {c.get("id") for c in ctx.cause or [] if isinstance(c, dict)}
        acting = [f for f in flows if any(str(c).startswith(f"{f.key}#") for c in causes)]
        flows = [f for f in flows if f not in acting]
        if not flows:  # the flows' own writes (their nodes, their tasks' assignees)
            return
        theirs = {f.body["trigger"].get("status_field") for f in acting}  # a status field two flows share
        ids = [r.get("id") for r in ctx.records if r and r.get("id") is not None]
        live: dict = {}
        for run_id, record_id, flow_key in runs.live_for_records(ctx.conn, ctx.form.app, ctx.form.id, ids, True):
            live.setdefault((record_id, flow_key), []).append(run_id)
        for old, new in zip(ctx.old, ctx.records):
            if old is None or new is None:
                continue
            for flow in flows:
                trigger = flow.body["trigger"]
                mine = live.get((new.get("id"), flow.key))
                locked = set()
                if trigger.get("status_field") and trigger["status_field"] not in theirs:
                    locked.add(trigger["status_field"])
                if mine:
                    lock = trigger.get("lock") or []
                    locked |= set(ctx.form.active_ids) if lock == "all" else set(lock)
                for name in sorted(locked):
                    if name in new and new.get(name) != old.get(name):
                        label = ctx.form.field(name).field.get("label") if ctx.form.field(name) else {}
                        zh = label.get("zh") if isinstance(label, dict) else name
                        en = label.get("en") if isinstance(label, dict) else name
                        ctx.refuse(f"字段“{zh or name}”由审批流程管理,审批进行中不能修改",
                                   f"field \"{en or name}\" is managed by the approval flow and cannot be changed now",
                                   code="locked_by_flow", field=name, record=new.get("id"))

    # -- when a run ends --------------------------------------------------------------------------
    def ended(self, conn, row: dict) -> None:
        """Close what the run left open and write the record's final status."""
        task_store.close_open(conn, row["id"], None, None, "cancelled", self.runtime.clock.now())
        flow = self.engine.catalog.get(row["app"], row["flow"])
        body = self.engine.catalog.version(row["app"], row["flow"], row["version"])
        trigger = body.get("trigger") or {}
        field = trigger.get("status_field")
        if trigger.get("type") != "submitted" or not field or row.get("record_id") is None:
            return
        status = (row.get("context") or {}).get("status")
        if status is None:
            status = {"done": "approved", "exited": "approved", "cancelled": "withdrawn"}.get(row["state"])
        if status is None:
            return
        self.write(conn, row, field, status, label=(flow.body if flow else body).get("label"))

    def write(self, conn, row: dict, field: str, status: str, label=None) -> None:
        records = self.runtime.records(row["app"], row["form"], SYSTEM, cause=run_link(row["flow"], row["id"], label))
        try:
            records.update_rows([{"id": int(row["record_id"]), field: status}], conn=conn)
        except Exception as exc:  # noqa: BLE001 - a deleted record keeps no status
            from ..kernel.errors import NotFound

            if not isinstance(exc, NotFound):
                raise

    # -- submitting again -------------------------------------------------------------------------
    def choices(self, app: str, form: str, record_id: int, actor) -> dict:
        """What submitting the record asks of its initiator: the flow, and its steps whose
        approvers they pick (an approver source `initiator_choice`)."""
        from .structure import walk

        self.runtime.records(app, form, actor).get(int(record_id))  # 404 unless the caller may read it
        flows = self.flows(app, form)
        if not flows:
            raise Conflict("此表单没有提交即发起的审批流程", "this form has no approval flow started on submit",
                           code="no_approval_flow", details={"form": form})
        steps = [{"node": n["id"], "label": n.get("label") or {"zh": n["id"], "en": n["id"]}}
                 for _p, n in walk(flows[0].body.get("steps") or [], self.engine.registries.node_types)
                 if isinstance(n, dict) and any(isinstance(s, dict) and s.get("type") == "initiator_choice"
                                                for s in n.get("approvers") or [])]
        return {"flow": flows[0].key, "label": flows[0].body.get("label"), "choices": steps}

    def submit(self, app: str, form: str, record_id: int, actor, flow_key: str | None = None,
               approvers: dict | None = None) -> dict:
        """The initiator submits a record again (after a rejection, a return or a withdrawal);
        `approvers` {node id: [user ids]}: their picks for steps whose approvers are the
        initiator's choice."""
        flows = self.flows(app, form)
        if flow_key:
            flows = [f for f in flows if f.key == flow_key]
        if not flows:
            raise Conflict("此表单没有提交即发起的审批流程", "this form has no approval flow started on submit",
                           code="no_approval_flow", details={"form": form})
        flow = flows[0]
        field = flow.body["trigger"].get("status_field")
        with self.runtime.transaction() as conn:
            rec = self.runtime.records(app, form, actor).get(int(record_id), conn=conn)
            if runs.live_run(conn, app, flow.key, rec["id"]) is not None or (field and rec.get(field) not in AGAIN):
                raise Conflict("该记录的审批正在进行或已通过,不能再次提交",
                               "this record's approval is under way or approved: it cannot be submitted again",
                               code="approval_live", details={"record": rec["id"], "field": field})
            run_id = self.engine.start(conn, flow, event=f"submit:{rec['id']}:{uuid.uuid4().hex}", record=rec,
                                       info={"type": "submitted", "by": actor.id}, actor_id=actor.id,
                                       cause=[actor_link(actor)], limits=False,
                                       variables={"approvers": approvers} if approvers else None)
            if run_id is None:
                raise Conflict("记录不满足流程的发起条件", "the record does not meet the flow's entry condition",
                               code="condition_false", details={"record": rec["id"]})
            if field:
                self.write(conn, {"app": app, "form": form, "flow": flow.key, "id": run_id, "record_id": rec["id"]},
                           field, "pending", flow.body.get("label"))
        return {"run": run_id, "status": "pending"}
