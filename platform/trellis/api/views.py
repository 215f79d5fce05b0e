"""Saved views of a form (filter, sort, columns; grid, kanban or calendar): personal ones
belong to their owner, shared ones are seen by everyone who may read the form and are
saved by those who may manage it. Saving stores and publishes the view definition.
Each view is listed as the caller can apply it: parts naming fields the caller may not
see are left out and listed under `dropped` (records/saved_views.py); a view with such
parts cannot be saved over by that caller (it would lose them)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..records.saved_views import fit_view, has_hidden_parts
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_views", __name__, url_prefix="/api/v1/apps/<app>/views")


def _fitted(rt, app: str, body: dict) -> dict | None:
    """The view as the caller can apply it, or None when the caller may not see it."""
    who = actor()
    if not body.get("shared") and body.get("owner") not in (None, who.id) and not who.is_admin:
        return None
    try:
        model = rt.form(app, body["form"])
    except NotFound:
        return None
    access = rt.access(who, model)
    return fit_view(body, model, access) if access.allowed("read") else None


def visible_views(app: str, form: str | None = None) -> list[dict]:
    """The app's published views (of `form` only, when given) as the caller can apply them."""
    rt = runtime()
    items = []
    for d in rt.store.list(app, "view"):
        found = rt.store.published(app, "view", d["key"])
        if found is None or (form and found[0].get("form") != form):
            continue
        fitted = _fitted(rt, app, found[0])
        if fitted is not None:
            items.append(fitted)
    return items


@bp.get("")
@login_required
def list_views(app):
    return jsonify({"items": visible_views(app, request.args.get("form"))})


def _hides_parts(rt, app: str, existing: dict) -> bool:
    try:
        model = rt.form(app, existing["form"])
    except NotFound:
        return False
    return has_hidden_parts(existing, model, rt.access(actor(), model))


def _may_write(rt, app: str, body: dict, existing: dict | None) -> None:
    who = actor()
    if who.is_admin:
        return
    if existing is not None and not existing.get("shared") and existing.get("owner") != who.id:
        raise Forbidden("这是别人的个人视图", "this is someone else's personal view")
    model = rt.form(app, body["form"])
    needed = "manage" if body.get("shared") or (existing or {}).get("shared") else "read"
    rt.access(who, model).require(needed)


def _may_overwrite(rt, app: str, existing: dict | None) -> None:
    if existing is not None and not actor().is_admin and _hides_parts(rt, app, existing):
        raise Forbidden("此视图用到了你无权查看的字段,不能覆盖保存;请另存为新视图",
                        "this view uses fields you may not see, so you cannot save over it; save a new view instead",
                        code="view_has_hidden_fields")


@bp.put("/<view>")
@login_required
def save(app, view):
    rt = runtime()
    body = body_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("form"), str) or not body["form"]:
        raise BadRequest("视图必须指定表单(form:表单标识)", "a view names its form (form: the form's id)",
                         code="malformed", details={"param": "form"})
    body = {k: v for k, v in body.items() if k != "dropped"}
    existing = rt.store.published(app, "view", view)
    _may_write(rt, app, body, existing[0] if existing else None)
    _may_overwrite(rt, app, existing[0] if existing else None)
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
