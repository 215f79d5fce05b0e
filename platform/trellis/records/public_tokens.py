"""The tokens of public links: one per link, random (144 bits, URL-safe), kept in
`trellis_public_link_token` rather than in the link's definition, so an exported app
never carries a live link and a new token stops the old link at once."""
from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa

from ..storage import models as m
from ..storage.database import writing

T = m.public_link_token


def new_token() -> str:
    return secrets.token_urlsafe(18)


def ensure(conn, app: str, link: str) -> str:
    """The link's token, made when it has none (inside the caller's transaction)."""
    row = conn.execute(sa.select(T.c.token).where(T.c.app == app, T.c.link == link)).first()
    if row is not None:
        return row.token
    token = new_token()
    conn.execute(T.insert().values(token=token, app=app, link=link, created_at=datetime.now().replace(microsecond=0)))
    return token


def current(engine, app: str, link: str) -> str | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(T.c.token).where(T.c.app == app, T.c.link == link)).first()
    return row.token if row else None


def regenerate(engine, app: str, link: str) -> str:
    """A new token for the link; the old one stops answering."""
    with writing(engine) as conn:
        conn.execute(T.delete().where(T.c.app == app, T.c.link == link))
        return ensure(conn, app, link)


def resolve(engine, token: str) -> tuple[str, str] | None:
    """(app, link) of a token, or None."""
    if not isinstance(token, str) or not 16 <= len(token) <= 64:
        return None
    with engine.connect() as conn:
        row = conn.execute(sa.select(T.c.app, T.c.link).where(T.c.token == token)).first()
    return (row.app, row.link) if row else None
