"""The in-app message center (`trellis_inbox`): what the `inapp` channel delivers, per user.
Reading a message marks its delivery read, the signal routing counts as activity."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import NotFound
from ..kernel.timestamps import stamp
from ..storage import models

T = models.inbox
D = models.delivery
STATES = ("unread", "read", "all")


def add(conn, *, app, user_id, delivery_id, title, body, urgency, form, record, now) -> int:
    return conn.execute(T.insert().values(app=app, user_id=int(user_id), delivery_id=delivery_id, title=title,
                                          body=body, urgency=urgency, form=form, record=record,
                                          created_at=now)).inserted_primary_key[0]


def to_json(r) -> dict:
    return {"id": r["id"], "app": r["app"], "title": r["title"], "body": r["body"], "urgency": r["urgency"],
            "form": r["form"], "record": r["record"], "created_at": stamp(r["created_at"]),
            "read_at": stamp(r["read_at"])}


def unread(conn, user_id: int) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(T)
                            .where(T.c.user_id == user_id, T.c.read_at.is_(None))).scalar())


def listing(conn, user_id: int, state: str = "all", limit: int = 50, before_id: int | None = None) -> list[dict]:
    stmt = sa.select(T).where(T.c.user_id == user_id).order_by(T.c.id.desc()).limit(limit)
    if state == "unread":
        stmt = stmt.where(T.c.read_at.is_(None))
    elif state == "read":
        stmt = stmt.where(T.c.read_at.is_not(None))
    if before_id:
        stmt = stmt.where(T.c.id < before_id)
    return [to_json(r) for r in conn.execute(stmt).mappings()]


def mark_read(conn, user_id: int, message_id: int, now) -> dict:
    r = conn.execute(sa.select(T).where(T.c.id == message_id, T.c.user_id == user_id)).mappings().first()
    if r is None:
        raise NotFound(f"消息 {message_id} 不存在", f"message {message_id} not found", code="message_not_found")
    if r["read_at"] is None:
        conn.execute(T.update().where(T.c.id == message_id).values(read_at=now))
        if r["delivery_id"]:
            conn.execute(D.update().where(D.c.id == r["delivery_id"], D.c.read_at.is_(None)).values(read_at=now))
        r = {**r, "read_at": now}
    return to_json(r)


def mark_all_read(conn, user_id: int, now) -> None:
    ids = list(conn.execute(sa.select(T.c.delivery_id).where(T.c.user_id == user_id, T.c.read_at.is_(None),
                                                              T.c.delivery_id.is_not(None))).scalars())
    conn.execute(T.update().where(T.c.user_id == user_id, T.c.read_at.is_(None)).values(read_at=now))
    for i in range(0, len(ids), 500):
        conn.execute(D.update().where(D.c.id.in_(ids[i:i + 500]), D.c.read_at.is_(None)).values(read_at=now))
