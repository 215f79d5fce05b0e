"""Rolling an import batch back as a whole: the rows it inserted are deleted (soft, as
any delete: the recycle bin can restore them), the rows it updated get their earlier
values back from the audit log, all in one transaction through the record service
(permissions, relation rules and audit apply; the entries are noted "rollback of
import:N"), and the batch becomes "rolled_back".

Refused (409, naming some of the records) when a row was changed after the import (a
later audit entry that is neither the batch's own nor part of a batch rolled back
since), unless `force`: then the inserted rows still there are deleted and the
updated rows get their pre-import values, whatever happened since.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..storage import models as m
from ..kernel.errors import Conflict, bilingual
from ..records.guarded import GuardedQuery
from ..storage.binding import chunks
from ..security.audit_events import NOTE_KEY, import_note
from . import batches

SHOWN = 10  # records named in a refusal
PART = 1000


def _entries(conn, app: str, form: str, note: str):
    a = m.audit
    q = (sa.select(a.c.id, a.c.action, a.c.record_id, a.c.before, a.c.after)
         .where(a.c.note == note, a.c.app == app, a.c.target == form).order_by(a.c.id))
    return conn.execute(q).all()


def plan(conn, batch: dict) -> tuple[list[int], dict[int, tuple[int, dict]], int | None]:
    """(ids inserted by the batch, {id updated: (its entry id, values before)}, the
    batch's first entry id)."""
    inserted: list[int] = []
    updated: dict[int, tuple[int, dict]] = {}
    first = None
    for eid, action, rid, before, after in _entries(conn, batch["app"], batch["form"], import_note(batch["id"])):
        first = eid if first is None else first
        if action == "import":
            for lo, hi in (after or {}).get("ids") or ():
                inserted.extend(range(lo, hi + 1))
        elif action == "create" and rid is not None:
            inserted.append(rid)
        elif action == "update" and rid is not None:
            updated.setdefault(rid, (eid, before or {}))
    return inserted, updated, first


def _undone_notes(conn, batch: dict) -> set[str]:
    """Notes whose entries changed nothing in the end: this batch's own, and those of
    batches of the form that were rolled back (their writes and their rollback)."""
    t = batches.T
    gone = conn.execute(sa.select(t.c.id).where(t.c.app == batch["app"], t.c.form == batch["form"],
                                                t.c.status == "rolled_back")).scalars()
    notes = {import_note(batch["id"])}
    for bid in gone:
        notes.update({import_note(bid), f"rollback of {import_note(bid)}"})
    return notes


def changed_since(conn, batch: dict, inserted: list[int], updated: dict, first: int | None) -> list[int]:
    """Records of the batch changed (or deleted) after the import: a later audit entry that
    is not the batch's own nor part of a batch rolled back since."""
    if first is None:
        return []
    a = m.audit
    ignore = _undone_notes(conn, batch)
    out: set[int] = set()
    own = {rid: eid for rid, (eid, _) in updated.items()}
    ids = sorted(set(inserted) | set(updated))
    for part in chunks(ids):
        lo, hi = part[0], part[-1]
        q = (sa.select(a.c.record_id, a.c.id, a.c.note).where(
            a.c.app == batch["app"], a.c.target == batch["form"], a.c.record_id.between(lo, hi), a.c.id > first))
        wanted = set(part)
        for rid, eid, note in conn.execute(q):
            if rid in wanted and note not in ignore and eid > own.get(rid, first):
                out.add(rid)
    return sorted(out)


def rollback(runtime, batch_id: int, actor, *, force: bool = False) -> dict:
    """Roll the batch back (see the module docstring); returns the batch row afterwards."""
    with runtime.engine.connect() as conn:
        batch = batches.row(conn, batch_id)
    if batch["status"] == "rolled_back":
        raise Conflict(f"导入批次 {batch_id} 已回滚", f"import batch {batch_id} was already rolled back",
                       code="not_rollbackable")
    if batch["dry_run"] or batch["status"] not in ("done", "cancelled", "failed") or \
            not (batch["inserted"] or batch["updated"]):
        raise Conflict(f"导入批次 {batch_id} 没有可回滚的数据(状态:{batch['status']})",
                       f"import batch {batch_id} has nothing to roll back (status: {batch['status']})",
                       code="not_rollbackable")
    svc = runtime.records(batch["app"], batch["form"], actor)
    with runtime.transaction() as conn:
        current = batches.row(conn, batch_id)
        if current["status"] == "rolled_back":
            raise Conflict(f"导入批次 {batch_id} 已回滚", f"import batch {batch_id} was already rolled back",
                           code="not_rollbackable")
        inserted, updated, first = plan(conn, batch)
        changed = changed_since(conn, batch, inserted, updated, first)
        if changed and not force:
            shown = "、".join(str(i) for i in changed[:SHOWN]) + ("等" if len(changed) > SHOWN else "")
            shown_en = ", ".join(str(i) for i in changed[:SHOWN]) + (" ..." if len(changed) > SHOWN else "")
            raise Conflict(f"导入后有 {len(changed)} 条记录被修改或删除(记录 {shown}),不能直接回滚;确认覆盖请使用强制回滚",
                           f"{len(changed)} records were changed or deleted after the import (records {shown_en}); "
                           f"roll back with force to overwrite them", code="changed_since_import",
                           details={"count": len(changed), "records": changed[:SHOWN]})
        conn.info[NOTE_KEY] = f"rollback of {import_note(batch_id)}"
        try:
            t = svc.table
            writable = svc.form.coercers()
            restores = []
            alive = set()
            live = GuardedQuery.system(runtime, svc.form)  # the records' own state, whoever may read them
            for part in chunks(list(updated)):
                alive.update(conn.execute(live.ids(part).statement(t.c.id)).scalars())
            for rid, (_eid, before) in sorted(updated.items()):
                if rid not in alive and force:
                    continue  # deleted since: nothing to restore
                patch = {k: v for k, v in before.items() if k in writable}
                if patch:
                    restores.append(dict(patch, id=rid))
            for part in chunks(restores, PART):
                svc.update_rows(part, conn=conn, audit=True)
            for part in chunks(inserted, PART):
                ids = list(conn.execute(live.ids(part).statement(t.c.id)).scalars())
                if ids:
                    svc.delete_many(ids, conn=conn)
            batches.update(conn, batch_id, status="rolled_back", rolled_back_at=batches.now(), rolled_back_by=actor.id,
                           message=bilingual(f"已回滚:删除 {len(inserted)} 行新增,恢复 {len(restores)} 行更新",
                                             f"Rolled back: {len(inserted)} inserted rows deleted, "
                                             f"{len(restores)} updated rows restored"))
        finally:
            conn.info.pop(NOTE_KEY, None)
        return batches.row(conn, batch_id)
