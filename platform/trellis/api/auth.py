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
    actors = runtime().actors
    known = actors.subject(raw)  # verified before in this process and not expired since
    if known is not None:
        return known
    try:
        claims = decode_token(raw)
    except (JWTExtendedException, PyJWTError):  # malformed or expired: not signed in this way
        return None
    sub = claims.get("sub") if claims.get("type") == "access" else None
    if not (isinstance(sub, str) and sub.isdigit()):
        return None
    if isinstance(claims.get("exp"), (int, float)):
        actors.keep_subject(raw, int(sub), float(claims["exp"]))
    return int(sub)


def _recent_actor(user_id) -> Actor | None:
    """The actor the runtime keeps for a user who signed in a moment ago (runtime/actors.py)."""
    try:
        return runtime().actors.get(int(user_id), ip=request.remote_addr)
    except (TypeError, ValueError):
        return None


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
    """Set g.actor from an API token; a JSON 401 / 403 response when it may not call this.
    A token found valid within the TTL (runtime/actors.py) is not looked up again, unless it
    has expired since; its user is the signed-in actor kept for the same TTL."""
    rt = runtime()
    try:
        found = rt.actors.token(plaintext)
        if found is not None and found[2] is not None and found[2] <= tokens.now():
            found = None  # expired meanwhile: the database says so, by name
        if found is None:
            engine = rt.engine
            with engine.connect() as conn:
                row = tokens.authenticate_row(conn, plaintext, touch=lambda stmt: _write(engine, stmt))
            found = (row["user_id"], row["apps"], row["expires_at"])
            rt.actors.keep_token(plaintext, found)
        user_id, apps = found[0], found[1]
        known = rt.actors.get(user_id)
        if known is None:
            user = current_app.appbuilder.sm.get_user_by_id(user_id)
            active = user is not None and getattr(user, "is_active", True)
            known = _actor_of(user) if active else None
            _release_session()
            if known is None:
                return jsonify({"code": "unauthorized", "message": bilingual(
                    "令牌所属的用户不存在或已停用", "the token's user does not exist or is inactive")}), 401
            rt.actors.keep(known)
        app = (request.view_args or {}).get("app")
        if apps is not None and app is not None and app not in apps:
            raise Forbidden(f"此令牌无权访问应用 {app}", f"this token may not access app {app}", code="token_scope")
    except TrellisError as err:
        _release_session()
        return jsonify(err.to_dict()), err.status
    known = rt.actors.get(known.id, ip=request.remote_addr) or replace(known, ip=request.remote_addr)
    g.actor = known if apps is None else replace(known, token_apps=tuple(apps))
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
    limiter = app.appbuilder.sm.limiter
    if not (app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION")):
        _limit_sign_in_only(app, limiter)
    blueprint = app.blueprints.get("SecurityApi")
    if not app.config.get("AUTH_RATE_LIMITED") or blueprint is None:
        return
    limiter.limit(app.config["AUTH_RATE_LIMIT"], methods=["POST"],
                                    deduct_when=lambda response: response.status_code >= 400)(blueprint)


def _limit_sign_in_only(app, limiter) -> None:
    """Limits are set on the sign-in blueprints only (no default or application limit is
    configured): Flask-Limiter's hooks skip Trellis's own routes (the API, the web UI, the
    probes), whose requests they cost a tenth of a record's GET while never limiting them."""
    def unless_ours(hook):
        @wraps(hook)
        def run(*args):
            if (request.blueprint or "trellis_").startswith("trellis_"):
                return args[0] if args else None  # an after-request hook hands the response on
            return hook(*args)
        return run

    for hooks in (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs):
        funcs = hooks.get(None, [])
        for i, hook in enumerate(funcs):
            owner = getattr(hook, "__self__", None) or (getattr(hook, "args", None) or (None,))[0]
            if owner is limiter:
                funcs[i] = unless_ours(hook)
