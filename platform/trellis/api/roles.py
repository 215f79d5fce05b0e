"""App roles: list them, assign users (admins only), and explain a user's access to a
record. A role's draft, publishing and versions are the definitions API's
(definition_kinds.py; `/apps/<app>/roles/<role>` and `/publish` are its addresses too)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from ..kernel.actor import Actor
from ..kernel.errors import BadRequest, NotFound
from ..forms.types.base import INT32_MAX
from ..security.explain import explain
from ..security.fab import write_turn
from ..security.roles import fab_role_name
from .auth import actor, forget_actor, login_required, runtime
from .params import body_json, int_param

bp = Blueprint("trellis_roles", __name__, url_prefix="/api/v1/apps/<app>")


def _admin_only():
    """Who manages members and reads access explanations: who may edit roles (the role kind)."""
    rt = runtime()
    rt.definition_kinds.find("role").may_edit(rt, actor(), None, None, None, None)


@bp.get("/roles")
@login_required
def list_roles(app):
    _admin_only()
    items = []
    for rid, role in runtime().roles_of(app).items():
        items.append({"id": rid, "label": role.get("label"), "fab_role": fab_role_name(app, rid),
                      "members": [u.id for u in _members(app, rid)]})
    return jsonify({"items": items})


def _fab_role(app: str, role: str):
    sm = current_app.appbuilder.sm
    found = sm.find_role(fab_role_name(app, role))
    published = role in runtime().roles_of(app) or runtime().store.published(app, "role", role) is not None
    if found is None or not published:  # (the store itself: another process may have just published it)
        raise NotFound(f"角色 {role} 不存在或未发布", f"role {role} not found or not published")
    return found


def _members(app: str, role: str):
    sm = current_app.appbuilder.sm
    fab_role = sm.find_role(fab_role_name(app, role))
    if fab_role is None:
        return []
    return [u for u in sm.get_all_users() if fab_role in u.roles]


@bp.get("/roles/<role>/members")
@login_required
def get_members(app, role):
    _admin_only()
    _fab_role(app, role)
    return jsonify({"items": [{"id": u.id, "username": u.username} for u in _members(app, role)]})


@bp.put("/roles/<role>/members")
@login_required
def put_members(app, role):
    """Body: a list of user ids; the role's members become exactly these users."""
    _admin_only()
    fab_role = _fab_role(app, role)
    ids = body_json(request)
    if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids):
        raise BadRequest("请求体应为用户编号列表", "the body must be a list of user ids", code="malformed")
    sm = current_app.appbuilder.sm
    with write_turn(sm.session):
        users = {u.id: u for u in sm.get_all_users()}
        unknown = [i for i in ids if i not in users]
        if unknown:
            raise BadRequest(f"用户不存在:{unknown}", f"unknown users: {unknown}", code="unknown_user")
        before = sorted(u.id for u in _members(app, role))
        for u in users.values():
            want = u.id in ids
            if want and fab_role not in u.roles:
                u.roles.append(fab_role)
            elif not want and fab_role in u.roles:
                u.roles.remove(fab_role)
        sm.session.commit()
    for uid in set(before) ^ set(ids):
        forget_actor(uid)
    runtime().record_event("role.members", app=app, target=role, before=before, after=sorted(ids), actor=actor())
    return jsonify({"items": sorted(ids)})


@bp.get("/forms/<form>/records/<int:record_id>/access")
@login_required
def access(app, form, record_id):
    """Which role grants or denies each action and field of a record, for `?user=<id>`."""
    _admin_only()
    uid = int_param(request.args, "user", maximum=INT32_MAX)
    sm = current_app.appbuilder.sm
    user = sm.get_user_by_id(uid) if uid is not None else None
    if user is None:
        raise BadRequest("参数 user 应为存在的用户编号", "parameter user must be an existing user id",
                         code="malformed", details={"param": "user"})
    roles = tuple(r.name for r in user.roles)
    who = Actor(id=user.id, username=user.username, roles=roles,
                is_admin=current_app.config.get("AUTH_ROLE_ADMIN", "Admin") in roles)
    return jsonify(explain(runtime(), app, form, record_id, who))
