"""API token endpoints: list, create (the plaintext is answered once) and revoke the
caller's own tokens. Only a signed-in user (JWT or session) manages tokens; a token cannot."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden
from ..security import tokens
from ..kernel.timestamps import local
from .auth import actor, login_required, runtime, via_token
from .params import body_json

bp = Blueprint("trellis_tokens", __name__, url_prefix="/api/v1/tokens")
MAX_DAYS = 3650


def _no_token():
    if via_token():
        raise Forbidden("API 令牌不能管理令牌,请登录后操作", "an API token cannot manage tokens; sign in instead",
                        code="token_forbidden")


def _expiry(body: dict) -> datetime | None:
    days, at = body.get("expires_in_days"), body.get("expires_at")
    if days is not None and at is not None:
        raise BadRequest("expires_in_days 与 expires_at 只能给一个", "give expires_in_days or expires_at, not both",
                         code="malformed")
    if days is not None:
        if type(days) is not int or not 1 <= days <= MAX_DAYS:
            raise BadRequest(f"expires_in_days 必须是 1 到 {MAX_DAYS} 的整数",
                             f"expires_in_days must be an integer from 1 to {MAX_DAYS}", code="malformed",
                             details={"field": "expires_in_days"})
        return datetime.now().replace(microsecond=0) + timedelta(days=days)
    if at is not None:
        try:
            value = datetime.fromisoformat(at) if isinstance(at, str) else None
        except ValueError:
            value = None
        if value is None:
            raise BadRequest("expires_at 必须是 ISO 8601 日期时间", "expires_at must be an ISO 8601 date-time",
                             code="malformed", details={"field": "expires_at"})
        return local(value)  # stored as the server's local time, like every timestamp
    return None


@bp.get("")
@login_required
def list_tokens():
    with runtime().engine.connect() as conn:
        return jsonify({"items": tokens.list_tokens(conn, actor().id)})


@bp.post("")
@login_required
def create():
    """{"name", "apps": [...] | null, "expires_in_days" | "expires_at"} -> 201 with `token` (once)."""
    _no_token()
    body = body_json(request)
    if not isinstance(body, dict) or set(body) - {"name", "apps", "expires_in_days", "expires_at"}:
        raise BadRequest("请求体应为 {\"name\", \"apps\", \"expires_in_days\" 或 \"expires_at\"}",
                         "the body must be {\"name\", \"apps\", \"expires_in_days\" or \"expires_at\"}",
                         code="malformed")
    with runtime().transaction() as conn:
        row, plaintext = tokens.create(conn, actor().id, body.get("name"), body.get("apps"), _expiry(body))
        runtime().record_event("token.create", target="token", record_id=row["id"], after=row, actor=actor(), conn=conn)
    return jsonify({**row, "token": plaintext}), 201


@bp.delete("/<int32:token_id>")
@login_required
def revoke(token_id):
    _no_token()
    with runtime().transaction() as conn:
        tokens.revoke(conn, actor().id, token_id)
        runtime().record_event("token.revoke", target="token", record_id=token_id, actor=actor(), conn=conn)
    runtime().actors.forget_tokens()  # refused at once here, within the TTL elsewhere
    return "", 204
