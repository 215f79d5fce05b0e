"""What goes into the audit log: one entry per record written (create, update with only
the changed fields, delete, restore), one per definition saved or published, and logins.
An import's inserts are the exception: a write made with `audit="summary"` writes ONE
entry for its rows (action "import", `after` = {"batch", "ids": [[first, last], ...],
"count"}, record_id = the first id); its updates stay one entry per row. The import tags
every entry of its transactions with the note `import_note(batch)`, which is how a
rollback finds them and how a record's history shows "imported in batch N".

Record entries come from lifecycle handlers that run last (order 1000) in the write's
transaction and are appended at its very end, so an entry exists exactly when the write
commits. A write made with
`audit=False` (trusted demo-data loads) writes none. Each entry keeps the write's cause
chain (`cause`, kernel/cause.py) when something other than the user made it.
"""
from __future__ import annotations

from ..forms.model import SYSTEM_FIELDS
from ..kernel.cause import recorded
from .audit_chain import append

ORDER = 1000
NOTE_KEY = "trellis_audit_note"  # conn.info key: a note for the entries of this transaction
PENDING_KEY = "trellis_audit_pending"
IMPORT_PREFIX = "import:"


def import_note(batch_id: int) -> str:
    """The note an import batch tags its audit entries with."""
    return f"{IMPORT_PREFIX}{int(batch_id)}"


def batch_of(note: str | None) -> int | None:
    """The import batch a note names (None for other notes)."""
    if note and note.startswith(IMPORT_PREFIX) and note[len(IMPORT_PREFIX):].isdigit():
        return int(note[len(IMPORT_PREFIX):])
    return None


def id_ranges(ids) -> list[list[int]]:
    """Sorted ids as [[first, last], ...] runs of consecutive numbers."""
    out: list[list[int]] = []
    for rid in sorted(ids):
        if out and rid == out[-1][1] + 1:
            out[-1][1] = rid
        else:
            out.append([rid, rid])
    return out


def queue(conn, entries: list[dict]) -> None:
    """Append at the end of the transaction: the chain's lock (PostgreSQL) is then held
    only for the commit, so writers never wait on each other holding row locks. Outside
    `runtime.transaction()` the entries are appended at once."""
    last, state = conn.info.get("trellis_before_commit"), conn.info.get("trellis_tx")
    if last is None or state is None:
        append(conn, entries)
        return
    pending = state.get(PENDING_KEY)
    if pending is None:
        pending = state[PENDING_KEY] = []
        last.append(lambda: append(conn, state.pop(PENDING_KEY, [])))
    pending.extend(entries)


def fields_of(record: dict | None) -> dict | None:
    """A record's field values without the system fields (and without empty values)."""
    if record is None:
        return None
    return {k: v for k, v in record.items() if k not in SYSTEM_FIELDS and v is not None}


def changed(old: dict, new: dict) -> tuple[dict, dict]:
    """(before, after) of the fields whose value differs."""
    keys = [k for k in dict.fromkeys([*old, *new]) if k not in SYSTEM_FIELDS and old.get(k) != new.get(k)]
    return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}


def _entry(ctx, action: str, record: dict, before=None, after=None) -> dict:
    who = ctx.actor
    return {"user_id": who.id, "username": who.username, "ip": who.ip, "action": action,
            "app": ctx.form.app, "target": ctx.form.id, "record_id": record["id"],
            "before": before, "after": after, "note": ctx.conn.info.get(NOTE_KEY), "cause": recorded(ctx.cause)}


def on_insert(ctx) -> None:
    if ctx.audit == "summary":
        if ctx.records:
            ids = [r["id"] for r in ctx.records]
            note = ctx.conn.info.get(NOTE_KEY)
            after = {"batch": batch_of(note), "ids": id_ranges(ids), "count": len(ids)}
            queue(ctx.conn, [_entry(ctx, "import", {"id": min(ids)}, after=after)])
    elif ctx.audit:
        queue(ctx.conn, [_entry(ctx, "create", r, after=fields_of(r)) for r in ctx.records])


def on_update(ctx) -> None:
    if not ctx.audit:
        return
    entries = []
    for old, new in zip(ctx.old, ctx.records):
        before, after = changed(old, new)
        entries.append(_entry(ctx, "update", new, before, after))
    queue(ctx.conn, entries)


def on_delete(ctx) -> None:
    if ctx.audit:
        queue(ctx.conn, [_entry(ctx, "delete", r, before=fields_of(r)) for r in ctx.old])


def on_restore(ctx) -> None:
    if ctx.audit:
        queue(ctx.conn, [_entry(ctx, "restore", r) for r in ctx.records])


def definition_listener(runtime):
    """A DefinitionStore listener writing "definition.save" / "definition.publish" entries."""
    def listen(conn, action, app, kind, key, before, after, user_id, note=None):
        username = None
        if user_id is not None:
            username = (runtime.users_by_id(conn, [user_id]).get(user_id) or {}).get("username")
        queue(conn, [{"user_id": user_id, "username": username, "action": action, "app": app,
                       "target": f"{kind}:{key}", "before": before, "after": after, "note": note}])
    return listen


def subscribe(runtime) -> None:
    """Audit every record write and every definition change of this runtime."""
    for event, handler in (("after_insert", on_insert), ("after_update", on_update),
                           ("after_delete", on_delete), ("after_restore", on_restore)):
        runtime.lifecycle.subscribe(event, handler, order=ORDER, name=f"audit.{event}")
    runtime.store.listeners.append(definition_listener(runtime))


def login_entry(user_id, username: str | None, ip: str | None, ok: bool) -> dict:
    return {"user_id": user_id, "username": username, "ip": ip, "action": "login" if ok else "login_failed"}
