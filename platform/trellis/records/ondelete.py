"""Relation on-delete rules, applied when records are (soft) deleted.

For every relation field of the app that targets the deleted form:
restrict refuses while live records still point here (409, naming form and count);
set_null clears the link through the record service (so lifecycle handlers see it);
cascade deletes the referencing records through their own service.
"""
from __future__ import annotations

from ..kernel.errors import Conflict
from ..security.access import Access
from .guarded import GuardedQuery


def referencing(runtime, form):
    """(form model, relation field) pairs of the app that point at `form`."""
    for other in runtime.forms_of(form.app):
        for t in other.relations:
            if t.target == form.id:
                yield other, t


def apply_on_delete(conn, service, ids: list[int]) -> None:
    from .service import RecordService

    runtime, form = service.runtime, service.form
    for other, t in referencing(runtime, form):
        tab = other.table
        col = tab.c[t.id]
        live = GuardedQuery.system(runtime, other).filter_sql(col.in_(ids)).statement(tab.c.id)
        ref_ids = list(conn.execute(live).scalars())
        if not ref_ids:
            continue
        if t.on_delete == "restrict":
            lz = other.label.get("zh") or other.id
            le = other.label.get("en") or other.id
            raise Conflict(f"仍有 {len(ref_ids)} 条{lz}记录通过“{t.field['label'].get('zh', t.id)}”引用它,不能删除",
                           f"{len(ref_ids)} {le} records still link to it through {t.id}; it cannot be deleted",
                           code="restricted", details={"form": other.id, "field": t.id, "count": len(ref_ids)})
        # the rule runs with the system's rights, in the name of the actor who deleted
        sub = RecordService(runtime, other, service.actor, access=Access.full(other))
        if t.on_delete == "set_null":
            sub.bulk_update([{"id": rid, t.id: None} for rid in ref_ids], conn=conn)
        elif t.on_delete == "cascade":
            sub.delete_many(ref_ids, conn=conn)
