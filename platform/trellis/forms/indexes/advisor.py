"""The index advice for one form: the fields that saved views (shared and personal) and
slow list queries filter or sort on, each with the views and slow queries that would use
an index, whether one exists, and what creating it would cost.

A field is `suggested` when it can carry an index, has none, and at least one view or
slow query uses it in an index-friendly way (a sort, an equality, a range or an IN list).
"""
from __future__ import annotations

from datetime import datetime, timezone

from . import cost
from .slowlog import slow_log
from .usage import declared_columns, filter_uses, indexable, sort_uses


def _view_uses(body: dict) -> dict[str, list[tuple[str, bool]]]:
    """field -> [(use, index-friendly)] for one view's filter, sort, group and date field."""
    out: dict[str, list[tuple[str, bool]]] = {}
    if body.get("filter") not in (None, {}, True):
        for name, op, ok in filter_uses(body["filter"]):
            out.setdefault(name, []).append((f"filter:{op}", ok))
    for name, desc in sort_uses(body.get("sort")):
        out.setdefault(name, []).append(("sort:desc" if desc else "sort", True))
    if body.get("group_by"):
        out.setdefault(body["group_by"], []).append(("group", True))
    if body.get("date_field"):
        out.setdefault(body["date_field"], []).append(("date_range", True))
    return out


def views_of(runtime, app: str, form_id: str) -> list[dict]:
    """The published saved views of a form (shared and personal)."""
    store = runtime.store
    out = []
    for d in store.list(app, "view"):
        found = store.published(app, "view", d["key"])
        if found is not None and found[0].get("form") == form_id:
            out.append(found[0])
    return out


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).replace(microsecond=0).isoformat()


def _slow(counters: dict | None) -> dict | None:
    if not counters:
        return None
    return {"count": counters["count"], "max_ms": round(counters["max_ms"], 1),
            "avg_ms": round(counters["total_ms"] / counters["count"], 1), "last_at": _iso(counters["last_at"]),
            "uses": counters["uses"]}


def advise(runtime, app: str, form_id: str) -> dict:
    """The advice (see module docstring); raises NotFound for an unpublished form."""
    form = runtime.form(app, form_id)
    log = slow_log(runtime)
    slow = log.fields(app, form_id)
    owners: set[int] = set()
    by_field: dict[str, list[dict]] = {}
    for body in views_of(runtime, app, form_id):
        if not body.get("shared") and body.get("owner") is not None:
            owners.add(body["owner"])
        for name, uses in _view_uses(body).items():
            by_field.setdefault(name, []).append({
                "id": body["id"], "label": body.get("label"), "shared": bool(body.get("shared")),
                "owner": body.get("owner"), "uses": [u for u, _ in uses],
                "index_friendly": any(ok for _, ok in uses)})
    declared = declared_columns(form)
    with runtime.engine.connect() as conn:
        names = dict(runtime.users_by_id(conn, owners)) if owners else {}
        existing = cost.existing_indexes(conn, form.table_name)
        rows, exact = cost.row_count(conn, form.table_name)
        fields = []
        for name in sorted(set(by_field) | set(slow)):
            t = form.field(name)
            if t is None:
                continue
            views = by_field.get(name, [])
            for v in views:
                if v["owner"] in names:
                    v["owner_name"] = names[v["owner"]]["title"]
            ok = indexable(t)
            index = existing.get(name)
            suggested = ok and index is None and (bool(slow.get(name)) or any(v["index_friendly"] for v in views))
            item = {"field": name, "label": t.field.get("label"), "type": t.key, "indexable": ok,
                    "indexed": name in declared, "index": index, "views": views,
                    "slow_queries": _slow(slow.get(name)), "suggested": suggested, "cost": None}
            if ok and index is None:
                item["cost"] = cost.estimate(conn, form.table_name, name, rows)
            fields.append(item)
    fields.sort(key=lambda f: (not f["suggested"], -len(f["views"]) - (f["slow_queries"] or {}).get("count", 0),
                               f["field"]))
    recent = [dict(q, at=_iso(q["at"])) for q in log.recent(app, form_id)]
    return {"app": app, "form": form_id, "version": form.version, "table": form.table_name,
            "dialect": runtime.engine.dialect.name, "rows": rows, "rows_exact": exact,
            "threshold_ms": log.threshold_ms, "fields": fields, "recent_slow_queries": recent}
