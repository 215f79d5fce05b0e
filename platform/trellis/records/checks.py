"""Checks that need the database, batched per write: uniqueness (within the batch and
against stored rows) and references (relation, user and department ids must exist)."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage.binding import among, batch, chunks
from .guarded import GuardedQuery
from .validation import field_error


def unique_errors(conn, service, docs: list[dict], rows: list[int | None], self_ids: list | None = None) -> list:
    """Errors for unique fields whose values repeat in `docs` or exist in another live row.
    An actor with limited rows is not told which record holds the value."""
    out = []
    form = service.form
    table = form.table
    live = GuardedQuery.system(service.runtime, form)  # every live row, whoever may read it
    tell = service.access.unrestricted
    for t in form.active:
        if not t.field.get("unique") or not t.has_column:
            continue
        seen: dict = {}
        for i, doc in enumerate(docs):
            v = doc.get(t.id)
            if v is None:
                continue
            key = t.to_db(v)
            if key in seen:
                first = rows[seen[key]] if rows[seen[key]] is not None else seen[key]
                out.append(field_error(form, t.id, "duplicate", f"值 {v} 与第 {first + 1} 行重复",
                                       f"value {v} repeats row {first + 1}", rows[i]))
            else:
                seen[key] = i
        if not seen:
            continue
        col = table.c[t.id]
        taken: dict = {}
        q = live.filter_sql(among(conn, col)).statement(col, table.c.id)
        for part in chunks(list(seen), batch(conn)):
            taken.update({v: rid for v, rid in conn.execute(q, {"values": part})})
        for key, i in seen.items():
            rid = taken.get(key)
            if rid is not None and (self_ids is None or self_ids[i] != rid):
                v = docs[i].get(t.id)
                if tell:
                    out.append(field_error(form, t.id, "unique", f"值 {v} 已被记录 {rid} 使用",
                                           f"value {v} is already used by record {rid}", rows[i]))
                else:
                    out.append(field_error(form, t.id, "unique", f"值 {v} 已被使用", f"value {v} is already used", rows[i]))
    return out


def reference_errors(conn, service, docs: list[dict], rows: list[int | None]) -> list:
    """Errors for relation / user / department values that point at nothing, at a deleted
    record, or at a record outside the rows the actor may read (all three look alike)."""
    out = []
    runtime, form = service.runtime, service.form
    for t in form.active:
        if t.references is None or not t.has_column:
            continue
        wanted = {doc[t.id] for doc in docs if doc.get(t.id) is not None}
        if not wanted:
            continue
        if t.references == "form":
            related = GuardedQuery.of(runtime, form, service.access, service.actor).related(t.id)
            q = related.filter_sql(among(conn, related.table.c.id)).statement(related.table.c.id)
        else:
            target = runtime.reference_table(t.references)
            if target is None:
                continue
            q = sa.select(target.c.id).where(among(conn, target.c.id))
        found = set()
        for part in chunks(sorted(wanted), batch(conn)):
            found.update(conn.execute(q, {"values": part}).scalars())
        for i, doc in enumerate(docs):
            v = doc.get(t.id)
            if v is not None and v not in found:
                what = {"form": ("记录", "record"), "user": ("用户", "user")}.get(t.references, ("部门", "department"))
                out.append(field_error(form, t.id, "not_found", f"{what[0]} {v} 不存在",
                                       f"{what[1]} {v} does not exist", rows[i]))
    return out
