"""Who is calling: a JWT (FAB's security API), an API token (`Bearer trl_...`, see
`trellis.security.tokens`) or the browser session; the helpers every handler uses to reach
the runtime as that actor; and the request-aware hooks of FAB's password policy and login
rate limit.

Loading the user goes through FAB's session, which keeps its pooled connection until the
request ends; once the actor is built that connection goes back to the pool, so a request
holds at most one connection at a time (the runtime's own) and the pool cannot run dry
with every request waiting for a second one. Only a bad or expired credential answers 401:
a failure of the database behind it propagates as what it is."""
from __future__ import annotations

from dataclasses import replace
from functools import wraps

from flask import current_app, g, jsonify, request, session
from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_jwt_extended import current_user as jwt_user
from flask_jwt_extended import decode_token
from flask_jwt_extended import verify_jwt_in_request
from flask_jwt_extended.exceptions import JWTExtendedException
from jwt.exceptions import PyJWTError
from flask_login import current_user as session_user
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from ..kernel.actor import Actor
from ..storage.database import writing
from ..kernel.errors import Forbidden, TrellisError, bilingual
from ..security import passwords, tokens


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
        g.via_token = tokens.looks_like_token(_bearer())
        if g.via_token:
            refused = _token_actor(_bearer())
            return refused if refused is not None else fn(*args, **kwargs)
        user_id, via_session = _jwt_subject(), False
        if user_id is None and session.get("_user_id") is not None:
            user_id, via_session = session.get("_user_id"), True
        if via_session:
            refused = _csrf_refusal()
            if refused is not None:
                return refused
        known = _recent_actor(user_id)
        g.actor = known if known is not None else _load_actor()
        if g.actor is None:
            return jsonify({"code": "unauthorized",
                            "message": bilingual("请先登录", "authentication required")}), 401
        return fn(*args, **kwargs)
    return wrapper



def _jwt_subject() -> int | None:
    """The user id of a valid access JWT in the Authorization header, else None."""
    raw = _bearer()
    if not raw:
        return None
    try:
        claims = decode_token(raw)
    except (JWTExtendedException, PyJWTError):  # malformed or expired: not signed in this way
        return None
    sub = claims.get("sub") if claims.get("type") == "access" else None
    return int(sub) if isinstance(sub, str) and sub.isdigit() else None


def _recent_actor(user_id) -> Actor | None:
    """The actor the runtime keeps for a user who signed in a moment ago (runtime/actors.py)."""
    try:
        hit = runtime().actors.get(int(user_id))
    except (TypeError, ValueError):
        return None
    return replace(hit, ip=request.remote_addr) if hit is not None else None


def _load_actor() -> Actor | None:
    """Load the JWT's or the session's user through FAB; None when not signed in or inactive."""
    user = None
    try:
        if verify_jwt_in_request(optional=True) is not None:
            user = jwt_user
    except (JWTExtendedException, PyJWTError):  # malformed, expired or revoked: not signed in
        user = None
    if user is None and getattr(session_user, "is_authenticated", False):
        user = session_user
    out = None
    if user is not None and getattr(user, "is_active", True):
        out = _actor_of(user)
        runtime().actors.keep(out)
    _release_session()
    return out


def forget_actor(user_id: int) -> None:
    """Load this user afresh on their next request (their roles or status changed)."""
    runtime().actors.forget(user_id)


def _release_session() -> None:
    """Give FAB's session connection back to the pool (the user objects stay readable)."""
    current_app.appbuilder.session.close()


