"""The task inbox (待办中心) and a task's and a run's story, as the API shows them.

- `listing(user, state)`: pending (mine to act on), done (what I acted on), cc (copies to
  me), initiated (runs I started, with whom they wait for); filters by app, form, overdue
  and a search in the title; each item with its SLA countdown (working minutes left,
  flows/working_time.py) and the actions I can take.
- `history(run)`: every task of a run in order: who, which step, what, when, comment.
- `task_detail(task)`: the task, its record as the node's field permissions show it, the
  history, and where it can be returned to."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ..kernel.timestamps import stamp
from ..storage.models import flow_run as R
from ..storage.models import flow_task as T
from . import task_access, task_store
from .sla import working_time

STATES = ("pending", "done", "cc", "initiated")
STATE_WORDS = {"pending": "审批中", "approved": "已通过", "rejected": "已驳回", "withdrawn": "已撤回", "returned": "已退回"}


def _iso(v):
    """A time as the API gives times: ISO 8601 with its UTC offset."""
    return stamp(v) if isinstance(v, datetime) else v


def _text(label, lang: str = "zh") -> str:
    if isinstance(label, dict):
        return label.get(lang) or label.get("zh") or ""
    return str(label or "")


class Inbox:
    def __init__(self, runtime, engine):
        self.runtime = runtime
        self.engine = engine

    # -- labels -------------------------------------------------------------------------------------
    def _flow(self, app: str, key: str):
        return self.engine.catalog.get(app, key)

    def _node_label(self, app: str, flow: str, node: str):
        found = self._flow(app, flow)
        if found is None:
            return node
        return (self.engine.people.node_at(app, flow, found.version, node) or {}).get("label") or node

    def _names(self, conn, ids) -> dict:
        ids = {i for i in ids if i is not None}
        return {k: v["title"] for k, v in self.runtime.users_by_id(conn, ids).items()} if ids else {}

    def countdown(self, due, now) -> dict:
        if due is None:
            return {"due_at": None, "minutes_left": None, "overdue": False}
        try:
            left = working_time(self.runtime).left(now, due)
        except Exception:  # noqa: BLE001 - no calendar: wall-clock minutes
            left = int((due - now).total_seconds() // 60)
        return {"due_at": _iso(due), "minutes_left": left, "overdue": due <= now}

    # -- the inbox ----------------------------------------------------------------------------------------
    def listing(self, user_id: int, state: str, *, app=None, form=None, q=None, overdue=False, limit=50,
                offset=0) -> dict:
        now = self.runtime.clock.now()
        with self.runtime.engine.connect() as conn:
            if state == "initiated":
                return self._initiated(conn, user_id, app=app, form=form, q=q, limit=limit, offset=offset, now=now)
            where = [T.c.assignee_id == user_id]
            if state == "pending":
                where.append(T.c.state == "pending")
                order = [T.c.due_at.is_(None), T.c.due_at, T.c.id]
            elif state == "done":
                where.append(T.c.state.in_(task_store.ACTED))
                order = [T.c.acted_at.desc(), T.c.id.desc()]
            else:
                where.append(T.c.state.in_(("cc", "read")))
                order = [T.c.id.desc()]
            where += self._filters(app, form, q)
            if overdue:
                where += [T.c.due_at.is_not(None), T.c.due_at <= now]
            total = conn.execute(sa.select(sa.func.count()).select_from(T).where(*where)).scalar()
            rows = [dict(r) for r in conn.execute(sa.select(T).where(*where).order_by(*order).limit(limit)
                                                  .offset(offset)).mappings()]
            names = self._names(conn, [r["initiator_id"] for r in rows])
        return {"items": [self.item(r, names, now) for r in rows], "total": total}

    @staticmethod
    def _filters(app, form, q) -> list:
        out = []
        if app:
            out.append(T.c.app == app)
        if form:
            out.append(T.c.form == form)
        if q:
            out.append(T.c.title.like(f"%{q.replace('%', '').replace('_', '')}%"))
        return out

    def item(self, r: dict, names: dict, now) -> dict:
        flow = self._flow(r["app"], r["flow"])
        node = self.engine.people.node_at(r["app"], r["flow"], flow.version, r["node"]) if flow else None
        return {"id": r["id"], "kind": r["kind"], "state": r["state"], "flow": r["flow"],
                "flow_label": flow.body.get("label") if flow else r["flow"], "node": r["node"],
                "node_label": (node or {}).get("label") or r["node"], "app": r["app"], "form": r["form"],
                "record": r["record_id"], "run": r["run_id"], "title": r["title"], "initiator": r["initiator_id"],
                "initiator_name": names.get(r["initiator_id"]), "created_at": _iso(r["created_at"]),
                "acted_at": _iso(r["acted_at"]), "comment": r["comment"], "urges": r["urges"],
                "sla_state": r["sla_state"], **self.countdown(r["due_at"] if r["state"] == "pending" else None, now),
                "actions": self.engine.people.actions_for(r, node)}

    def _initiated(self, conn, user_id, *, app, form, q, limit, offset, now) -> dict:
        where = [T.c.initiator_id == user_id] + self._filters(app, form, q)
        runs_q = sa.select(T.c.run_id, sa.func.min(T.c.title).label("title")).where(*where).group_by(T.c.run_id)
        total = conn.execute(sa.select(sa.func.count()).select_from(runs_q.subquery())).scalar()
        found = conn.execute(runs_q.order_by(T.c.run_id.desc()).limit(limit).offset(offset)).all()
        ids = [r.run_id for r in found]
        titles = {r.run_id: r.title for r in found}
        runs = {r["id"]: dict(r) for r in conn.execute(sa.select(R).where(R.c.id.in_(ids))).mappings()} if ids else {}
        open_ = [dict(r) for r in conn.execute(sa.select(T).where(T.c.run_id.in_(ids), T.c.state == "pending")
                                               .order_by(T.c.id)).mappings()] if ids else []
        names = self._names(conn, [t["assignee_id"] for t in open_])
        items = []
        for rid in ids:
            run = runs.get(rid)
            if run is None:
                continue
            waiting = [t for t in open_ if t["run_id"] == rid]
            flow = self._flow(run["app"], run["flow"])
            due = min((t["due_at"] for t in waiting if t["due_at"]), default=None)
            items.append({"id": rid, "run": rid, "kind": "run", "state": run["state"], "flow": run["flow"],
                          "flow_label": flow.body.get("label") if flow else run["flow"], "app": run["app"],
                          "form": run["form"], "record": run["record_id"], "title": titles.get(rid),
                          "status": status_of(run, self.engine.catalog.version(run["app"], run["flow"], run["version"])),
                          "created_at": _iso(run["started_at"]),
                          "node": waiting[0]["node"] if waiting else None,
                          "node_label": self._node_label(run["app"], run["flow"], waiting[0]["node"]) if waiting else None,
                          "waiting_for": [names.get(t["assignee_id"]) for t in waiting], **self.countdown(due, now),
                          "actions": ["urge", "withdraw"] if run["state"] in ("running", "waiting") else []})
        return {"items": items, "total": total}

    # -- a run's story ----------------------------------------------------------------------------------------
    def history(self, conn, run_id: int) -> list[dict]:
        tasks = task_store.of_run(conn, run_id)
        notes = {t["id"]: (t.get("values") or {}).get("notes") or [] for t in tasks}
        names = self._names(conn, [t["assignee_id"] for t in tasks] + [t["acted_by"] for t in tasks]
                            + [n.get("by") for ns in notes.values() for n in ns])
        now = self.runtime.clock.now()
        out = []
        for t in tasks:
            item = {"task": t["id"], "node": t["node"], "node_label": self._node_label(t["app"], t["flow"], t["node"]),
                    "kind": t["kind"], "state": t["state"], "assignee": t["assignee_id"],
                    "assignee_name": names.get(t["assignee_id"]), "by": t["acted_by"], "by_name": names.get(t["acted_by"]),
                    "comment": t["comment"], "attachments": t["attachments"], "created_at": _iso(t["created_at"]),
                    "acted_at": _iso(t["acted_at"]), "added_by": t["added_by"], "round": t["round"],
                    "notes": [dict(n, by_name=names.get(n.get("by"))) for n in notes[t["id"]]],
                    "to": (t.get("values") or {}).get("to"),
                    **self.countdown(t["due_at"] if t["state"] == "pending" else None, now)}
            out.append(item)
        return out

    def task_detail(self, task: dict, actor) -> dict:
        now = self.runtime.clock.now()
        with self.runtime.engine.connect() as conn:
            node = self.engine.people.node_of(task)
            run = task_store_run(conn, task["run_id"])
            names = self._names(conn, [task["initiator_id"]])
            out = self.item(task, names, now)
            out.update(task_access.view(self.runtime, conn, task, node, actor))
            out["field_defs"] = task_access.field_defs(self.runtime, task, out["fields"])
            out["history"] = self.history(conn, task["run_id"])
            out["returnable"] = self.engine.people.returnable(conn, task, node) if task["state"] == "pending" else []
            out["run_state"] = run["state"] if run else None
            out["status"] = status_of(run, self.engine.catalog.version(run["app"], run["flow"], run["version"])) \
                if run else None
            out["required"] = (node or {}).get("required") or []
        return out


def task_store_run(conn, run_id: int) -> dict | None:
    from . import runs

    return runs.load(conn, run_id)


def status_of(run: dict, body: dict | None = None) -> str | None:
    """The approval status a run gives its record (None for a flow not started on submit,
    when `body`, its definition, is known)."""
    if body is not None and (body.get("trigger") or {}).get("type") != "submitted":
        return None
    status = (run.get("context") or {}).get("status")
    if status:
        return status
    return {"running": "pending", "waiting": "pending", "done": "approved", "cancelled": "withdrawn"}.get(run["state"])
