"""Scheduled delivery of dashboards (定时推送) on both databases, with a real SMTP server on
loopback (aiosmtpd): publishing arms the next due time; the simulated clock moves past it,
the tick sends each recipient one mail with their own figures (an account manager's count,
the administrator's total), the charts as PNG images inline and the tiles named; a tick that
runs again, a republish and a send job run twice add no mail; a mail server that refuses at
first is retried and the mail arrives once; a delivery sent now applies its filter values
and language, and without channels goes by the recipient's routing; a body too large for a
message leaves charts out; bad definitions are refused naming the pointer. Over HTTP: the futures CRM's
weekly delivery sent now reaches its management role, for administrators only."""
from __future__ import annotations

import email
import email.policy
import socket
import struct
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask_appbuilder.security.sqla import models as fab_models

from trellis.flows.calendar import to_local
from trellis.kernel.errors import DefinitionInvalid, Forbidden, NotFound
from trellis.reports import chart_png
from trellis.reports.delivery import DUE, SEND
from trellis.storage import models

APP = "demo"
REPORTS = [
    {"schema_version": 1, "id": "clients_total", "label": {"zh": "客户总数", "en": "All clients"}, "form": "client",
     "measures": [{"id": "clients", "agg": "count", "label": {"zh": "客户数", "en": "Clients"}}],
     "chart": {"type": "kpi"}},
    {"schema_version": 1, "id": "clients_by_risk", "label": {"zh": "风险等级分布", "en": "By risk level"},
     "form": "client", "dimensions": [{"field": "risk_level"}],
     "measures": [{"id": "clients", "agg": "count", "label": {"zh": "客户数", "en": "Clients"}}],
     "sort": [{"by": "risk_level"}], "chart": {"type": "bar"}},
    {"schema_version": 1, "id": "equity_table", "label": {"zh": "权益明细", "en": "Equity"}, "form": "client",
     "dimensions": [{"field": "risk_level"}],
     "measures": [{"id": "equity", "agg": "sum", "field": "equity", "label": {"zh": "权益", "en": "Equity"},
                   "format": "money"}],
     "sort": [{"by": "risk_level"}], "chart": {"type": "table"}},
]
WEEKLY = {"id": "weekly", "every": "week", "weekday": 1, "at": "08:30",
          "recipients": {"users": ["root"], "roles": ["am"]}, "channels": ["email"]}
DAILY_C1 = {"id": "daily_c1", "every": "day", "at": "07:00", "recipients": {"users": ["root"]},
            "channels": ["email"], "values": {"risk": ["C1"]}, "lang": "en"}
ROUTED = {"id": "routed", "every": "month", "day": 1, "at": "09:00", "recipients": {"users": ["ann"]}}
DASHBOARD = {
    "schema_version": 1, "id": "overview", "label": {"zh": "客户概览", "en": "Overview"},
    "filters": [{"id": "risk", "label": {"zh": "风险等级", "en": "Risk"}, "type": "select", "field": "risk_level"}],
    "tiles": [{"id": "total", "report": "clients_total", "x": 0, "y": 0, "w": 4, "h": 3},
              {"id": "by_risk", "report": "clients_by_risk", "x": 4, "y": 0, "w": 8, "h": 4},
              {"id": "equity", "report": "equity_table", "x": 0, "y": 4, "w": 12, "h": 4}],
    "deliveries": [WEEKLY, DAILY_C1, ROUTED],
}
PNG = b"\x89PNG\r\n\x1a\n"


# -- a mail server on loopback -------------------------------------------------------------------
class Mailbox:
    """An aiosmtpd handler keeping what arrived; it answers 451 to the first `refuse` mails."""

    def __init__(self, refuse: int = 0):
        self.mails: list = []
        self.refuse = refuse

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        self.mails.append(email.message_from_bytes(envelope.original_content or envelope.content,
                                                  policy=email.policy.default))
        return "250 2.0.0 Ok: queued"

    def to(self, address: str) -> list:
        return [m for m in self.mails if m["To"].addresses[0].addr_spec == address]


@contextmanager
def smtp_server(refuse: int = 0):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = Mailbox(refuse)
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


