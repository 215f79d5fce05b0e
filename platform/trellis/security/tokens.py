"""Personal API tokens: `trl_<prefix>_<secret>`, shown once at creation; only the SHA-256
of the whole token is stored (plus the prefix, to tell tokens apart in a list). A token
acts as its user, optionally limited to some apps, until it expires or is revoked.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..storage import models
from ..kernel.errors import BadRequest, NotFound, Unauthorized
from ..kernel.timestamps import stamp

TOKEN = models.api_token
SCHEME = "trl_"
TOUCH_EVERY = timedelta(minutes=1)  # last_used_at is written at most this often per token
PUBLIC = ("id", "name", "prefix", "apps", "expires_at", "revoked_at", "created_at", "last_used_at")


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def looks_like_token(value: str | None) -> bool:
    return bool(value) and value.startswith(SCHEME)


def _public(r) -> dict:
    out = {k: r[k] for k in PUBLIC}
    for k in ("expires_at", "revoked_at", "created_at", "last_used_at"):
        out[k] = stamp(out[k])
    out["display"] = f"{SCHEME}{r['prefix']}_…"
    return out


def _apps(apps) -> list[str] | None:
    if apps is None:
        return None
    if not isinstance(apps, list) or not all(isinstance(a, str) and a.strip() for a in apps):
        raise BadRequest("apps 必须是应用标识的数组,或 null(不限应用)",
                         "apps must be a list of app keys, or null (every app)", code="malformed",
                         details={"field": "apps"})
    return sorted({a.strip() for a in apps})


def create(conn, user_id: int, name: str, apps: list[str] | None = None,
           expires_at: datetime | None = None) -> tuple[dict, str]:
    """A new token for a user: (its row without the secret, the plaintext to show once)."""
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 100:
        raise BadRequest("令牌名称必填,且不超过 100 个字符", "a token needs a name of at most 100 characters",
                         code="malformed", details={"field": "name"})
    if expires_at is not None and expires_at <= _now():
        raise BadRequest("过期时间必须晚于现在", "the expiry must be in the future", code="malformed",
                         details={"field": "expires_at"})
    prefix = secrets.token_hex(4)
    plaintext = f"{SCHEME}{prefix}_{secrets.token_urlsafe(32)}"
    row_id = conn.execute(TOKEN.insert().values(
        user_id=user_id, name=name.strip(), prefix=prefix, token_hash=digest(plaintext), apps=_apps(apps),
        expires_at=expires_at.replace(microsecond=0) if expires_at else None, created_at=_now(),
    ).returning(TOKEN.c.id)).scalar_one()
    row = conn.execute(sa.select(TOKEN).where(TOKEN.c.id == row_id)).mappings().one()
    return _public(row), plaintext


def list_tokens(conn, user_id: int) -> list[dict]:
    """A user's tokens, newest first (never the secret or its hash)."""
    q = sa.select(TOKEN).where(TOKEN.c.user_id == user_id).order_by(TOKEN.c.id.desc())
    return [_public(r) for r in conn.execute(q).mappings()]


def list_all(conn, user_id: int | None = None, active: bool | None = None) -> list[dict]:
    """Every user's tokens, newest first, each with its `user_id` (optionally one user's,
    or only the usable / the revoked or expired ones)."""
    q = sa.select(TOKEN).order_by(TOKEN.c.id.desc())
    if user_id is not None:
        q = q.where(TOKEN.c.user_id == user_id)
    if active is not None:
        usable = sa.and_(TOKEN.c.revoked_at.is_(None), sa.or_(TOKEN.c.expires_at.is_(None), TOKEN.c.expires_at > _now()))
        q = q.where(usable if active else sa.not_(usable))
    return [{**_public(r), "user_id": r["user_id"]} for r in conn.execute(q).mappings()]


def revoke(conn, user_id: int | None, token_id: int) -> dict:
    """Revoke one of the user's tokens, or anyone's when `user_id` is None (an
    administrator); revoking twice keeps the first time."""
    q = sa.select(TOKEN).where(TOKEN.c.id == token_id)
    row = conn.execute(q if user_id is None else q.where(TOKEN.c.user_id == user_id)).mappings().first()
    if row is None:
        raise NotFound(f"令牌 {token_id} 不存在", f"token {token_id} does not exist")
    if row["revoked_at"] is None:
        conn.execute(TOKEN.update().where(TOKEN.c.id == token_id).values(revoked_at=_now()))
        row = conn.execute(sa.select(TOKEN).where(TOKEN.c.id == token_id)).mappings().one()
    return _public(row)


def now() -> datetime:
    """The time a token's expiry is compared with (the server's local time, to the second)."""
    return _now()


def authenticate(conn, plaintext: str, touch=None) -> tuple[int, list[str] | None]:
    """(user id, apps or None) for a valid token; a 401 saying unknown, revoked or expired.
    The token's last use is written on `conn`, or by `touch(update statement)` when given
    (so a reading connection need not become a writing one)."""
    row = authenticate_row(conn, plaintext, touch)
    return row["user_id"], row["apps"]


def authenticate_row(conn, plaintext: str, touch=None):
    """`authenticate`, answering the token's row (its expiry with its user and apps)."""
    row = None
    if looks_like_token(plaintext) and len(plaintext) <= 200:
        row = conn.execute(sa.select(TOKEN).where(TOKEN.c.token_hash == digest(plaintext))).mappings().first()
    if row is None:
        raise Unauthorized("API 令牌无效", "unknown API token", code="token_unknown")
    now = _now()
    if row["revoked_at"] is not None:
        raise Unauthorized(f"API 令牌“{row['name']}”已被吊销", f"API token “{row['name']}” has been revoked",
                           code="token_revoked")
    if row["expires_at"] is not None and row["expires_at"] <= now:
        raise Unauthorized(f"API 令牌“{row['name']}”已于 {row['expires_at']:%Y-%m-%d %H:%M} 过期",
                           f"API token “{row['name']}” expired at {row['expires_at']:%Y-%m-%d %H:%M}",
                           code="token_expired")
    if row["last_used_at"] is None or now - row["last_used_at"] >= TOUCH_EVERY:
        (touch or conn.execute)(TOKEN.update().where(TOKEN.c.id == row["id"]).values(last_used_at=now))
    return row
