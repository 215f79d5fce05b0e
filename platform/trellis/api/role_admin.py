"""Role administration for the role editor (administrators only):

    GET    /api/v1/apps/<app>/role-summaries                  every role (draft or published) with
                                                              its member count and the forms it grants
    DELETE /api/v1/apps/<app>/roles/<role>                    remove a role nobody holds (409 naming
                                                              the members otherwise)
    GET    /api/v1/apps/<app>/roles/<role>/preview/<form>     the form as a user holding only this role
           ?user_id=<id>[&draft=true][&limit=n]               sees it (records/role_preview.py)

A role's draft, publishing and versions are the definitions API's (definition_kinds.py)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify, request
from flask_appbuilder.security.sqla import models as fab_models

from ..forms.types.base import INT32_MAX
from ..kernel.errors import BadRequest, Conflict, NotFound
from ..meta.io import exported
from ..records.role_preview import PREVIEW_ROWS, role_preview
from ..security.roles import fab_role_name
from .auth import actor, login_required, runtime
from .params import int_param

bp = Blueprint("trellis_role_admin", __name__, url_prefix="/api/v1/apps/<app>")
ROLES = fab_models.Role.__table__
USERS = fab_models.User.__table__
HOLDS = fab_models.assoc_user_role


def _admin_only():
    """Who manages roles: who may edit them (the role kind)."""
    rt = runtime()
    rt.definition_kinds.find("role").may_edit(rt, actor(), None, None, None, None)
    return rt


def _members(rt, app: str) -> dict[str, list[dict]]:
    """The users holding each of the app's roles, by role id."""
    prefix = f"{app}."
    q = (sa.select(ROLES.c.name, USERS.c.id, USERS.c.username)
         .join(HOLDS, HOLDS.c.role_id == ROLES.c.id).join(USERS, USERS.c.id == HOLDS.c.user_id)
         .where(ROLES.c.name.startswith(prefix, autoescape=True)).order_by(USERS.c.username))
    out: dict[str, list[dict]] = {}
    with rt.engine.connect() as conn:
        for name, uid, username in conn.execute(q):
            out.setdefault(name[len(prefix):], []).append({"id": uid, "username": username})
    return out


def _role(rt, app: str, role: str, draft: bool) -> dict | None:
    """The role's draft (`draft`) or None for its published version; 404 naming the role
    when it has neither."""
    if draft:
        return rt.store.draft(app, "role", role)
    if rt.store.published(app, "role", role) is None:
        raise NotFound(f"角色 {role} 不存在或未发布", f"role {role} not found or not published",
                       details={"role": role})
    return None


@bp.get("/role-summaries")
@login_required
def summaries(app):
    """Each role: label, description, members, the forms it grants (published, else the draft)."""
    rt = _admin_only()
    members = _members(rt, app)
    items = []
    for d in rt.store.list(app, "role"):
        body = exported(rt.store, app, "role", d["key"])
        body = body if isinstance(body, dict) else {}
        items.append({"id": d["key"], "label": body.get("label"), "description": body.get("description"),
                      "published_version": d["published_version"], "members": len(members.get(d["key"], [])),
                      "forms": sorted(body.get("forms") or {}), "all_forms": "all_forms" in body})
    return jsonify({"items": items})


@bp.delete("/roles/<role>")
@login_required
def remove(app, role):
    """Remove a role nobody holds: its definition with its versions, and its FAB role."""
    rt = _admin_only()
    holders = _members(rt, app).get(role, [])
    if holders:
        names = "、".join(h["username"] for h in holders[:10])
        raise Conflict(f"角色 {role} 还有 {len(holders)} 个成员({names}),请先移除成员再删除",
                       f"role {role} still has {len(holders)} members ({names.replace('、', ', ')}); "
                       "remove them before deleting it", code="in_use",
                       details={"members": [h["id"] for h in holders]})
    rt.store.remove(app, "role", role, actor().id, force=True)
    sm = current_app.appbuilder.sm
    found = sm.find_role(fab_role_name(app, role))
    if found is not None:
        sm.delete_role(found)
    rt.invalidate()
    return "", 204


@bp.get("/roles/<role>/preview/<form>")
@login_required
def preview(app, role, form):
    """Form `form` as user `user_id` would see it holding only this role (its draft with
    `draft=true`): actions, the record count, the first rows (visible fields only), the
    hidden and read-only fields."""
    rt = _admin_only()
    draft = request.args.get("draft", "false")
    if draft not in ("true", "false", "1", "0"):
        raise BadRequest("参数 draft 应为 true 或 false", "parameter draft must be true or false",
                         code="malformed", details={"param": "draft"})
    uid = int_param(request.args, "user_id", maximum=INT32_MAX)
    if uid is None:
        raise BadRequest("缺少参数 user_id(以哪个用户的身份查看)", "parameter user_id (the user to view as) is missing",
                         code="malformed", details={"param": "user_id"})
    limit = int_param(request.args, "limit", PREVIEW_ROWS, maximum=PREVIEW_ROWS)
    body = _role(rt, app, role, draft in ("true", "1"))
    rt.form(app, form)  # 404 naming the form before anything else is read
    user = current_app.appbuilder.sm.get_user_by_id(uid)
    if user is None:
        raise NotFound(f"用户 {uid} 不存在", f"user {uid} does not exist", details={"user_id": uid})
    return jsonify(role_preview(rt, app, role, body, form, user, limit=limit))