# -- the world -------------------------------------------------------------------------------------
def _setup(rt, port: int) -> None:
    """The reports and the dashboard published, an administrator `root`, the email channel."""
    users, roles, link = fab_models.User.__table__, fab_models.Role.__table__, fab_models.assoc_user_role
    with rt.engine.begin() as conn:
        admin = conn.execute(roles.insert().values(name="Admin").returning(roles.c.id)).scalar_one()
        rt.ids["root"] = conn.execute(users.insert().values(
            username="root", first_name="root", last_name="", email="root@example.com", active=True, password="x")
            .returning(users.c.id)).scalar_one()
        conn.execute(link.insert().values(user_id=rt.ids["root"], role_id=admin))
    for body in REPORTS:
        rt.store.save_draft(APP, "report", body["id"], body)
        rt.publish(APP, "report", body["id"])
    with rt.transaction() as conn:
        rt.notify.channels.save(conn, APP, "email", {"type": "email", "config": {
            "host": "127.0.0.1", "port": port, "security": "none", "from_address": "robot@example.cn", "timeout": 5}},
                                None, rt.clock.now())
    rt.store.save_draft(APP, "dashboard", "overview", DASHBOARD)
    rt.publish(APP, "dashboard", "overview")


def _jobs(rt, name: str) -> list[dict]:
    t = models.job
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(t).where(t.c.name == name).order_by(t.c.id)).mappings()]


def _count(rt, manager: int | None) -> int:
    where = "" if manager is None else f" AND manager = {int(manager)}"
    with rt.engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM demo__client WHERE deleted_at IS NULL{where}")).scalar()


def _parts(mail) -> tuple[str, str, list[bytes]]:
    """(text, HTML, PNG images) of a received mail."""
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    images = [p.get_content() for p in mail.walk() if p.get_content_type() == "image/png"]
    return text, html, images


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _monday_0830(rt) -> datetime:
    """The first Monday 08:30 (Asia/Shanghai) after the world's clock, server-local."""
    return to_local(datetime(2026, 12, 14, 8, 30), rt.timezone)


# -- the schedule ------------------------------------------------------------------------------------
def test_the_tick_sends_each_recipient_their_own_figures_once(world):
    rt = world
    with smtp_server() as (box, port):
        _setup(rt, port)
        armed = [j for j in _jobs(rt, DUE) if j["args"]["delivery"] == "weekly"]
        due = _monday_0830(rt)
        assert [(j["run_at"], j["args"]["due"]) for j in armed] == [(due, "2026-12-14T08:30")]
        rt.publish(APP, "dashboard", "overview")                          # published again: nothing new armed
        assert len([j for j in _jobs(rt, DUE) if j["args"]["delivery"] == "weekly"]) == 1

        rt.clock.set(due - timedelta(minutes=1))
        rt.jobs.run_due()
        assert box.mails == []                                            # not yet
        rt.clock.set(due + timedelta(seconds=5))
        rt.jobs.run_due()
        assert sorted(m["To"].addresses[0].addr_spec for m in box.mails) == [
            "ann@example.com", "bob@example.com", "root@example.com"]

        ann, bob = rt.ids["ann"], rt.ids["bob"]
        for login, count in (("ann", _count(rt, ann)), ("bob", _count(rt, bob)), ("root", _count(rt, None))):
            (mail,) = box.to(f"{login}@example.com")
            text, html, images = _parts(mail)
            assert mail["Subject"].startswith("客户概览")
            assert f"【客户总数】客户数 {count}" in text and "数据更新于" in text
            for title in ("客户总数", "风险等级分布", "权益明细", "数据更新于"):
                assert title in html
            assert "data:image" not in html and html.count("cid:") == 1 == len(images)   # the bar chart, inline
            width, height = _png_size(images[0])
            assert width == chart_png.WIDTH * chart_png.SCALE and height > 100
        assert 0 < _count(rt, ann) < _count(rt, None) and _count(rt, ann) != _count(rt, bob)

        # the tick again (a second worker, a restart), the send job again: no second mail
        (tick,) = [j for j in _jobs(rt, DUE) if j["args"] == {"app": APP, "dashboard": "overview", "delivery": "weekly",
                                                                "due": "2026-12-14T08:30"}]
        assert tick["state"] == "done"
        assert rt.deliveries.due(APP, "overview", "weekly", "2026-12-14T08:30")["jobs"] == []
        assert rt.jobs.enqueue(DUE, tick["args"], key=tick["key"]) is None
        sends = [j for j in _jobs(rt, SEND) if j["args"]["due"] == "2026-12-14T08:30"]
        assert len(sends) == 3 and all(j["state"] == "done" for j in sends)
        again = rt.deliveries.send(**sends[0]["args"])
        assert again == {"skipped": "sent"}
        rt.jobs.run_due()
        assert len(box.mails) == 3
        # the next Monday is armed
        nxt = [j["args"]["due"] for j in _jobs(rt, DUE) if j["args"]["delivery"] == "weekly" and j["state"] == "queued"]
        assert nxt == ["2026-12-21T08:30"]


