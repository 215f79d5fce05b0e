"""Scheduled delivery of dashboards (定时推送): a dashboard's `deliveries` send a snapshot of it
(reports/snapshot.py) every day, week or month at a time of the instance's zone, to users and
the members of roles, each recipient seeing the figures of their own scope, through the
notification service on the delivery's channels (or the recipient's routing).

Timing is the flows' schedule's way (flows/triggers/schedule.py): publishing a dashboard
arms, per delivery, a `reports.delivery_due` job at its next due time (croniter on the
zone's wall clock), keyed by dashboard, delivery and due time, so publishing again with the
same schedule arms nothing new. That job (the tick) checks the due time is still one of the
delivery's (a changed schedule has armed its own), enqueues one `reports.delivery_send` job
per recipient keyed by dashboard, delivery, due time and recipient, and arms the next due
time after the later of this one and now (a stopped server sends a missed time once, within
GRACE, and does not replay the others). So a tick that runs twice, a restart or a second
worker send nothing twice. The send job builds the snapshot as the recipient and hands it to
`runtime.notify` in one transaction that first looks for a delivery of the same snapshot
(its dedupe key): a job run again after its send committed sends nothing. A failure is the
jobs layer's to retry (and, after the last attempt, a dead job in the jobs list); a mail
server that fails is the notification's delivery job's (retried with backoff, logged).

A channel whose destination is configured (a WeCom or DingTalk group robot) posts each
recipient's snapshot to its group: name such a channel only for recipients who see the same
figures.

    delivery_problems(body), recipient_problems(conn, app, body, store): the kind's checks
    Deliveries(runtime): on_publish (a store listener), due / send (the jobs), send_now"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

import sqlalchemy as sa

from ..flows.calendar import to_local, to_wall
from ..flows.triggers.schedule import next_fire
from ..imports.batches import actor_for
from ..kernel.errors import Forbidden, NotFound
from ..notify.recipients import USERS, resolve
from ..storage import models
from .dashboards import PRESETS
from .periods import parse_range
from .report_kind import problem

DUE = "reports.delivery_due"
SEND = "reports.delivery_send"
GRACE = timedelta(hours=12)   # a due time missed while the server was down is still sent within it
TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
TEMPLATE = {"id": "dashboard_delivery", "urgency": "medium",
            "subject": {"zh": "{{ data.subject }}"}, "body": {"zh": "{{ data.text }}"},
            "html": {"zh": "{{ data.html|safe }}"}}


def _key(*parts) -> str:
    """A job key or dedupe text of at most 200 characters (a long one by its hash)."""
    text = ":".join(str(p) for p in parts)
    return text if len(text) <= 200 else f"{parts[0]}:{hashlib.sha256(text.encode()).hexdigest()}"


def cron_of(d: dict) -> str:
    """The delivery's schedule as a cron text (minute hour day month weekday)."""
    hour, minute = (int(x) for x in TIME.match(d["at"]).groups())
    if d["every"] == "week":
        return f"{minute} {hour} * * {int(d.get('weekday') or 1) % 7}"
    if d["every"] == "month":
        return f"{minute} {hour} {int(d.get('day') or 1)} * *"
    return f"{minute} {hour} * * *"


# -- checks (the dashboard kind's) -----------------------------------------------------------
def delivery_problems(body: dict) -> list[dict]:
    """Each delivery's shape: unique ids, a real time, the day its period needs, someone to
    send to, filter values for the dashboard's filters."""
    out = []
    filters = {f["id"]: f for f in body.get("filters") or []}
    ids = [d["id"] for d in body.get("deliveries") or []]
    for i, d in enumerate(body.get("deliveries") or []):
        at = f"/deliveries/{i}"
        if d["id"] in ids[:i]:
            out.append(problem(f"{at}/id", "duplicate", f"标识 {d['id']} 重复", f"id {d['id']} is used twice"))
        m = TIME.match(d["at"])
        if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            out.append(problem(f"{at}/at", "bad_time", f"时间 {d['at']} 无效,应为 00:00–23:59",
                                f"time {d['at']} is not a time of day 00:00–23:59"))
        if d["every"] == "week" and "weekday" not in d:
            out.append(problem(f"{at}/weekday", "required", "每周推送需要星期几(1 周一 … 7 周日)",
                                "a weekly delivery needs its weekday (1 Monday … 7 Sunday)"))
        if d["every"] == "month" and "day" not in d:
            out.append(problem(f"{at}/day", "required", "每月推送需要日期(1–28)", "a monthly delivery needs its day (1–28)"))
        for name, every in (("weekday", "week"), ("day", "month")):
            if name in d and d["every"] != every:
                out.append(problem(f"{at}/{name}", "not_applicable", f"只有 every 为 {every} 时才能设置 {name}",
                                    f"{name} is for every {every} only"))
        who = d.get("recipients") or {}
        if not who.get("users") and not who.get("roles"):
            out.append(problem(f"{at}/recipients", "no_recipient", "至少需要一个收件用户或角色",
                                "at least one user or role receives it"))
        for fid, value in (d.get("values") or {}).items():
            out += _value_problems(f"{at}/values/{fid}", filters.get(fid), fid, value)
    return out


