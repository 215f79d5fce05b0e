"""Reading the delivery log: deliveries of an app (by channel, record, state), one delivery
with its attempts, and the counts per state."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import NotFound
from ..kernel.timestamps import stamp
from ..storage import models

D = models.delivery
L = models.delivery_log
STATES = ("queued", "held", "sending", "retrying", "sent", "failed", "skipped")


def to_json(r) -> dict:
    out = {k: r[k] for k in ("id", "message_id", "event", "channel", "channel_type", "urgency", "to", "subject",
                             "body", "state", "note", "attempts", "error", "answer", "latency_ms", "form", "record",
                             "fallbacks")}
    rec = dict(r["recipient"] or {})
    out["recipient"] = {k: rec.get(k) for k in ("kind", "key", "name", "user_id")}
    out.update({k: stamp(r[k]) for k in ("run_at", "created_at", "sent_at", "read_at")})
    return out


def _filtered(stmt, app, channel=None, form=None, record=None, state=None):
    stmt = stmt.where(D.c.app == app)
    if channel:
        stmt = stmt.where(D.c.channel == channel)
    if form:
        stmt = stmt.where(D.c.form == form)
    if record is not None:
        stmt = stmt.where(D.c.record == record)
    if state:
        stmt = stmt.where(D.c.state == state)
    return stmt


def listing(conn, app: str, *, limit: int = 100, before_id=None, **filters) -> list[dict]:
    stmt = _filtered(sa.select(D), app, **filters).order_by(D.c.id.desc()).limit(limit)
    if before_id:
        stmt = stmt.where(D.c.id < before_id)
    return [to_json(r) for r in conn.execute(stmt).mappings()]


def counts(conn, app: str, **filters) -> dict[str, int]:
    filters.pop("state", None)
    rows = conn.execute(_filtered(sa.select(D.c.state, sa.func.count()), app, **filters).group_by(D.c.state)).all()
    found = {s: 0 for s in STATES}
    found.update({s: int(n) for s, n in rows})
    return found


def mark_answered(conn, delivery_id: int, now) -> None:
    """The recipient read or answered it (the first sign counts): an activity signal."""
    conn.execute(D.update().where(D.c.id == delivery_id, D.c.read_at.is_(None)).values(read_at=now))


def one(conn, app: str, delivery_id: int) -> dict:
    r = conn.execute(sa.select(D).where(D.c.id == delivery_id, D.c.app == app)).mappings().first()
    if r is None:
        raise NotFound(f"投递记录 {delivery_id} 不存在", f"delivery {delivery_id} not found", code="delivery_not_found")
    out = to_json(r)
    out["log"] = [{"attempt": a["attempt"], "at": stamp(a["at"]), "status": a["status"], "answer": a["answer"],
                   "error": a["error"], "latency_ms": a["latency_ms"]}
                  for a in conn.execute(sa.select(L).where(L.c.delivery_id == delivery_id).order_by(L.c.id)).mappings()]
    return out
