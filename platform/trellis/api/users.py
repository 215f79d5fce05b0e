"""User administration (system administrators): users with their departments and roles,
passwords, activation, import from a spreadsheet, and everyone's API tokens.

    GET   /api/v1/admin/users?q=&department=&role=&active=&limit=&offset=
    POST  /api/v1/admin/users                      -> 201, `initial_password` once when generated
    GET   /api/v1/admin/users/<id>
    PATCH /api/v1/admin/users/<id>                 name, email, active, departments, roles
    POST  /api/v1/admin/users/<id>/password        -> `password` once when generated
    POST  /api/v1/admin/users/import/preview       multipart `file`: every row checked
    POST  /api/v1/admin/users/import               multipart `file`: all or nothing
    GET   /api/v1/admin/roles                      every role a user may be given, with labels
    GET   /api/v1/admin/tokens?user_id=&active=     DELETE /api/v1/admin/tokens/<id>

A deactivated user's requests stop at once in this process (the actor cache forgets
them) and within the actor cache's TTL in the others; their API tokens and sessions are
refused while they are inactive (api/auth.py checks `active`)."""
from __future__ import annotations

import os
import tempfile

from flask import Blueprint, current_app, jsonify, request

from ..imports import users as user_import
from ..kernel.errors import BadRequest, Forbidden
from ..security import tokens, users
from ..storage import uploads
from .auth import actor, forget_actor, login_required, runtime
from .params import body_json, int_param

bp = Blueprint("trellis_users", __name__, url_prefix="/api/v1")
SHEETS = (".xlsx", ".xlsm", ".xls", ".csv")
MAX_SHEET_BYTES = 5 * 1024 * 1024


def _admin_only():
    if not actor().is_admin:
        raise Forbidden("只有系统管理员可以管理用户", "only administrators manage users")


def _admin_role() -> str:
    return current_app.config.get("AUTH_ROLE_ADMIN", "Admin")


def _audit(conn, action: str, user_id, before=None, after=None):
    runtime().record_event(action, target="user", record_id=user_id, before=before, after=after, actor=actor(),
                           conn=conn)


def _bool_param(name: str):
    raw = (request.args.get(name) or "").strip().lower()
    if raw == "":
        return None
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("false", "0", "no"):
        return False
    raise BadRequest(f"参数 {name} 应为 true 或 false", f"parameter {name} must be true or false", code="malformed",
                     details={"param": name})


@bp.get("/admin/users")
@login_required
def list_users():
    _admin_only()
    args = request.args
    with runtime().engine.connect() as conn:
        return jsonify(users.list_users(
            conn, q=(args.get("q") or "").strip() or None, department=int_param(args, "department", maximum=2**31 - 1),
            role=(args.get("role") or "").strip() or None, active=_bool_param("active"),
            limit=int_param(args, "limit", 50, maximum=users.MAX_PAGE), offset=int_param(args, "offset", 0, minimum=0,
                                                                                          maximum=2**31 - 1)))


@bp.post("/admin/users")
@login_required
def create_user():
    """Body: username, name, email?, departments [ids, the first primary], roles [names],
    password? (else generated and answered once as `initial_password`), must_change_password?"""
    _admin_only()
    body = body_json(request)
    with runtime().transaction() as conn:
        user, generated = users.create_user(conn, body)
        _audit(conn, "user.create", user["id"], after=user)
    return jsonify({**user, "initial_password": generated}), 201


@bp.get("/admin/users/<int32:user_id>")
@login_required
def get_user(user_id):
    _admin_only()
    with runtime().engine.connect() as conn:
        return jsonify(users.get_user(conn, user_id))


@bp.patch("/admin/users/<int32:user_id>")
@login_required
def update_user(user_id):
    _admin_only()
    body = body_json(request)
    with runtime().transaction() as conn:
        before = users.get_user(conn, user_id)
        after = users.update_user(conn, user_id, body, caller_id=actor().id, admin_role=_admin_role())
        action = "user.update"
        if before["active"] != after["active"]:
            action = "user.activate" if after["active"] else "user.deactivate"
        _audit(conn, action, user_id, before=before, after=after)
    forget_actor(user_id)  # roles or status changed: loaded afresh on their next request
    return jsonify(after)


