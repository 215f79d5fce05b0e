"""The forms whose relation fields point at a record's form, as a viewer may read them (the
record page's related tabs), and how many of their records point at one record, counted
in the viewer's row scope (one guarded count per relation)."""
from __future__ import annotations

from ..kernel.actor import Actor
from ..records.guarded import GuardedQuery


def relations(rt, app: str, form: str, who: Actor) -> list[tuple]:
    """[(form model, relation field id, access)] of the forms the viewer may read whose visible
    relation fields point at `form`."""
    out = []
    for other in rt.forms_of(app):
        access = rt.access(who, other)
        if not access.allowed("read"):
            continue
        for t in other.relations:
            if t.target == form and access.can_see(t.id):
                out.append((other, t.id, access))
    return out


def pointing_at(rt, model, field: str, who: Actor, record_id: int, access=None) -> GuardedQuery:
    """The guarded query of `model`'s records whose `field` holds `record_id`, in the viewer's scope."""
    access = access if access is not None else rt.access(who, model)
    return GuardedQuery.of(rt, model, access, who).filter_sql(model.table.c[field] == record_id)


def counts(rt, app: str, form: str, record_id: int, who: Actor, conn) -> list[dict]:
    """{"form", "field", "count", "count_exact"} per related relation the viewer may read."""
    items = []
    for model, field, access in relations(rt, app, form, who):
        n = pointing_at(rt, model, field, who, record_id, access).count(conn)
        items.append({"form": model.id, "field": field, "count": n["count"], "count_exact": n["count_exact"]})
    return items
