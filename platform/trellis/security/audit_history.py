"""Reading the audit log: a record's history, the admin listing, and reverting a record
to the state an entry recorded. A revert goes through the record service, so it is
validated, permission-checked and audited like any other write."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage import models as m
from ..kernel.errors import BadRequest, NotFound
from ..kernel.timestamps import stamp
from ..kernel.cause import describe
from .audit_events import NOTE_KEY

MAX_LIMIT = 1000
_SHOWN = ("id", "at", "user_id", "username", "ip", "action", "app", "target", "record_id", "before", "after", "note",
          "cause")


def to_json(row) -> dict:
    """An entry as the API answers it; `cause` (null for a user's own write) is the chain
    of what made the write, origin first, with `cause_text` {"zh", "en"} saying it."""
    out = {k: row[k] for k in _SHOWN}
    out["at"] = stamp(row["at"])
    if out["cause"]:
        zh, en = describe(out["cause"])
        out["cause_text"] = {"zh": f"由{zh}修改", "en": f"by {en}"}
    return out


def history(conn, app: str, form: str, record_id: int) -> list[dict]:
    """Every entry of one record, newest first. A record inserted by an import (one
    audit entry for many rows) shows that entry as its own "import" entry, naming the
    batch: {"action": "import", "batch": N, "after": None, "message": {...}}."""
    a = m.audit
    q = (sa.select(a).where(a.c.app == app, a.c.target == form, a.c.record_id == record_id, a.c.action != "import")
         .order_by(a.c.id.desc()))
    items = [to_json(r) for r in conn.execute(q).mappings()]
    imported = _imported_by(conn, app, form, record_id)
    if imported is not None:
        items.append(imported)
        items.sort(key=lambda e: e["id"], reverse=True)
    return items


def _imported_by(conn, app: str, form: str, record_id: int) -> dict | None:
    """The import entry whose id ranges hold `record_id` (its first id is at most the
    record's, and the ranges of a chunk lie close together)."""
    a = m.audit
    q = (sa.select(a).where(a.c.app == app, a.c.target == form, a.c.action == "import", a.c.record_id <= record_id)
         .order_by(a.c.record_id.desc(), a.c.id.desc()).limit(20))
    for r in conn.execute(q).mappings():
        after = r["after"] or {}
        if any(lo <= record_id <= hi for lo, hi in after.get("ids") or ()):
            entry = to_json(r)
            batch = after.get("batch")
            entry.update(record_id=record_id, after=None, batch=batch,
                         message={"zh": f"在导入批次 {batch} 中导入", "en": f"imported in batch {batch}"})
            return entry
    return None


def entries(conn, *, app: str | None = None, action: str | None = None, user_id: int | None = None,
            limit: int = 100, before_id: int | None = None, target: str | None = None,
            record_id: int | None = None, since=None, until=None) -> dict:
    """The log, newest first, filtered (`target`: a form id or `kind:key` of a definition;
    `since` inclusive, `until` exclusive, naive local times like the column); `next_before_id`
    pages on (None at the end)."""
    a = m.audit
    limit = max(1, min(int(limit), MAX_LIMIT))
    q = sa.select(a).order_by(a.c.id.desc()).limit(limit + 1)
    for column, value in ((a.c.app, app), (a.c.action, action), (a.c.target, target)):
        if value:
            q = q.where(column == value)
    for column, value in ((a.c.user_id, user_id), (a.c.record_id, record_id)):
        if value is not None:
            q = q.where(column == value)
    if since is not None:
        q = q.where(a.c.at >= since)
    if until is not None:
        q = q.where(a.c.at < until)
    if before_id is not None:
        q = q.where(a.c.id < before_id)
    rows = conn.execute(q).mappings().all()
    items = [to_json(r) for r in rows[:limit]]
    more = len(rows) > limit
    return {"items": items, "next_before_id": items[-1]["id"] if more else None}


def _entry_of(conn, app: str, form: str, record_id: int, entry_id: int):
    a = m.audit
    row = conn.execute(sa.select(a).where(a.c.id == entry_id)).mappings().first()
    if row is None or (row["app"], row["target"], row["record_id"]) != (app, form, record_id):
        raise NotFound(f"记录 {app}/{form}/{record_id} 没有审计条目 {entry_id}",
                       f"record {app}/{form}/{record_id} has no audit entry {entry_id}")
    return row


def revert(runtime, app: str, form: str, record_id: int, entry_id: int, actor) -> dict:
    """Undo what one entry recorded: an update gets its `before` values back, a delete is
    restored, a create (or a restore) is deleted. Returns the record afterwards."""
    svc = runtime.records(app, form, actor)
    with runtime.transaction() as conn:
        entry = _entry_of(conn, app, form, record_id, entry_id)
        conn.info[NOTE_KEY] = f"revert of entry {entry_id}"
        try:
            action = entry["action"]
            if action == "update":
                writable = svc.form.coercers()
                patch = {k: v for k, v in (entry["before"] or {}).items() if k in writable}
                if not patch:
                    raise BadRequest(f"审计条目 {entry_id} 没有可恢复的字段值",
                                     f"audit entry {entry_id} holds no field values that can be restored",
                                     code="nothing_to_revert")
                return svc.update(record_id, patch, conn=conn)
            if action == "delete":
                return svc.restore(record_id, conn=conn)
            if action in ("create", "restore"):
                return svc.delete(record_id, conn=conn)
            raise BadRequest(f"审计条目 {entry_id}({action})不能撤销",
                             f"audit entry {entry_id} ({action}) cannot be reverted", code="not_revertible")
        finally:
            conn.info.pop(NOTE_KEY, None)
