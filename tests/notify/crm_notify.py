"""What the notification tests share besides fixtures: the tables a test starts without,
the simulated Monday morning, Asia/Shanghai wall-clock times, a seeded client, and the
delivery rows of a message."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from trellis.storage import models

TABLES = (models.delivery_log, models.delivery, models.message, models.inbox, models.outbox, models.notify_prefs,
          models.job)
# a Monday at 10:00 in Asia/Shanghai (the routing's zone; quiet hours are computed there)
MONDAY_10 = datetime(2026, 12, 7, 10, 0, 0)


def shanghai(wall: datetime) -> datetime:
    """The server-local naive time at which Asia/Shanghai's clocks show `wall`."""
    from zoneinfo import ZoneInfo

    return wall.replace(tzinfo=ZoneInfo("Asia/Shanghai")).astimezone().replace(tzinfo=None)


def client_with(rt, *, email: bool = True) -> dict:
    """A client of the seed (with an email address, or without)."""
    t = rt.form("futures_crm", "client").table
    cond = t.c.email.is_not(None) if email else t.c.email.is_(None)
    with rt.engine.connect() as conn:
        row = conn.execute(sa.select(t).where(cond, t.c.deleted_at.is_(None)).order_by(t.c.id).limit(1)).mappings().first()
    assert row is not None
    return dict(row)


def deliveries(rt, **where) -> list[dict]:
    t = models.delivery
    stmt = sa.select(t).order_by(t.c.id)
    for k, v in where.items():
        stmt = stmt.where(t.c[k] == v)
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]
