"""Saved views as one user may use them. A shared view can name fields the user may not see
(or fields deleted since it was saved); applying it as stored would be refused like any
request naming such a field. `fit_view` leaves those parts out instead: filter conditions
on such fields (a group left empty goes too), sort keys, columns, the kanban grouping and
the calendar's date field. What was left out is listed under `dropped`, by field id and
label, never with a value. The user's row scope still applies to whatever remains."""
from __future__ import annotations

from ..forms.model import SYSTEM_FIELDS
from ..forms.types.base import labels_of
from ..logic import rule_vars
from ..logic.structure import operation

GROUPS = ("and", "or")


def usable_fields(form, access):
    """A predicate: may this user name `name` in a view of `form`?"""
    def usable(name: str) -> bool:
        if name in SYSTEM_FIELDS:
            return True
        return form.field(name) is not None and access.can_see(name)
    return usable


def prune_filter(rule, usable) -> tuple[object, list[str]]:
    """`rule` without the conditions naming a field `usable` refuses, and those field names
    (in the order met). A group keeps its other conditions; an empty group, or a negation of
    a dropped condition, goes as well. Returns (None, names) when nothing is left."""
    found = operation(rule)
    if found is None:
        return rule, []
    op, args = found
    if op in GROUPS or op == "!":
        kept, names = [], []
        for arg in args:
            part, lost = prune_filter(arg, usable)
            names += [n for n in lost if n not in names]
            if part is not None:
                kept.append(part)
        if not names:
            return rule, []
        if not kept:
            return None, names
        if op == "!":
            return {"!": kept[0]}, names
        return (kept[0] if len(kept) == 1 else {op: kept}), names
    bad = sorted(n for n in rule_vars(rule) if not usable(n))
    return (None, bad) if bad else (rule, [])


def _named(form, names) -> list[dict]:
    out = []
    for name in names:
        t = form.field(name)
        zh, en = labels_of(t.field) if t is not None else (name, name)
        out.append({"field": name, "label": {"zh": zh, "en": en}})
    return out


def fit_view(body: dict, form, access) -> dict:
    """The view `body` as this user can apply it, with `dropped` listing what was left out
    ({"filter"|"sort"|"columns"|"group_by"|"date_field": [{"field", "label"}]}; absent when
    nothing was)."""
    usable = usable_fields(form, access)
    out = {k: v for k, v in body.items() if k != "dropped"}
    lost: dict[str, list[str]] = {}
    if body.get("filter") not in (None, {}, True):
        rule, names = prune_filter(body["filter"], usable)
        if names:
            lost["filter"] = names
            if rule is None:
                out.pop("filter", None)
            else:
                out["filter"] = rule
    for key in ("sort", "columns"):
        items = body.get(key)
        if isinstance(items, list):
            names = [s for s in items if not usable(str(s).lstrip("-+"))]
            if names:
                lost[key] = [str(s).lstrip("-+") for s in names]
                out[key] = [s for s in items if s not in names]
    for key in ("group_by", "date_field"):
        if body.get(key) and not usable(body[key]):
            lost[key] = [body[key]]
            out.pop(key)
    if lost:
        out["dropped"] = {k: _named(form, v) for k, v in lost.items()}
    return out


def has_hidden_parts(body: dict, form, access) -> bool:
    """True when the view names existing fields this user may not see (saving over it would
    lose those parts)."""
    dropped = fit_view(body, form, access).get("dropped", {})
    return any(form.field(d["field"]) is not None for items in dropped.values() for d in items)
