"""Reading records: get one, list many (JsonLogic filter, multi-key sort, keyset cursor or
page numbers, text search, field selection, batched relation expansion, counts).

Everything runs inside the database: the filter is compiled to SQL, the sort uses the
indexes, expansion is one query per relation field for the whole page. Every read goes
through the guarded query (guarded.py): soft delete, row scope and field permissions
are applied there and nowhere here.
"""
from __future__ import annotations

import time

from ..forms.indexes import slowlog as slow_queries
from ..forms.types.base import FieldType
from ..kernel.errors import NotFound
from ..kernel.timestamps import stamp
from ..storage.binding import batch, chunks
from .guarded import GuardedQuery, unknown_field
from .subtables import read_children

MAX_LIMIT = 1000


def to_json(form, row, fields: list[str]) -> dict:
    rec = {k: row[k] for k in ("id", "version", "created_by", "updated_by")}
    rec["created_at"] = stamp(row["created_at"])
    rec["updated_at"] = stamp(row["updated_at"])
    if row.get("deleted_at") is not None:
        rec["deleted_at"] = stamp(row["deleted_at"])
    for name, from_db in _readers(form, fields):
        v = row[name]
        rec[name] = v if v is None or from_db is None else from_db(v)
    return rec


def _readers(form, fields) -> list:
    """(field id, its type's `from_db`, None when it answers the value as stored) of the
    selected fields with a value in the row, worked out once per form and selection."""
    key = tuple(fields)
    known = form.__dict__.setdefault("_readers", {})
    found = known.get(key)
    if found is None:
        fmap = form.fields
        found = [(name, None if type(fmap[name]).from_db is FieldType.from_db else fmap[name].from_db)
                 for name in key if fmap[name].in_row]
        if len(known) >= 256:  # selections chosen by callers (`fields=`): bounded
            known.clear()
        known[key] = found
    return found


def _attach_children(conn, form, records: list[dict], fields: list[str]) -> None:
    ids = [r["id"] for r in records]
    for name in fields:
        if name in form.child_tables:
            kids = read_children(conn, form, name, ids)
            for r in records:
                r[name] = kids.get(r["id"], [])


def fetch(conn, service, ids: list[int], *, fields=None, lock=False, deleted=False, scope: str | None = None,
          every_field: bool = False) -> list[dict]:
    """Records by id in the given order (live ones; deleted ones only with deleted=True),
    limited to the actor's rows for `scope` (an action) when given; without it (the write
    path reading back what it wrote) every row."""
    form = service.form
    if scope is None:
        query = GuardedQuery.system(service.runtime, form)
    else:
        query = GuardedQuery.of(service.runtime, form, service.access, service.actor, scope)
    query = query.select(fields, every_field=every_field, paths=False)
    if deleted:
        query = query.recycled()
    names = query.names
    found = {}
    ids = list(ids)
    if len(ids) == 1:  # the write path's usual case: no list to expand
        parts, stmt = [{"id": ids[0]}], query.by_ids(conn, lock, one=True)
    else:
        parts, stmt = [{"ids": p} for p in chunks(ids, batch(conn))], query.by_ids(conn, lock)
    for part in parts:
        for row in stmt.all(conn, part):
            found[row["id"]] = to_json(form, row, names)
    records = [found[i] for i in ids if i in found]
    _attach_children(conn, form, records, names)
    return records


def get(service, record_id: int, *, fields=None, expand=None, deleted=False, conn=None) -> dict:
    if conn is None:
        with service.runtime.engine.connect() as c:
            return get(service, record_id, fields=fields, expand=expand, deleted=deleted, conn=c)
    service.access.require("read")
    rows = fetch(conn, service, [record_id], fields=fields, deleted=deleted, scope="read")
    if not rows:
        raise NotFound(f"记录 {record_id} 不存在", f"record {record_id} not found")
    if expand:
        expand_relations(conn, service, rows, expand)
    return rows[0]


def list_records(service, *, filter=None, sort=None, limit=50, cursor=None, page=None, q=None,
                 fields=None, expand=None, count="estimate", deleted=False, conn=None) -> dict:
    """A page of records; `deleted=True` lists the recycle bin: the soft-deleted rows the
    actor may both read and restore (the delete permission and its row scope)."""
    if conn is None:
        with service.runtime.engine.connect() as c:
            return list_records(service, filter=filter, sort=sort, limit=limit, cursor=cursor, page=page, q=q,
                                fields=fields, expand=expand, count=count, deleted=deleted, conn=c)
    started = time.perf_counter()
    form = service.form
    limit = max(1, min(int(limit or 50), MAX_LIMIT))
    query = service.query("read").select(fields, paths=False)
    query = query.recycled() if deleted else query.hinted()
    query = query.where(filter).search(q)
    matching = query
    query = query.order_by(sort).after(cursor)
    rows = conn.execute(query.statement(limit=limit + 1, offset=None if cursor or not page
                                        else (max(1, int(page)) - 1) * limit)).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    names = query.names
    items = [to_json(form, r, names) for r in rows]
    _attach_children(conn, form, items, names)
    if expand:
        expand_relations(conn, service, items, expand)
    out = {"items": items, "next": query.next_cursor(rows[-1]) if more and rows else None}
    if count != "none" and not cursor:
        out.update(matching.count(conn, mode=count, threshold=service.runtime.count_threshold))
    if not deleted:
        slow_queries.observe(service, filter, sort, time.perf_counter() - started)
    return out


def expand_relations(conn, service, records: list[dict], expand) -> None:
    """Replace relation / user / department ids by small objects, one query per field for
    all records. A related record the actor may not read shows only its id."""
    form = service.form
    for name in expand:
        t = form.field(name)
        if t is None or t.references is None or not service.access.can_see(name):
            raise unknown_field(name, "expand")
        ids = sorted({r[name] for r in records if r.get(name) is not None})
        if not ids:
            continue
        if t.references == "form":
            found = _related_titles(conn, service, t, ids)
        else:
            found = service.runtime.titles(t.references, conn, ids)
        for r in records:
            if r.get(name) is not None:
                r[name] = found.get(r[name], {"id": r[name], "title": None})


def _related_titles(conn, service, t, ids: list[int]) -> dict[int, dict]:
    related = GuardedQuery.of(service.runtime, service.form, service.access, service.actor).related(t.id)
    target, access = related.form, related.access
    if not access.allowed("read"):
        return {}
    title = t.field.get("display_field") or target.title_field
    if not access.can_see(title):
        title = "id"
    tab = target.table
    cols = [tab.c.id] + ([tab.c[title]] if title in tab.c and title != "id" else [])
    found = {}
    for part in chunks(ids):
        for row in conn.execute(related.ids(part).statement(*cols)).mappings():
            found[row["id"]] = {"id": row["id"], "title": row.get(title, row["id"])}
    return found