def _csrf_refusal():
    """A browser session (a cookie) must prove a write came from our page: the token of
    `GET /api/v1/csrf` in the X-CSRFToken header. JWT and API-token calls need none."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_app.config.get("WTF_CSRF_ENABLED", True):
        return None
    try:
        validate_csrf(request.headers.get("X-CSRFToken", ""))
    except ValidationError:
        return jsonify({"code": "csrf", "message": bilingual("缺少或无效的 CSRF 令牌,请刷新页面",
                                                             "missing or invalid CSRF token; reload the page")}), 400
    return None


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    return header[7:].strip() if header[:7].lower() == "bearer " else None


def _token_actor(plaintext: str):
    """Set g.actor from an API token; a JSON 401 / 403 response when it may not call this."""
    try:
        engine = runtime().engine
        with engine.connect() as conn:
            user_id, apps = tokens.authenticate(conn, plaintext, touch=lambda stmt: _write(engine, stmt))
        user = current_app.appbuilder.sm.get_user_by_id(user_id)
        if user is None or not getattr(user, "is_active", True):
            return jsonify({"code": "unauthorized", "message": bilingual(
                "令牌所属的用户不存在或已停用", "the token's user does not exist or is inactive")}), 401
        app = (request.view_args or {}).get("app")
        if apps is not None and app is not None and app not in apps:
            raise Forbidden(f"此令牌无权访问应用 {app}", f"this token may not access app {app}", code="token_scope")
    except TrellisError as err:
        _release_session()
        return jsonify(err.to_dict()), err.status
    g.actor = _actor_of(user, token_apps=tuple(apps) if apps is not None else None)
    _release_session()
    return None


def _write(engine, statement) -> None:
    with writing(engine) as conn:
        conn.execute(statement)


def via_token() -> bool:
    """Whether the caller authenticated with an API token (not a JWT or the session)."""
    return bool(g.get("via_token"))


def actor() -> Actor:
    return g.actor


def optional_actor():
    """The caller when authenticated, else None (for endpoints open to anyone)."""
    outcome = login_required(lambda: None)()
    return g.actor if outcome is None and hasattr(g, "actor") else None


def password_validator(password: str) -> None:
    """FAB_PASSWORD_COMPLEXITY_VALIDATOR: the policy, with the username the request is about
    (a new user's `username`, the user `pk` being edited or reset, else the caller)."""
    try:
        passwords.check(password, _username_in_request())
    except passwords.PasswordRejected as err:
        raise PasswordComplexityValidationError(str(err)) from None


def _username_in_request() -> str | None:
    data = request.get_json(silent=True) if request.is_json else None
    name = data.get("username") if isinstance(data, dict) else None
    name = name or request.form.get("username")
    if isinstance(name, str) and name.strip():
        return name
    pk = (request.view_args or {}).get("pk") or request.args.get("pk")
    sm = current_app.appbuilder.sm
    user = sm.get_user_by_id(int(pk)) if str(pk or "").isdigit() else None
    if user is None and getattr(session_user, "is_authenticated", False):
        user = session_user
    return getattr(user, "username", None)


LOGIN_PROVIDERS = ("db", "ldap")


def check_api_login() -> tuple | None:
    """Flask-AppBuilder's JSON login reads `provider` without checking it is there: refuse
    a login body without a known provider with a 400 naming it (instead of FAB's 500)."""
    if request.method != "POST" or request.path != "/api/v1/security/login":
        return None
    body = request.get_json(silent=True)
    if isinstance(body, dict) and body.get("provider") not in LOGIN_PROVIDERS:
        return jsonify({"code": "malformed", "details": {"param": "provider"}, "message": bilingual(
            "登录请求须含 provider(db 或 ldap)", "a login needs a provider (db or ldap)")}), 400
    return None


def limit_api_login(app) -> None:
    """FAB rate-limits its login form (AUTH_RATE_LIMIT); put the same limit on the JSON
    login and refresh (`/api/v1/security/...`), counting failed attempts only, so that
    brute force meets 429 while a user's own successful logins never lock them out."""
    blueprint = app.blueprints.get("SecurityApi")
    if not app.config.get("AUTH_RATE_LIMITED") or blueprint is None:
        return
    app.appbuilder.sm.limiter.limit(app.config["AUTH_RATE_LIMIT"], methods=["POST"],
                                    deduct_when=lambda response: response.status_code >= 400)(blueprint)
