"""The signed-in user's own settings.

    POST /api/v1/me/password      {"current", "new"}: the policy of security/passwords.py
    GET  /api/v1/me/preferences   {"language": "zh" | "en" | null, "must_change_password"}
    PUT  /api/v1/me/preferences   {"language": "zh" | "en"}

The front end reads the preferences at sign-in: it switches to the saved language and,
when an administrator set the password, leads to changing it first."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import Forbidden
from ..security import user_settings
from .auth import actor, login_required, runtime, via_token
from .params import body_json

bp = Blueprint("trellis_personal", __name__, url_prefix="/api/v1")


@bp.post("/me/password")
@login_required
def change_password():
    if via_token():
        raise Forbidden("API 令牌不能修改密码,请登录后操作", "an API token cannot change the password; sign in instead",
                        code="token_forbidden")
    body = body_json(request)
    with runtime().transaction() as conn:
        user_settings.change_password(conn, actor().id, body)
        runtime().record_event("user.password_change", target="user", record_id=actor().id, actor=actor(), conn=conn)
    return "", 204


@bp.get("/me/preferences")
@login_required
def get_preferences():
    with runtime().engine.connect() as conn:
        return jsonify(user_settings.preferences(conn, actor().id))


@bp.put("/me/preferences")
@login_required
def put_preferences():
    body = body_json(request)
    with runtime().transaction() as conn:
        return jsonify(user_settings.set_preferences(conn, actor().id, body))
