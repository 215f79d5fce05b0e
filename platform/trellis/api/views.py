"""Saved views of a form (filter, sort, columns; grid, kanban or calendar): personal ones
belong to their owner, shared ones are seen by everyone who may read the form and are
saved by those who may manage it. Saving stores and publishes the view definition."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..errors import BadRequest, Forbidden, NotFound
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_views", __name__, url_prefix="/api/v1/apps/<app>/views")


def _visible(rt, app: str, body: dict) -> bool:
    who = actor()
    if not body.get("shared") and body.get("owner") not in (None, who.id) and not who.is_admin:
        return False
    try:
        return rt.access(who, rt.form(app, body["form"])).allowed("read")
    except NotFound:
        return False


@bp.get("")
@login_required
def list_views(app):
    rt = runtime()
    form = request.args.get("form")
    items = []
    for d in rt.store.list(app, "view"):
        found = rt.store.published(app, "view", d["key"])
        if found is None or (form and found[0].get("form") != form):
            continue
        if _visible(rt, app, found[0]):
            items.append(found[0])
    return jsonify({"items": items})


def _may_write(rt, app: str, body: dict, existing: dict | None) -> None:
    who = actor()
    if who.is_admin:
        return
    if existing is not None and not existing.get("shared") and existing.get("owner") != who.id:
        raise Forbidden("这是别人的个人视图", "this is someone else's personal view")
    model = rt.form(app, body["form"])
    needed = "manage" if body.get("shared") or (existing or {}).get("shared") else "read"
    rt.access(who, model).require(needed)


@bp.put("/<view>")
@login_required
def save(app, view):
    rt = runtime()
    body = body_json(request)
    if not isinstance(body, dict) or not body.get("form"):
        raise BadRequest("视图必须指定表单", "a view names its form", code="malformed")
    existing = rt.store.published(app, "view", view)
    _may_write(rt, app, body, existing[0] if existing else None)
    if not body.get("shared"):
        body = dict(body, owner=(existing[0].get("owner") if existing else None) or actor().id)
    with rt.transaction() as conn:
        rt.store.save_draft(app, "view", view, body, actor().id, conn)
        rt.store.publish(app, "view", view, actor().id, None, conn)
    rt.invalidate()
    return jsonify(rt.store.published(app, "view", view)[0])


@bp.delete("/<view>")
@login_required
def delete(app, view):
    rt = runtime()
    existing = rt.store.published(app, "view", view)
    if existing is None:
        raise NotFound(f"视图 {view} 不存在", f"view {view} not found")
    _may_write(rt, app, existing[0], existing[0])
    rt.store.remove(app, "view", view, actor().id)
    rt.invalidate()
    return "", 204
