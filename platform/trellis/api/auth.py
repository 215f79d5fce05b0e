"""Who is calling: a JWT (FAB's security API) or the browser session; and the helpers
every handler uses to reach the runtime as that actor."""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, jsonify
from flask_jwt_extended import current_user as jwt_user
from flask_jwt_extended import verify_jwt_in_request
from flask_login import current_user as session_user

from ..actor import Actor
from ..errors import bilingual


def runtime():
    return current_app.extensions["trellis"]


def _actor_of(user, token_apps=None) -> Actor:
    from flask import request

    roles = tuple(r.name for r in getattr(user, "roles", []) or [])
    admin = current_app.config.get("AUTH_ROLE_ADMIN", "Admin") in roles
    return Actor(id=user.id, username=user.username, roles=roles, is_admin=admin,
                 ip=request.remote_addr, token_apps=token_apps)


def login_required(fn):
    """Accept a valid JWT or a logged-in session; otherwise 401 in JSON."""
    @wraps(fn)
    def wrapper(*args, **kwargs):
        user = None
        try:
            if verify_jwt_in_request(optional=True) is not None:
                user = jwt_user
        except Exception:
            user = None
        if user is None and getattr(session_user, "is_authenticated", False):
            user = session_user
        if user is None or not getattr(user, "is_active", True):
            return jsonify({"code": "unauthorized",
                            "message": bilingual("请先登录", "authentication required")}), 401
        g.actor = _actor_of(user)
        return fn(*args, **kwargs)
    return wrapper


def actor() -> Actor:
    return g.actor
