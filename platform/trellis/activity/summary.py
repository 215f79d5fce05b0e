"""A record's key figures (the header of its 360 page), as the form's `summary` names them:
a field id (its value, e.g. the client's equity or tier, formulas and rollups included) or
an aggregate over the records of another form that point here: `{"id", "label", "source":
"ticket.client", "aggregate": "count|sum|avg|min|max", "field"?, "filter"?}` (the open
tickets, this month's P&L, the last follow-up). Aggregates run through the guarded query in
the viewer's row scope; a figure whose field (here or on the source) the viewer may not see,
or whose source form they may not read, is neither computed nor sent."""
from __future__ import annotations

import logging

from ..forms.computed import browser_field
from ..kernel.actor import Actor
from ..kernel.errors import BadRequest, Forbidden, NotFound
from .related import pointing_at

log = logging.getLogger(__name__)
SHOWN = ("id", "type", "label", "options", "precision", "value_type", "currency", "format", "lookup_field", "max",
         "display_field", "target")


def _display(model, field: dict) -> dict:
    """What the browser needs to show a value of `field` (its type, options, precision...)."""
    full = browser_field(model, field)
    return {k: v for k, v in full.items() if k in SHOWN}


def figures(rt, model, record: dict, who: Actor, conn) -> list[dict]:
    """[{"key", "label", "value", "field" (how to show the value), "kind", "related"?}] of the
    figures the viewer may see; `record` is the record as the viewer read it."""
    access = rt.access(who, model)
    out = []
    for entry in model.definition.get("summary") or []:
        if isinstance(entry, str):
            t = model.field(entry)
            if t is None or t.field.get("deleted") or not access.can_see(entry) or entry not in record:
                continue
            out.append({"key": entry, "label": t.field.get("label"), "value": record[entry], "kind": "field",
                        "field": _display(model, t.field)})
            continue
        found = _aggregate(rt, model, record["id"], who, entry, conn)
        if found is not None:
            out.append(found)
    return out


def _aggregate(rt, model, record_id: int, who: Actor, entry: dict, conn) -> dict | None:
    src_id, _, rel = str(entry.get("source") or "").partition(".")
    try:
        source = rt.form(model.app, src_id)
    except NotFound:
        return None
    relation = source.field(rel)
    if relation is None or relation.references != "form" or getattr(relation, "target", None) != model.id:
        return None
    access = rt.access(who, source)
    field = entry.get("field")
    if not access.allowed("read") or not access.can_see(rel) or (field and not access.can_see(field)):
        return None
    agg = entry.get("aggregate") or "count"
    try:
        query = pointing_at(rt, source, rel, who, record_id, access).where(entry.get("filter"))
        query = query.measure(agg, field, label="value")
        value = conn.execute(query.statement()).scalar()
    except (BadRequest, Forbidden) as exc:  # a figure the definition no longer fits: left out, logged
        log.warning("summary %s of %s.%s: %s", entry.get("id"), model.app, model.id, exc)
        return None
    shown = _shown(source, agg, field, entry)
    if value is not None:
        if agg in ("count", "count_distinct"):
            value = int(value)
        elif agg in ("sum", "avg"):
            value = float(value)
        else:
            value = source.field(field).from_db(value)
    return {"key": entry.get("id"), "label": entry.get("label"), "value": value, "kind": "aggregate",
            "field": shown, "related": {"form": source.id, "field": rel}}


def _shown(source, agg: str, field: str | None, entry: dict) -> dict:
    """The field definition the browser shows the figure with: a count is a whole number;
    a sum, average, minimum or maximum keeps the source field's type (money, a date...)."""
    if agg in ("count", "count_distinct") or not field:
        return {"id": entry.get("id"), "type": "integer", "label": entry.get("label")}
    return dict(_display(source, source.field(field).field), id=entry.get("id"), label=entry.get("label"))