def _value_problems(pointer: str, flt: dict | None, fid: str, value) -> list[dict]:
    if flt is None:
        return [problem(pointer, "unknown_filter", f"仪表盘没有筛选 {fid}", f"the dashboard has no filter {fid}")]
    if value in (None, [], ""):
        return []
    if flt["type"] == "date_range":
        if (isinstance(value, str) and value in PRESETS) or (not isinstance(value, str) and parse_range(value)):
            return []
        return [problem(pointer, "malformed", f"应为日期区间 [开始, 结束] 或 {'、'.join(PRESETS)}",
                         f"a date range [start, end] or one of {', '.join(PRESETS)}")]
    items = value if isinstance(value, list) else [value]
    if all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in items):
        return []
    return [problem(pointer, "malformed", "应为值的列表", "a list of values")]


def recipient_problems(conn, app: str, body: dict, store) -> list[dict]:
    """Roles that are not the app's published roles, users that do not exist."""
    out = []
    names = {u for d in body.get("deliveries") or [] for u in (d.get("recipients") or {}).get("users") or []}
    known = set()
    if names and sa.inspect(conn).has_table("ab_user"):
        known = set(conn.execute(sa.select(USERS.c.username).where(USERS.c.username.in_(sorted(names)))).scalars())
    for i, d in enumerate(body.get("deliveries") or []):
        who = d.get("recipients") or {}
        for j, role in enumerate(who.get("roles") or []):
            if store.published(app, "role", role, conn) is None:
                out.append(problem(f"/deliveries/{i}/recipients/roles/{j}", "unknown_role",
                                    f"角色 {role} 不存在或未发布", f"role {role} does not exist or is not published"))
        for j, name in enumerate(who.get("users") or []):
            if name not in known:
                out.append(problem(f"/deliveries/{i}/recipients/users/{j}", "unknown_user",
                                    f"用户 {name} 不存在", f"user {name} does not exist"))
    return out


