"""Routing: which channels a message of an urgency takes to one recipient, and when.

The rules are the app's `routing` definition (key `default`, metadata/routing.schema.json),
else `DEFAULT`: high urgency goes out on every channel that reaches the recipient at once,
never held; medium goes to the recipient's most active channel (read / answer signals of
the delivery log), else their stated preference, else the rule's order, the others kept as
fallbacks for a permanent failure; low goes by email or in-app, held during quiet hours
(21:00-08:00 in the routing's zone), at most `daily_cap` a day per recipient, and a message
with the same dedupe key within `dedupe_hours` is skipped.

`plan` decides for one recipient; it reads the delivery log for caps, dedupe and signals."""
from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from ..storage import models

D = models.delivery
DEFAULT = {
    "schema_version": 1, "id": "default", "timezone": "Asia/Shanghai",
    "urgencies": {
        "high": {"mode": "all", "channels": ["sms", "push", "wecom", "dingtalk", "email", "inapp"]},
        "medium": {"mode": "most_active", "channels": ["inapp", "wecom", "push", "sms", "email", "dingtalk"],
                   "fallback": True},
        "low": {"mode": "first", "channels": ["email", "inapp"], "quiet_hours": {"start": "21:00", "end": "08:00"},
                "daily_cap": 3, "dedupe_hours": 24},
    },
}
# which contact a channel named after a medium sends to, when its type does not say (outbox)
MEDIUM_ADDRESS = {"email": "email", "sms": "mobile", "push": "mobile", "wecom": "wecom", "dingtalk": "dingtalk",
                  "inapp": "user"}
SIGNAL_DAYS = 90


def address_kind(name: str, kind, config: dict) -> str | None:
    """Which contact channel `name` (of type `kind`, configured so) sends to; a channel
    named after a medium that its type leaves open (the outbox) sends to that medium's."""
    if kind.address is None and not kind.local:
        return None  # its destination is configured (a webhook)
    return kind.address_for(config) if kind.address is not None else MEDIUM_ADDRESS.get(name)


def reach(recipient: dict, name: str, wanted: str | None) -> tuple[bool, str | None]:
    """(can channel `name`, sending to contact `wanted`, reach the recipient; the address)."""
    contacts = recipient.get("contacts") or {}
    if "*" in contacts:  # a fixed address on the channel it names
        return name in recipient.get("preference", []), contacts["*"]
    if wanted is None:
        return True, None  # the destination is configured (a group robot, a webhook)
    value = contacts.get(wanted)
    return bool(value), value


def _clock(text: str) -> time:
    h, m = text.split(":")
    return time(int(h), int(m))


def release(now: datetime, quiet: dict | None, zone: str) -> datetime | None:
    """When a message held by quiet hours may go (server-local naive), or None if `now` is
    outside them."""
    if not quiet:
        return None
    here = now.astimezone(ZoneInfo(zone))
    start, end = _clock(quiet["start"]), _clock(quiet["end"])
    t = here.time()
    inside = (start <= t or t < end) if start > end else (start <= t < end)
    if not inside or start == end:
        return None
    day = here.date() + timedelta(days=1) if start > end and t >= start else here.date()
    out = datetime.combine(day, end, tzinfo=here.tzinfo)
    return out.astimezone().replace(tzinfo=None)


def day_bounds(at: datetime, zone: str) -> tuple[datetime, datetime]:
    here = at.astimezone(ZoneInfo(zone))
    start = datetime.combine(here.date(), time(0), tzinfo=here.tzinfo)
    return (start.astimezone().replace(tzinfo=None), (start + timedelta(days=1)).astimezone().replace(tzinfo=None))


def signals(conn, recipient_keys, now: datetime) -> dict[str, dict[str, int]]:
    """Read / answered deliveries per recipient and channel of the last 90 days: each
    recipient's activity, {recipient key: {channel: count}}."""
    out: dict[str, dict[str, int]] = {}
    keys = sorted(set(recipient_keys))
    for i in range(0, len(keys), 500):
        rows = conn.execute(sa.select(D.c.recipient_key, D.c.channel, sa.func.count()).where(
            D.c.recipient_key.in_(keys[i:i + 500]), D.c.read_at.is_not(None),
            D.c.created_at >= now - timedelta(days=SIGNAL_DAYS)).group_by(D.c.recipient_key, D.c.channel)).all()
        for key, channel, n in rows:
            out.setdefault(key, {})[channel] = int(n)
    return out


