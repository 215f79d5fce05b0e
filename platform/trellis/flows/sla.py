"""Time limits of human steps (SLA) and what reaches the people they wait for.

A pending task of a node with `sla` {amount, unit, remind_before, on_overdue, transfer_to}
gets its due time counted in working time (flows/working_time.py: working hours, working
days and trading days on the Chinese calendar with the admins' overrides) and two jobs of
`flows.sla`: a reminder before it is due and the overdue action when it is, each done only
if the task is still pending then (a task acted on in time leaves its jobs idle):

- `notify_supervisor`: the assignee's department head is told (and the assignee);
- `transfer`: the task goes to `transfer_to` (an approver source);
- `approve` / `reject`: the engine acts on the task as the system.

New assignees hear of their task through the notification service (in-app, and WeCom /
DingTalk cards where the app routes them) with a link to it: `assigned` leaves that to a
`flows.notice` job after the commit (a task acted on by then is not announced); reminders,
overdue notices and urges are sent at once (`tell`)."""
from __future__ import annotations

import logging

from ..kernel.actor import SYSTEM
from . import task_store
from .approvers import head_of, resolve

log = logging.getLogger("trellis.flows")
JOB = "flows.sla"
NOTICE = "flows.notice"
KIND_WORDS = {"approval": ("审批", "approve"), "handle": ("办理", "handle"), "cc": ("抄送", "read (cc)")}


def working_time(runtime):
    found = getattr(runtime, "_working_time", None)
    if found is None:
        from .working_time import WorkingTime

        found = runtime._working_time = WorkingTime(runtime)
    return found


def times(runtime, sla: dict | None, now) -> tuple:
    """(due, remind) of a task that starts now under `sla` (None, None without one)."""
    if not sla:
        return None, None
    wt = working_time(runtime)
    due = wt.add(now, int(sla["amount"]), sla["unit"])
    before = sla.get("remind_before")
    remind = wt.add(due, -int(before["amount"]), before["unit"]) if before else None
    if remind is not None and remind <= now:
        remind = None
    return due, remind


def schedule(runtime, conn, task: dict) -> None:
    """The reminder and overdue jobs of a task just made pending."""
    app = task["app"]
    if task.get("remind_at"):
        runtime.jobs.enqueue(JOB, {"task": task["id"], "what": "remind"}, run_at=task["remind_at"],
                             key=f"{JOB}:{task['id']}:remind", app=app, conn=conn)
    if task.get("due_at"):
        runtime.jobs.enqueue(JOB, {"task": task["id"], "what": "overdue"}, run_at=task["due_at"],
                             key=f"{JOB}:{task['id']}:overdue", app=app, conn=conn)


def activate(runtime, conn, tasks: list[dict], node: dict, now) -> None:
    """Tasks whose turn came: their due times, jobs and notices."""
    due, remind = times(runtime, node.get("sla"), now)
    if due is not None:
        ids = [t["id"] for t in tasks]
        conn.execute(task_store.T.update().where(task_store.T.c.id.in_(ids)).values(due_at=due, remind_at=remind))
        for t in tasks:
            t.update(due_at=due, remind_at=remind)
            schedule(runtime, conn, t)
    assigned(runtime, conn, tasks)


def assigned(runtime, conn, tasks: list[dict]) -> None:
    """New tasks: their assignees are told by a `flows.notice` job once the transaction that
    made them has committed (acting on a task stays one short transaction)."""
    if getattr(runtime, "notify", None) is not None and tasks:
        runtime.jobs.enqueue(NOTICE, {"tasks": [t["id"] for t in tasks]}, app=tasks[0]["app"], conn=conn)


def notice_job(runtime, tasks: list, **_ignored) -> dict:
    """`flows.notice`: tell the assignees of the tasks still waiting for them."""
    with runtime.transaction() as conn:
        found = [t for t in (task_store.get(conn, int(i)) for i in tasks) if t and t["state"] in ("pending", "cc")]
        tell(runtime, conn, found)
    return {"told": [t["id"] for t in found]}


def tell(runtime, conn, tasks: list[dict], *, urgent: bool = False, words: tuple | None = None) -> None:
    """Tell each task's assignee now, in the caller's transaction (best effort: a notification
    that cannot be routed never stops the flow)."""
    notify = getattr(runtime, "notify", None)
    if notify is None or not tasks:
        return
    for t in tasks:
        zh_kind, en_kind = KIND_WORDS.get(t["kind"], ("处理", "act on"))
        zh, en = words or (f"待{zh_kind}:{t.get('title') or ''}", f"To {en_kind}: {t.get('title') or ''}")
        body = {"id": "flow_task", "subject": {"zh": zh, "en": en},
                "body": {"zh": f"{zh}。请在待办中心处理:/inbox?task={t['id']}",
                         "en": f"{en}. Open it in your task inbox: /inbox?task={t['id']}"},
                "urgency": "high" if urgent else "medium"}
        try:
            with conn.begin_nested():
                notify.send(t["app"], body, recipients=[{"user": t["assignee_id"]}], form=t.get("form"),
                            record=t.get("record_id"), conn=conn,
                            dedupe=f"flow_task:{t['id']}:{zh[:20]}:{t.get('urges') or 0}")
        except Exception as exc:  # noqa: BLE001 - the task stands without its notice
            log.warning("task %s: notice not sent: %s", t["id"], exc)


def due_job(runtime, task: int, what: str, **_ignored) -> dict:
    """`flows.sla`: a task's reminder or overdue action, if it is still pending."""
    with runtime.transaction() as conn:
        t = task_store.get(conn, int(task), lock=True)
        if t is None or t["state"] != "pending":
            return {"skipped": True}
        node = runtime.flows.people.node_of(t)
        sla = (node or {}).get("sla") or {}
        if what == "remind":
            task_store.set_state(conn, t["id"], "pending", None, sla_state="reminded")
            tell(runtime, conn, [t], words=(f"即将超时:{t.get('title') or ''}", f"Due soon: {t.get('title') or ''}"))
            return {"reminded": t["id"]}
        task_store.set_state(conn, t["id"], "pending", None, sla_state="overdue")
        action = sla.get("on_overdue") or "notify_supervisor"
    if action in ("approve", "reject"):
        runtime.flows.people.act(t["id"], action, SYSTEM, {"comment": "超时自动处理 / acted on when overdue"})
    elif action == "transfer" and sla.get("transfer_to"):
        with runtime.transaction() as conn:
            run = runtime.flows.people.run_of_task(conn, t)
            to = resolve(conn, t["app"], [sla["transfer_to"]], record=None, initiator=run.get("actor_id"),
                         node_id=t["node"])
        if to:
            runtime.flows.people.act(t["id"], "transfer", SYSTEM, {"to": to[0], "comment": "超时转交 / transferred when overdue"})
    else:
        with runtime.transaction() as conn:
            head = head_of(conn, t["assignee_id"], 1)
            words = (f"已超时:{t.get('title') or ''}", f"Overdue: {t.get('title') or ''}")
            tell(runtime, conn, [t], urgent=True, words=words)
            if head:
                tell(runtime, conn, [dict(t, assignee_id=head)], urgent=True, words=words)
    return {"overdue": t["id"], "action": action}