class Deliveries:
    """`runtime.deliveries`: arming, ticking and sending the dashboards' deliveries."""

    def __init__(self, runtime):
        self.rt = runtime

    # -- timing ------------------------------------------------------------------------------
    def on_publish(self, conn, action, app, kind, key, before, after, user_id, note=None) -> None:
        """A published dashboard arms each delivery's next due time."""
        if action != "definition.publish" or kind != "dashboard" or not after:
            return
        now = self.rt.clock.now()
        for d in after.get("deliveries") or []:
            self.arm(conn, app, key, d, now)

    def arm(self, conn, app: str, key: str, d: dict, after_local: datetime) -> int | None:
        wall = next_fire({"cron": cron_of(d)}, after_local, self.rt.timezone)
        if wall is None:
            return None
        due = wall.isoformat(timespec="minutes")
        return self.rt.jobs.enqueue(DUE, {"app": app, "dashboard": key, "delivery": d["id"], "due": due},
                                    run_at=to_local(wall, self.rt.timezone), key=_key("dashboard.due", app, key, d["id"], due),
                                    app=app, conn=conn)

    def due(self, app: str, dashboard: str, delivery: str, due: str) -> dict:
        """The tick: the recipients' send jobs of one due time, and the next due time armed."""
        d = self._delivery(app, dashboard, delivery)
        wall = datetime.fromisoformat(due)
        zone = self.rt.timezone
        if d is None or next_fire({"cron": cron_of(d)}, to_local(wall - timedelta(minutes=1), zone), zone) != wall:
            return {"skipped": "changed"}  # removed, or its schedule changed (that armed its own)
        now = self.rt.clock.now()
        with self.rt.transaction() as conn:
            late = now - to_local(wall, zone) > GRACE
            jobs = [] if late else self.fan_out(conn, app, dashboard, d, due)
            self.arm(conn, app, dashboard, d, max(to_local(wall, zone), now))
        return {"due": due, "jobs": jobs, "late": late}

    def recipients(self, conn, app: str, d: dict) -> list[int]:
        """The active users a delivery goes to: its users and its roles' members, once each."""
        who = d.get("recipients") or {}
        specs = [{"role": r} for r in who.get("roles") or []]
        if who.get("users") and sa.inspect(conn).has_table("ab_user"):
            specs += [{"user": i} for i in conn.execute(
                sa.select(USERS.c.id).where(USERS.c.username.in_(sorted(who["users"])))).scalars()]
        if not specs:
            return []
        return sorted({p["user_id"] for p in resolve(conn, app, specs) if p.get("user_id")})

    def fan_out(self, conn, app: str, dashboard: str, d: dict, due: str) -> list[int]:
        """One send job per recipient (keyed: a second fan-out of the same time adds none)."""
        out = []
        for user in self.recipients(conn, app, d):
            job = self.rt.jobs.enqueue(SEND, {"app": app, "dashboard": dashboard, "delivery": d["id"], "due": due,
                                              "user": user},
                                       key=_key("dashboard.send", app, dashboard, d["id"], due, user), app=app, conn=conn)
            if job is not None:
                out.append(job)
        return out

    def send_now(self, app: str, dashboard: str, delivery: str, actor) -> list[int]:
        """Send a delivery now, outside its schedule (administrators): its send jobs' ids."""
        if not actor.is_admin:
            raise Forbidden("只有系统管理员可以立即推送仪表盘", "only administrators send a dashboard now")
        d = self._delivery(app, dashboard, delivery)
        if d is None:
            self.rt.dashboards.definition(app, dashboard)  # 404 for the dashboard itself
            raise NotFound(f"仪表盘 {dashboard} 没有推送 {delivery}", f"dashboard {dashboard} has no delivery {delivery}",
                           details={"dashboard": dashboard, "delivery": delivery})
        now = to_wall(self.rt.clock.now(), self.rt.timezone).isoformat(timespec="seconds")
        with self.rt.transaction() as conn:
            return self.fan_out(conn, app, dashboard, d, f"now-{now}")

    def _delivery(self, app: str, dashboard: str, delivery: str) -> dict | None:
        found = self.rt.store.published(app, "dashboard", dashboard)
        return next((d for d in (found[0].get("deliveries") or []) if d["id"] == delivery), None) if found else None

    # -- sending -------------------------------------------------------------------------------
    def send(self, app: str, dashboard: str, delivery: str, due: str, user: int) -> dict:
        """One recipient's snapshot, built in their scope and sent (the send job)."""
        from .snapshot import build

        d = self._delivery(app, dashboard, delivery)
        if d is None:
            return {"skipped": "gone"}
        dedupe = _key("dashboard", app, dashboard, delivery, due, user)
        with self.rt.engine.connect() as conn:
            if _sent(conn, user, dedupe):
                return {"skipped": "sent"}
            try:
                actor = actor_for(conn, int(user), None)
            except NotFound:
                return {"skipped": "inactive"}
        shot = build(self.rt, app, dashboard, actor, d.get("values"), d.get("lang") or "zh")
        if not shot.tiles:
            return {"skipped": "nothing_readable"}
        data = {"subject": shot.subject, "text": shot.text, "html": shot.html, "dashboard": dashboard,
                "delivery": delivery, "due": due}
        messages = []
        with self.rt.transaction() as conn:
            if _sent(conn, user, dedupe):
                return {"skipped": "sent"}
            for only in d.get("channels") or [None]:
                found = self.rt.notify.send(app, TEMPLATE, recipients=[{"user": int(user)}], data=data, dedupe=dedupe,
                                            conn=conn, only=only)
                messages.append(found["message_id"])
        return {"messages": messages, "tiles": len(shot.tiles), "images": len(shot.images), "took_ms": shot.took_ms}


def _sent(conn, user, dedupe: str) -> bool:
    D = models.delivery
    return conn.execute(sa.select(D.c.id).where(D.c.recipient_key == f"user:{int(user)}", D.c.dedupe == dedupe)
                        .limit(1)).first() is not None


def install(runtime) -> None:
    """`runtime.deliveries`, its two jobs and the listener that arms a published dashboard's."""
    runtime.deliveries = Deliveries(runtime)
    runtime.jobs.register(DUE, runtime.deliveries.due, max_attempts=5, backoff=30.0)
    runtime.jobs.register(SEND, runtime.deliveries.send, max_attempts=5, backoff=60.0, backoff_cap=1800.0, lease=300.0)
    runtime.store.listeners.append(runtime.deliveries.on_publish)