def test_a_refusing_mail_server_is_retried_and_the_mail_arrives_once(world):
    rt = world
    with smtp_server(refuse=1) as (box, port):
        _setup(rt, port)
        admin = rt.viewers["root"] = _actor(rt, "root")
        jobs = rt.deliveries.send_now(APP, "overview", "daily_c1", admin)
        assert len(jobs) == 1
        rt.jobs.run_due()
        assert box.mails == []
        d = models.delivery
        with rt.engine.connect() as conn:
            (state, attempts), = conn.execute(sa.select(d.c.state, d.c.attempts).where(d.c.to == "root@example.com")).all()
        assert (state, attempts) == ("retrying", 1)
        rt.clock.advance(timedelta(seconds=30))                           # past the delivery job's backoff
        rt.jobs.run_due()
        (mail,) = box.mails
        with rt.engine.connect() as conn:
            log = [r.status for r in conn.execute(sa.select(models.delivery_log.c.status)
                                                  .order_by(models.delivery_log.c.id))]
        assert log == ["transient", "sent"]
        text, html, images = _parts(mail)
        c1 = sum(1 for i in range(60) if i % 5 == 0)                      # the delivery's filter: risk C1 only
        assert mail["Subject"].startswith("Overview") and "Figures as of" in text
        assert f"【All clients】Clients {c1}" in text and len(images) == 1
        rt.clock.advance(timedelta(minutes=30))
        rt.jobs.run_due()
        assert len(box.mails) == 1


def _actor(rt, login):
    from trellis.imports.batches import actor_for

    with rt.engine.connect() as conn:
        return actor_for(conn, rt.ids[login], login)


def test_sending_now_is_for_administrators_and_without_channels_the_routing_chooses(world):
    rt = world
    with smtp_server() as (box, port):
        _setup(rt, port)
        with pytest.raises(Forbidden):
            rt.deliveries.send_now(APP, "overview", "weekly", rt.viewers["ann"])
        with pytest.raises(NotFound) as missing:
            rt.deliveries.send_now(APP, "overview", "nope", _actor(rt, "root"))
        assert missing.value.details == {"dashboard": "overview", "delivery": "nope"}
        assert len(rt.deliveries.send_now(APP, "overview", "weekly", _actor(rt, "root"))) == 3
        # no channels named: the recipient's routing chooses (the app's one channel that reaches them)
        assert len(rt.deliveries.send_now(APP, "overview", "routed", _actor(rt, "root"))) == 1
        rt.jobs.run_due()
        (mail,) = box.to("ann@example.com")[-1:]
        assert len(box.mails) == 4 and f"【客户总数】客户数 {_count(rt, rt.ids['ann'])}" in _parts(mail)[0]


# -- checks --------------------------------------------------------------------------------------------
def _problems(call) -> dict:
    with pytest.raises(DefinitionInvalid) as bad:
        call()
    out = {p["pointer"]: p for p in bad.value.errors}
    assert all(set(p["message"]) == {"zh", "en"} and p["pointer"] in p["message"]["en"] for p in out.values())
    return out


