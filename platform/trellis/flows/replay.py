"""A form's record history rebuilt from the audit log, for dry runs (flows/dry_run.py).

`replay(runtime, conn, form, start, end)` answers, for the records written in the window
[start, end) (created, changed or deleted then, by any entry of the log or by their own
`created_at` / `deleted_at`):
- `at_start`: each such record as it stood at `start` (None when it did not exist yet or
  was deleted then);
- `events`: every write of the window in order, as the flow engine saw it: (at, order,
  record id, "insert" | "update" | "delete", old values, new values).

The states are rebuilt backwards from the rows as they are now: each audit entry at or
after `start`, newest first, is undone (an update gets its `before` values back, a create
or an import makes the record not exist yet, a delete makes it exist with the values it
had). Records written without audit (bulk-loaded demo data) count as created at their
`created_at` with the values they have before their first audited change (their current
values when they have none), and a row deleted without an entry as deleted at its
`deleted_at`. Reading only; the caller's transaction is rolled back anyway.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from ..records.guarded import GuardedQuery
from ..records.reading import to_json
from ..storage.binding import chunks
from ..storage import models as m

ACTIONS = ("create", "update", "delete", "restore", "import")
EVENT_OF = {"create": "insert", "restore": "insert", "import": "insert", "update": "update", "delete": "delete"}
SYNTHETIC_FIRST, SYNTHETIC_LAST = 0, 1 << 62


@dataclass
class Event:
    at: object
    order: int
    record_id: int
    kind: str
    old: dict | None
    new: dict | None


@dataclass
class History:
    at_start: dict
    events: list


def _entries(conn, app: str, form: str, start) -> list[dict]:
    a = m.audit
    q = (sa.select(a.c.id, a.c.at, a.c.action, a.c.record_id, a.c.before, a.c.after)
         .where(a.c.app == app, a.c.target == form, a.c.at >= start, a.c.action.in_(ACTIONS))
         .order_by(a.c.id.desc()))
    return [dict(r) for r in conn.execute(q).mappings()]


def _ids_of(entry: dict) -> list[int]:
    if entry["action"] != "import":
        return [entry["record_id"]] if entry["record_id"] is not None else []
    out = []
    for lo, hi in (entry.get("after") or {}).get("ids") or ():
        out.extend(range(int(lo), int(hi) + 1))
    return out


def _rows(runtime, conn, form, ids: list[int] | None, extra=()) -> dict[int, dict]:
    """Live and deleted rows (by id, or those matching `extra` conditions) as records."""
    query = GuardedQuery.system(runtime, form).select(every_field=True, paths=False)
    out: dict[int, dict] = {}
    for q in (query, query.recycled()):
        names = q.names
        parts = chunks(ids) if ids is not None else [None]
        for part in parts:
            sub = q.ids(part) if part is not None else q.filter_sql(*extra)
            for row in conn.execute(sub.statement()).mappings():
                rec = to_json(form, row, names)
                out[row["id"]] = {"record": rec, "created_at": row["created_at"], "deleted_at": row["deleted_at"]}
    return out


def record_ids(runtime, conn, form, start, end) -> tuple[list[dict], set[int]]:
    """The audit entries from `start` on and the ids of the records written in the window."""
    entries = _entries(conn, form.app, form.id, start)
    ids: set[int] = set()
    for e in entries:
        ids.update(_ids_of(e))
    t = form.table
    q = sa.select(t.c.id).where(sa.or_(sa.and_(t.c.created_at >= start, t.c.created_at < end),
                                       sa.and_(t.c.deleted_at >= start, t.c.deleted_at < end)))
    ids.update(conn.execute(q).scalars())
    return entries, ids


def replay(runtime, conn, form, start, end) -> History:
    entries, ids = record_ids(runtime, conn, form, start, end)
    rows = _rows(runtime, conn, form, sorted(ids))
    state: dict[int, dict] = {}
    for rid in ids:
        row = rows.get(rid)
        values = {k: v for k, v in row["record"].items() if k != "deleted_at"} if row else {"id": rid}
        state[rid] = {"exists": bool(row) and row["deleted_at"] is None, "values": values, "born": False}
    events: list[Event] = []
    deleted_by_entry = {e["record_id"] for e in entries if e["action"] == "delete"}
    for rid, row in rows.items():
        if row["deleted_at"] is not None and row["deleted_at"] >= start and rid not in deleted_by_entry:
            s = state[rid]
            events.append(Event(row["deleted_at"], SYNTHETIC_LAST, rid, "delete", dict(s["values"]), None))
            s["exists"] = True
    for e in entries:  # newest first: undo each
        for rid in _ids_of(e):
            s = state.get(rid)
            if s is None:
                continue
            _undo(e, rid, s, events)
    for rid, row in rows.items():
        s = state[rid]
        if s["born"] or row["created_at"] < start:
            continue
        s["exists"] = False
        if row["created_at"] < end:
            events.append(Event(row["created_at"], SYNTHETIC_FIRST, rid, "insert", None, dict(s["values"])))
    kept = sorted((ev for ev in events if start <= ev.at < end), key=lambda ev: (ev.at, ev.order, ev.record_id))
    at_start = {rid: (dict(s["values"]) if s["exists"] else None) for rid, s in state.items()}
    return History(at_start, kept)


def _undo(entry: dict, rid: int, s: dict, events: list) -> None:
    action, at, order = entry["action"], entry["at"], entry["id"]
    values = s["values"]
    if action == "update":
        before, after = entry.get("before") or {}, entry.get("after") or {}
        old = dict(values)
        for k in set(before) | set(after):
            old[k] = before.get(k)
        events.append(Event(at, order, rid, "update", old, dict(values)))
        s["values"] = old
    elif action == "delete":
        old = dict(values, **(entry.get("before") or {}))
        events.append(Event(at, order, rid, "delete", old, None))
        s.update(values=old, exists=True)
    else:  # create, restore, import: the record did not exist (or lay deleted) before
        if action == "create" and entry.get("after"):
            values = dict(values, **{k: v for k, v in entry["after"].items() if k not in values})
        events.append(Event(at, order, rid, "insert", None, dict(values)))
        s.update(exists=False, born=True, values=values)


def current(runtime, conn, form, record_id: int) -> dict | None:
    """One record as it is now (None when there is no such row or it is deleted)."""
    row = _rows(runtime, conn, form, [int(record_id)]).get(int(record_id))
    return row["record"] if row and row["deleted_at"] is None else None


def all_states(runtime, conn, form, start, end, where=()) -> tuple[History, dict[int, dict]]:
    """The window's history, and each record that existed at `start` or was created in
    the window as it stood at `start`: those written in the window, and the others that
    match the trusted SQL conditions `where` (none: every record)."""
    history = replay(runtime, conn, form, start, end)
    t = form.table
    others = _rows(runtime, conn, form, None, extra=(t.c.created_at < start, *where))
    base = {}
    for rid, row in others.items():
        if rid in history.at_start:
            continue
        if row["deleted_at"] is None:
            base[rid] = {k: v for k, v in row["record"].items() if k != "deleted_at"}
    base.update({rid: v for rid, v in history.at_start.items() if v is not None})
    return history, base