@bp.post("/admin/users/<int32:user_id>/password")
@login_required
def reset_password(user_id):
    """Body (optional): {"password", "must_change_password"}; without a password one is
    generated and answered once."""
    _admin_only()
    body = request.get_json(silent=True) if request.get_data() else {}
    if not isinstance(body, dict) or set(body) - {"password", "must_change_password"}:
        raise BadRequest("请求体应为 {\"password\", \"must_change_password\"}(都可省略)",
                         "the body must be {\"password\", \"must_change_password\"} (both optional)", code="malformed")
    must = body.get("must_change_password", True)
    if not isinstance(must, bool):
        raise BadRequest("must_change_password 必须是布尔值", "must_change_password must be a boolean",
                         code="malformed", details={"field": "must_change_password"})
    if user_id == actor().id:
        raise Forbidden("请在个人设置中修改自己的密码", "change your own password in your personal settings",
                        code="own_account")
    with runtime().transaction() as conn:
        generated = users.reset_password(conn, user_id, body.get("password"), must)
        _audit(conn, "user.password_reset", user_id, after={"must_change_password": must})
    return jsonify({"id": user_id, "password": generated, "must_change_password": must})


def _sheet_upload() -> tuple[str, str]:
    """The uploaded sheet in a temporary file: (path, the user's file name)."""
    f = request.files.get("file")
    if f is None:
        raise BadRequest("缺少上传文件(字段名 file)", "no file uploaded (form field 'file')", code="malformed",
                         details={"field": "file"})
    name = f.filename or "users.xlsx"
    uploads.check_name(name, None)
    if uploads.extension(name) not in SHEETS:
        raise uploads.Refused(f"只能导入 xlsx、xls 或 csv 文件,不能导入“{name}”",
                              f"only xlsx, xls and csv files can be imported, not “{name}”")
    fd, path = tempfile.mkstemp(prefix="trellis-users-", suffix=uploads.extension(name))
    with os.fdopen(fd, "wb") as out:
        data = f.stream.read(MAX_SHEET_BYTES + 1)
        out.write(data)
    if len(data) > MAX_SHEET_BYTES:
        os.unlink(path)
        raise uploads.TooLarge(f"文件超过 {MAX_SHEET_BYTES // 1024 // 1024} MB",
                               f"the file is over {MAX_SHEET_BYTES // 1024 // 1024} MB", details={"field": "file"})
    return path, name


def _read_sheet(conn, path: str, name: str) -> dict:
    rt = runtime()
    roles = user_import.role_lookup(conn, {a["id"]: rt.roles_of(a["id"]) for a in rt.apps()})
    return user_import.read_sheet(conn, path, name, roles)


@bp.post("/admin/users/import/preview")
@login_required
def import_preview():
    _admin_only()
    path, name = _sheet_upload()
    try:
        with runtime().engine.connect() as conn:
            return jsonify(user_import.public(_read_sheet(conn, path, name)))
    finally:
        os.unlink(path)


@bp.post("/admin/users/import")
@login_required
def import_users():
    """All or nothing: 422 with every row's problems (row and column named), else 201 with
    the new users and their initial passwords (answered this once)."""
    _admin_only()
    path, name = _sheet_upload()
    try:
        with runtime().transaction() as conn:
            created = user_import.create_from(conn, _read_sheet(conn, path, name))
            runtime().record_event("user.import", target="user", after={
                "file": name, "users": [{k: c[k] for k in ("id", "username")} for c in created]}, actor=actor(),
                conn=conn)
    finally:
        os.unlink(path)
    return jsonify({"created": created, "total": len(created)}), 201


@bp.get("/admin/roles")
@login_required
def roles():
    """Every role a user may be given: FAB's own roles, and each app's roles with their labels."""
    _admin_only()
    rt = runtime()
    app_roles = {}
    for a in rt.apps():
        for rid, role in rt.roles_of(a["id"]).items():
            app_roles[f"{a['id']}.{rid}"] = {"app": a["id"], "app_label": a.get("label"), "label": role.get("label")}
    with rt.engine.connect() as conn:
        names = users.role_names(conn)
    items = [{"name": n, "app": app_roles.get(n, {}).get("app"), "app_label": app_roles.get(n, {}).get("app_label"),
              "label": app_roles.get(n, {}).get("label") or {"zh": n, "en": n}} for n in names]
    return jsonify({"items": items, "admin_role": _admin_role()})


@bp.get("/admin/tokens")
@login_required
def all_tokens():
    _admin_only()
    rt = runtime()
    with rt.engine.connect() as conn:
        items = tokens.list_all(conn, int_param(request.args, "user_id", maximum=2**31 - 1), _bool_param("active"))
        people = rt.users_by_id(conn, {t["user_id"] for t in items})
    for t in items:
        who = people.get(t["user_id"], {})
        t["username"], t["user_name"] = who.get("username"), who.get("title")
    return jsonify({"items": items})


@bp.delete("/admin/tokens/<int32:token_id>")
@login_required
def revoke_token(token_id):
    _admin_only()
    with runtime().transaction() as conn:
        row = tokens.revoke(conn, None, token_id)
        runtime().record_event("token.revoke", target="token", record_id=token_id, after={"name": row["name"]},
                               actor=actor(), conn=conn)
    runtime().actors.forget_tokens()  # refused at once here, within the TTL elsewhere
    return "", 204
