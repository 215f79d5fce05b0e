"""A user's notification settings (`trellis_notify_prefs`): per event (template key) the
channels they want it on, and their quiet hours. Routing applies them to medium and low
urgency messages; high urgency ignores them."""
from __future__ import annotations

import re

import sqlalchemy as sa

from ..kernel.errors import BadRequest
from ..storage import models

T = models.notify_prefs
CLOCK = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def get(conn, user_id) -> dict:
    if user_id is None:
        return {}
    found = conn.execute(sa.select(T.c.prefs).where(T.c.user_id == user_id)).scalar()
    return found or {}


def of_users(conn, ids) -> dict[int, dict]:
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    return {r.user_id: r.prefs for r in conn.execute(sa.select(T.c.user_id, T.c.prefs).where(T.c.user_id.in_(ids)))}


def _bad(field: str, zh: str, en: str):
    return BadRequest(zh, en, code="malformed", details={"field": field})


def clean(body) -> dict:
    """The settings of `body`, checked: {"events": {event: [channel, ...]}, "quiet_hours":
    {"start": "HH:MM", "end": "HH:MM"} | None}."""
    if not isinstance(body, dict):
        raise _bad("", "请求体应为对象", "the body is an object")
    events = body.get("events") or {}
    if not isinstance(events, dict):
        raise _bad("events", "events 应为对象", "events is an object")
    out_events = {}
    for event, channels in events.items():
        if not NAME.match(str(event)) or not isinstance(channels, list) or not all(
                isinstance(c, str) and NAME.match(c) for c in channels):
            raise _bad(f"events.{event}", f"事件 {event} 的渠道应为渠道名称列表",
                       f"the channels of event {event} are a list of channel names")
        out_events[event] = list(dict.fromkeys(channels))
    quiet = body.get("quiet_hours")
    if quiet is not None:
        if not isinstance(quiet, dict) or not all(CLOCK.match(str(quiet.get(k, ""))) for k in ("start", "end")):
            raise _bad("quiet_hours", "免打扰时段应为 {start: \"HH:MM\", end: \"HH:MM\"}",
                       "quiet hours are {start: \"HH:MM\", end: \"HH:MM\"}")
        quiet = {"start": quiet["start"], "end": quiet["end"]}
    return {"events": out_events, "quiet_hours": quiet}


def save(conn, user_id: int, body, now) -> dict:
    prefs = clean(body)
    if conn.execute(sa.select(T.c.user_id).where(T.c.user_id == user_id)).first():
        conn.execute(T.update().where(T.c.user_id == user_id).values(prefs=prefs, updated_at=now))
    else:
        conn.execute(T.insert().values(user_id=user_id, prefs=prefs, updated_at=now))
    return prefs
