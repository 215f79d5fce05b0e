"""What the `outbox` channel recorded instead of sending (`trellis_outbox`): the demo's
channels all deliver here, each keeping its own channel name as `channel_type`, so a demo
never sends anything while its automations can be followed message by message."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.timestamps import stamp
from ..storage import models

T = models.outbox


def add(conn, *, app, delivery_id, channel_type, recipient, subject, body, urgency, form, record, now) -> int:
    return conn.execute(T.insert().values(app=app, delivery_id=delivery_id, channel_type=channel_type,
                                          recipient=recipient, subject=subject, body=body, urgency=urgency,
                                          form=form, record=record, created_at=now)).inserted_primary_key[0]


def listing(conn, app: str, *, form=None, record=None, channel_type=None, limit: int = 100) -> list[dict]:
    stmt = sa.select(T).where(T.c.app == app).order_by(T.c.id.desc()).limit(limit)
    if form:
        stmt = stmt.where(T.c.form == form)
    if record is not None:
        stmt = stmt.where(T.c.record == record)
    if channel_type:
        stmt = stmt.where(T.c.channel_type == channel_type)
    return [{"id": r["id"], "channel_type": r["channel_type"], "recipient": r["recipient"], "subject": r["subject"],
             "body": r["body"], "urgency": r["urgency"], "form": r["form"], "record": r["record"],
             "created_at": stamp(r["created_at"])} for r in conn.execute(stmt).mappings()]
