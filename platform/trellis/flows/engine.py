"""`runtime.flows`: starting runs and operating them.

- **Record triggers**: a lifecycle handler (after every insert, update and delete, in the
  write's transaction) asks each enabled flow of the written form whose trigger listens to
  the event which rows fire, checks the entry condition, the re-entry policy and the
  frequency cap, and creates the run with its first job, so a rolled-back write starts
  nothing and a committed one is never lost. The run's idempotency key is (flow, version,
  event): the record's id and version for a write, so a retried job or a second worker
  never starts the same run twice. The same handler pokes the live runs of the written
  records (a journey's exit condition, a wait on a condition).
- **Other starts**: `start_manual` (a user on records); `start` for time-based triggers,
  webhooks and a call_flow node (with `parent_run`, whose end wakes the caller).
- **Operating a run**: `cancel`, `retry` (a failed step again), `skip` (past the failed
  node), each one step of the run's log.
"""
from __future__ import annotations

import uuid
from datetime import timedelta

from ..kernel.errors import BadRequest, Conflict, NotFound
from ..logic import truthy
from . import cursor as cursors
from . import runs
from .approval_status import ApprovalStatus
from .catalog import Catalog, Published
from .cursor import Mover
from .inbox import Inbox
from .people import People
from .runner import ADVANCE, Runner

EVENTS = {"after_insert": "insert", "after_update": "update", "after_delete": "delete", "after_restore": "insert"}