def test_bad_deliveries_are_refused_naming_the_pointer(world):
    rt = world
    for body in REPORTS:
        rt.store.save_draft(APP, "report", body["id"], body)
        rt.publish(APP, "report", body["id"])
    bad = dict(DASHBOARD, deliveries=[
        {"id": "a", "every": "week", "at": "25:00", "recipients": {}, "values": {"nope": [1], "risk": {"x": 1}}},
        {"id": "a", "every": "day", "at": "7:60", "day": 3, "recipients": {"users": ["ann"]}},
        {"id": "m", "every": "month", "at": "06:00", "recipients": {"roles": ["am"]}}])
    found = _problems(lambda: rt.store.save_draft(APP, "dashboard", "overview", bad))
    assert {p: found[p]["code"] for p in found} == {
        "/deliveries/0/at": "bad_time", "/deliveries/0/weekday": "required", "/deliveries/0/recipients": "no_recipient",
        "/deliveries/0/values/nope": "unknown_filter", "/deliveries/0/values/risk": "malformed",
        "/deliveries/1/id": "duplicate", "/deliveries/1/at": "bad_time", "/deliveries/1/day": "not_applicable",
        "/deliveries/2/day": "required"}
    assert "25:00" in found["/deliveries/0/at"]["message"]["zh"]
    schema = _problems(lambda: rt.store.save_draft(APP, "dashboard", "overview", dict(DASHBOARD, deliveries=[
        dict(WEEKLY, every="hourly", channels=["fax"])])))
    assert {"/deliveries/0/every", "/deliveries/0/channels/0"} <= set(schema)
    unknown = dict(DASHBOARD, deliveries=[dict(WEEKLY, recipients={"users": ["ann", "nobody"], "roles": ["am", "ghost"]})])
    rt.store.save_draft(APP, "dashboard", "overview", unknown)                  # the shape is right
    found = _problems(lambda: rt.publish(APP, "dashboard", "overview"))         # who receives it is not
    assert {p: found[p]["code"] for p in found} == {"/deliveries/0/recipients/users/1": "unknown_user",
                                                    "/deliveries/0/recipients/roles/1": "unknown_role"}
    assert _jobs(rt, DUE) == []                                                 # nothing armed by a refused publish


# -- over HTTP, on the futures CRM's seed -------------------------------------------------------------
def test_the_seeded_weekly_delivery_sent_now_reaches_management(crm, login):
    rt = crm.extensions["trellis"]
    base = "/api/v1/apps/futures_crm/dashboards/service_quality/deliveries"
    body = rt.store.published("futures_crm", "dashboard", "service_quality")[0]
    assert body["deliveries"] == [{"id": "weekly_management", "every": "week", "weekday": 1, "at": "08:30",
                                   "recipients": {"roles": ["management"]}, "channels": ["email"]}]
    assert login("am0001").post(f"{base}/weekly_management/send").status_code == 403
    r = login("admin").post(f"{base}/nope/send")
    assert r.status_code == 404 and set(r.get_json()["message"]) == {"zh", "en"}
    with rt.jobs.scheduler.paused():
        r = login("admin").post(f"{base}/weekly_management/send")
        assert r.status_code == 202, r.get_json()
        jobs = r.get_json()["jobs"]
        assert jobs
        rt.jobs.run_due()
    with rt.engine.connect() as conn:
        members = conn.execute(sa.text(
            "SELECT u.email FROM ab_user u JOIN ab_user_role ur ON ur.user_id = u.id JOIN ab_role r ON r.id = ur.role_id "
            "WHERE r.name = :role AND u.active"), {"role": "futures_crm.management"}).scalars().all()
        o, d = models.outbox, models.delivery
        sent = conn.execute(sa.select(o.c.recipient, o.c.body).join(d, d.c.id == o.c.delivery_id).where(
            d.c.app == "futures_crm", d.c.event == "dashboard_delivery", o.c.channel_type == "email",
            d.c.id.in_(sa.select(d.c.id).where(d.c.dedupe.like("%weekly_management:now-%"))))).all()
    assert len(jobs) == len(members) and sorted(to for to, _ in sent) == sorted(members)
    assert all("【本月 NPS】" in text and "数据更新于" in text for _, text in sent)


def test_a_body_too_large_for_a_message_leaves_charts_out_and_keeps_their_figures(world, monkeypatch):
    from trellis.reports import snapshot

    rt = world
    with smtp_server() as (_box, port):
        _setup(rt, port)
    root = _actor(rt, "root")
    whole = snapshot.build(rt, APP, "overview", root)
    assert len(whole.images) == 1 and "data:image/png;base64," in whole.html
    monkeypatch.setattr(snapshot, "MAX_HTML", len(whole.html) - 1)
    cut = snapshot.build(rt, APP, "overview", root)
    assert cut.images == [] and "data:image" not in cut.html and "图表未附上" in cut.html
    assert len(cut.html) <= len(whole.html) - 1 and cut.html.count("<table") == whole.html.count("<table")
    assert [t["image"] for t in cut.tiles] == [False, False, False]