def order(rule: dict, recipient: dict, chosen: list[str] | None, activity: dict[str, int]) -> list[str]:
    """The rule's channels, ordered for this recipient (most active first for `most_active`,
    then their preference, then the rule's order), restricted to a user's own choice."""
    names = list(rule["channels"])
    if chosen:
        names = [n for n in names if n in chosen] or names
    preference = [p for p in recipient.get("preference") or [] if p in names]
    rank = {n: i for i, n in enumerate(preference + [n for n in names if n not in preference])}
    if rule["mode"] == "most_active":
        return sorted(names, key=lambda n: (-activity.get(n, 0), rank[n]))
    return sorted(names, key=lambda n: rank[n])


def plan(conn, *, rule: dict, urgency: str, recipient: dict, channels: dict, prefs: dict | None, event: str,
         dedupe: str, now: datetime, zone: str, activity: dict | None = None) -> list[dict]:
    """The deliveries for one recipient: [{"channel", "to", "run_at", "state", "note",
    "fallbacks"}]; state "queued", "held" (quiet hours) or "skipped" (cap, duplicate, no
    channel reaches them). `channels`: {name: (type, contact it sends to)};
    `activity`: the recipient's signals (read here when not given)."""
    high = urgency == "high"
    chosen = None
    if not high and rule.get("respect_preferences", True) and prefs:
        chosen = (prefs.get("events") or {}).get(event)
    if activity is None:
        activity = signals(conn, [recipient["key"]], now).get(recipient["key"], {}) if rule["mode"] == "most_active" else {}
    names = [n for n in order(rule, recipient, chosen, activity) if n in channels]
    reachable = [(n, to) for n in names for ok, to in [reach(recipient, n, channels[n][1])] if ok]
    if not reachable:
        return [{"channel": (names or rule["channels"])[0], "to": None, "run_at": now, "state": "skipped",
                 "note": "没有能联系到收件人的渠道 / no channel reaches this recipient", "fallbacks": []}]
    if not high:
        skip = _skip(conn, rule, urgency, recipient["key"], dedupe, now, zone)
        if skip:
            return [{"channel": reachable[0][0], "to": reachable[0][1], "run_at": now, "state": "skipped",
                     "note": skip, "fallbacks": []}]
    run_at, state, note = now, "queued", None
    if not high:
        quiet = (prefs or {}).get("quiet_hours") or rule.get("quiet_hours")
        held = release(now, quiet, zone)
        if held is not None:
            run_at, state = held, "held"
            note = f"免打扰时段,{quiet['end']} 后发送 / quiet hours: sent after {quiet['end']}"
    if rule["mode"] == "all":
        return [{"channel": n, "to": to, "run_at": run_at, "state": state, "note": note, "fallbacks": []}
                for n, to in reachable]
    first, rest = reachable[0], [n for n, _ in reachable[1:]]
    return [{"channel": first[0], "to": first[1], "run_at": run_at, "state": state, "note": note,
             "fallbacks": rest if rule.get("fallback", True) else []}]


def _skip(conn, rule: dict, urgency: str, recipient_key: str, dedupe: str, now: datetime, zone: str) -> str | None:
    hours = rule.get("dedupe_hours")
    if hours and dedupe:
        seen = conn.execute(sa.select(D.c.message_id).where(
            D.c.recipient_key == recipient_key, D.c.dedupe == dedupe, D.c.state != "skipped",
            D.c.created_at >= now - timedelta(hours=float(hours))).limit(1)).scalar()
        if seen is not None:
            return f"{hours} 小时内已发送过相同消息(#{seen})/ the same message was sent within {hours} h (#{seen})"
    cap = rule.get("daily_cap")
    if cap:
        start, end = day_bounds(now, zone)
        sent = conn.execute(sa.select(sa.func.count(sa.distinct(D.c.message_id))).where(
            D.c.recipient_key == recipient_key, D.c.urgency == urgency, D.c.state != "skipped",
            D.c.run_at >= start, D.c.run_at < end)).scalar()
        if sent >= cap:
            return f"已达每日上限 {cap} 条 / the daily cap of {cap} is reached"
    return None