class FlowEngine:
    def __init__(self, runtime, registries):
        self.runtime = runtime
        self.registries = registries
        self.catalog = Catalog(runtime, registries.triggers)
        self.runner = Runner(runtime, self.catalog, registries.node_types)
        self.people = People(runtime, self)
        self.status = ApprovalStatus(runtime, self)
        self.inbox = Inbox(runtime, self)
        self.runner.on_end.append(self.status.ended)

    # -- starting a run ------------------------------------------------------------------------
    def start(self, conn, flow, *, event: str, record: dict | None = None, info: dict | None = None, actor_id=None,
              cause=None, variables: dict | None = None, parent_run=None, limits: bool = True,
              checked: bool = False) -> int | None:
        """Start a run of a published flow (None: the condition, re-entry or cap said no, or
        this event started one already). `checked`: the caller has tested the condition."""
        body, app = flow.body, flow.app
        now = self.runtime.clock.now()
        record_id = record.get("id") if record else None
        if not checked and not self._passes(flow, record, info, variables):  # costs no query: first
            return None
        if record_id is not None and limits and not self._allowed(conn, app, flow, record_id, now):
            return None
        context = {"trigger": record, "event": info or {"type": event}, "vars": dict(variables or {}), "steps": {}}
        run_id = runs.create(conn, app=app, flow=flow.key, version=flow.version, form=body.get("form"),
                             record_id=record_id, event=f"{flow.key}:{flow.version}:{event}", cursor=cursors.start(),
                             context=context, actor_id=actor_id, now=now, cause=cause, parent_run=parent_run)
        if run_id is not None:
            self.runtime.jobs.enqueue(ADVANCE, {"run": run_id}, key=f"{ADVANCE}:{run_id}:0", app=app, conn=conn,
                                      cause=cause)
        return run_id

    def _passes(self, flow, record: dict | None, info: dict | None, variables: dict | None) -> bool:
        compiled = flow.condition
        if compiled is None:
            return True
        fn, reads = compiled
        data = dict(record or {}, **{"$event": info or {}, "$vars": variables or {}}) if reads else (record or {})
        with self.runtime.logic_time():
            return truthy(fn(data))

    def _allowed(self, conn, app: str, flow, record_id, now) -> bool:
        body = flow.body
        reentry = body.get("reentry") or ("one_live" if body.get("kind") == "journey" else "allow")
        if reentry == "one_live" and runs.live_run(conn, app, flow.key, record_id) is not None:
            return False
        cap = body.get("cap")
        if cap and runs.runs_since(conn, app, flow.key, record_id, now - timedelta(days=cap["days"])) >= cap["times"]:
            return False
        return True

    # -- the lifecycle handler -----------------------------------------------------------------
    def on_write(self, ctx) -> None:
        event = EVENTS.get(ctx.event)
        app, form = ctx.form.app, ctx.form.id
        flows = self.catalog.on_form(app, form)
        if not flows:
            return
        n = len(ctx.records)
        olds = list(ctx.old) if ctx.old else [None] * n
        pairs = [(olds[i], None if event == "delete" else ctx.records[i]) for i in range(n)]
        now = self.runtime.clock.now()
        for flow in flows:
            trigger = flow.trigger
            if trigger is None or event not in trigger.events:
                continue
            compiled = flow.condition
            for i in trigger.firing(flow, event, pairs, ctx.conn, now):
                old, new = pairs[i]
                rec = new or old
                info = None
                if compiled is not None:  # the lifecycle has set the rule language's clock
                    fn, reads = compiled
                    if reads:
                        info = trigger.event_info(flow.body["trigger"], event, old, new)
                    if not truthy(fn(dict(rec, **{"$event": info, "$vars": {}}) if reads else rec)):
                        continue
                self.start(ctx.conn, flow, event=f"{event}:{rec['id']}:{rec.get('version')}", record=rec,
                           info=info or trigger.event_info(flow.body["trigger"], event, old, new),
                           actor_id=getattr(ctx.actor, "id", None), cause=ctx.cause, checked=True)
        self._poke(ctx, app, form)

    def _poke(self, ctx, app: str, form: str) -> None:
        """Wake the live runs of the written records: their exit conditions and waits read them."""
        versions = {r["id"]: r.get("version") for r in ctx.records if r and "id" in r}
        for run_id, record_id in runs.live_for_records(ctx.conn, app, form, list(versions)):
            self.runtime.jobs.enqueue(ADVANCE, {"run": run_id}, key=f"{ADVANCE}:{run_id}:poke:{versions[record_id]}",
                                      app=app, conn=ctx.conn)

    # -- time-based triggers -------------------------------------------------------------------
    def on_publish(self, conn, action, app, kind, key, before, after, user_id, note=None) -> None:
        """A published flow version arms its trigger (schedules, date-relative jobs)."""
        if action != "definition.publish" or kind != "flow" or not after:
            return
        found = self.runtime.store.published(app, "flow", key, conn=conn)
        if found is None or found[0].get("enabled") is False:
            return
        kind_key = (found[0].get("trigger") or {}).get("type")
        if kind_key in self.registries.triggers:
            flow = Published(app, key, found[1], found[0], self.registries.triggers.get(kind_key)())
            flow.trigger.arm(self, flow, conn)

    def trigger_due(self, app: str, flow: str, version: int | None = None, **args) -> dict:
        """A time-based trigger's job: the flow's trigger starts what is due (a disabled or
        newer flow ignores an older version's job)."""
        current = self.catalog.get(app, flow)
        if current is None or not current.enabled or (version is not None and current.version != version):
            return {"skipped": True}
        return current.trigger.due(self, current, args) or {}

    # -- starts by a user or another flow ------------------------------------------------------
    def published(self, app: str, key: str):
        flow = self.catalog.get(app, key)
        if flow is None:
            raise NotFound(f"流程 {key} 不存在或未发布", f"flow {key} not found or not published",
                           details={"flow": key})
        return flow

    def start_manual(self, app: str, key: str, actor, records: list | None = None,
                     variables: dict | None = None) -> list[int]:
        """Start a manual flow on records the actor may read (or once, without a record)."""
        from ..kernel.cause import actor_link

        flow = self.published(app, key)
        if (flow.body.get("trigger") or {}).get("type") != "manual":
            raise BadRequest(f"流程 {key} 不能手动触发", f"flow {key} is not started by hand", code="not_manual",
                             details={"flow": key})
        if not flow.enabled:
            raise Conflict(f"流程 {key} 已停用", f"flow {key} is disabled", code="flow_disabled", details={"flow": key})
        started = []
        with self.runtime.transaction() as conn:
            targets = [None] if not records else records
            for rid in targets:
                rec = None
                if rid is not None:
                    rec = self.runtime.records(app, flow.body["form"], actor).get(int(rid), conn=conn)
                run_id = self.start(conn, flow, event=f"manual:{rid}:{uuid.uuid4().hex}", record=rec,
                                    info={"type": "manual", "by": actor.id}, actor_id=actor.id,
                                    cause=[actor_link(actor)], variables=variables)
                if run_id is not None:
                    started.append(run_id)
        return started

    # -- operating a run -----------------------------------------------------------------------
    def run_of(self, conn, app: str, run_id: int) -> dict:
        row = runs.load(conn, run_id)
        if row is None or row["app"] != app:
            raise NotFound(f"运行 {run_id} 不存在", f"run {run_id} not found", details={"run": run_id})
        return row

    def cancel(self, app: str, run_id: int, actor, *, status: str | None = None, check=None) -> dict:
        """Cancel a live (or failed) run; its open tasks close. `status`: what an approval's
        record shows afterwards (withdrawn); `check(conn, row)` may refuse first."""
        with self.runtime.transaction() as conn:
            row = self.run_of(conn, app, run_id)
            if row["state"] not in runs.LIVE + ("failed",):
                raise Conflict("运行已结束,不能取消", "the run has ended and cannot be cancelled", code="run_ended",
                               details={"run": run_id, "state": row["state"]})
            if check is not None:
                check(conn, row)
            row["cursor"]["tokens"] = []
            if status:
                row["context"]["status"] = status
            runs.save_step(conn, row, row["seq"], _log(status or "cancel", "cancelled", actor), state="cancelled",
                           cursor=row["cursor"], context=row["context"], now=self.runtime.clock.now())
            self.runner._ended(conn, row)
        return row

    def retry(self, app: str, run_id: int, actor, *, skip: bool = False) -> dict:
        """Run a failed run's failed step again (or, with `skip`, go on after it)."""
        with self.runtime.transaction() as conn:
            row = self.run_of(conn, app, run_id)
            if row["state"] != "failed":
                raise Conflict("只有失败的运行可以重试或跳过", "only a failed run can be retried or skipped",
                               code="run_not_failed", details={"run": run_id, "state": row["state"]})
            body = self.catalog.version(app, row["flow"], row["version"])
            mover = Mover(body, row["cursor"], self.runner.kind_of)
            if skip:
                tok = mover.runnable()
                if tok is not None:
                    mover.after(tok, tok["at"])
            state = "running" if mover.tokens else "done"
            runs.save_step(conn, row, row["seq"], _log("skip" if skip else "retry", "skipped" if skip else "ok", actor),
                           state=state, cursor=mover.cursor, context=row["context"], now=self.runtime.clock.now())
            self.runtime.jobs.enqueue(ADVANCE, {"run": run_id}, key=f"{ADVANCE}:{run_id}:{row['seq']}:retry", app=app,
                                      conn=conn)
        return row


def _log(node: str, result: str, actor) -> dict:
    return {"node": node, "type": node, "result": result, "input": {"by": getattr(actor, "id", None)},
            "output": None, "error": None, "ms": None}
