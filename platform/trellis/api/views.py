"""Saved views of a form (filter, sort, columns; grid, kanban or calendar), listed as the
caller can apply them: parts naming fields the caller may not see are left out and listed
under `dropped` (records/saved_views.py). Who sees, saves and deletes a view is the view
kind's rule (records/view_kind.py): personal ones belong to their owner, shared ones are
seen by everyone who may read the form and saved by those who may manage it. Saving
(`PUT /apps/<app>/views/<view>`, which stores and publishes) and deleting are served by the
definitions API (definition_kinds.py)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from .auth import actor, login_required, runtime

bp = Blueprint("trellis_views", __name__, url_prefix="/api/v1/apps/<app>/views")


def visible_views(app: str, form: str | None = None) -> list[dict]:
    """The app's published views (of `form` only, when given) as the caller can apply them."""
    rt, who = runtime(), actor()
    kind = rt.definition_kinds.find("view")
    items = []
    for d in rt.store.list(app, "view"):
        found = rt.store.published(app, "view", d["key"])
        if found is None or (form and found[0].get("form") != form):
            continue
        fitted = kind.fitted(rt, who, app, found[0])
        if fitted is not None:
            items.append(fitted)
    return items


@bp.get("")
@login_required
def list_views(app):
    return jsonify({"items": visible_views(app, request.args.get("form"))})
