"""Routing by urgency, on the futures CRM with its seed's routing, templates and demo
channels, on a simulated clock: high goes everywhere at once with a call task and is
never held; medium takes the most active channel, else the stated preference; low is held
by quiet hours, capped per day and deduplicated; a user's own settings apply."""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from crm_notify import MONDAY_10, client_with, deliveries, shanghai
from trellis.storage import models

APP = "futures_crm"


def test_high_urgency_goes_out_on_every_channel_at_once_with_a_call_task(nrt):
    client = client_with(nrt)
    follow_up = nrt.form(APP, "follow_up").table
    with nrt.engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(follow_up)).scalar()
    nrt.clock.set(shanghai(datetime(2026, 12, 7, 23, 30)))  # inside quiet hours: high is never held
    out = nrt.notify.send(APP, "margin_call", recipients=[{"client": True}, {"field": "account_manager"}],
                          form="client", record=client["id"])
    rows = deliveries(nrt, message_id=out["message_id"])
    to_client = {r["channel"] for r in rows if r["recipient_key"].startswith("record:")}
    assert {"sms", "push", "email"} <= to_client            # mobile and email of the client
    assert ("wecom" in to_client) == bool(client["wecom_external_id"])
    assert {r["channel"] for r in rows if r["recipient_key"].startswith("user:")} == {"email", "inapp"}
    assert all(r["state"] == "queued" and r["run_at"] == nrt.clock.now() for r in rows)
    assert nrt.jobs.run_due() == len(rows)
    assert {r["state"] for r in deliveries(nrt, message_id=out["message_id"])} == {"sent"}
    with nrt.engine.connect() as conn:
        kept = conn.execute(sa.select(models.outbox.c.channel_type, models.outbox.c.recipient, models.outbox.c.body)
                            .where(models.outbox.c.record == client["id"])).all()
        task = conn.execute(sa.select(follow_up).order_by(follow_up.c.id.desc()).limit(1)).mappings().first()
        after = conn.execute(sa.select(sa.func.count()).select_from(follow_up)).scalar()
    assert {k for k, _, _ in kept} >= {"sms", "push", "email"}
    sms = next(body for kind, _, body in kept if kind == "sms")
    assert sms.startswith("【期货公司】") and client["name"] in sms      # the SMS variant of the template
    assert after == before + 1 and task["client"] == client["id"] and task["by"] == client["account_manager"]
    assert task["method"] == "phone"


def test_medium_takes_the_preferred_channel_then_the_most_active_one(nrt):
    client = client_with(nrt)
    first = nrt.notify.send(APP, "deposit_arrived", recipients=[{"client": True}], form="client", record=client["id"])
    [row] = deliveries(nrt, message_id=first["message_id"])
    prefs = {"app_push": "push", "wechat": "wecom"}
    stated = [prefs.get(p, p) for p in client["channel_preference"] if prefs.get(p, p) in
              ("push", "wecom", "sms", "email", "inapp")]
    reachable = [c for c in stated if c != "wecom" or client["wecom_external_id"]]
    assert row["channel"] == (reachable[0] if reachable else "push")
    assert row["fallbacks"] and row["channel"] not in row["fallbacks"]
    # the client reads what came by email: email becomes their most active channel
    with nrt.transaction() as conn:
        conn.execute(models.delivery.update().where(models.delivery.c.id == row["id"])
                     .values(channel="email", read_at=nrt.clock.now()))
    second = nrt.notify.send(APP, "deposit_arrived", recipients=[{"client": True}], form="client", record=client["id"],
                             dedupe="second")
    assert deliveries(nrt, message_id=second["message_id"])[0]["channel"] == "email"


def test_low_is_held_by_quiet_hours_and_sent_after_them(nrt):
    client = client_with(nrt)
    nrt.clock.set(shanghai(datetime(2026, 12, 7, 22, 30)))
    out = nrt.notify.send(APP, "research_digest", recipients=[{"client": True}], form="client", record=client["id"],
                          data={"title": "螺纹钢周报", "summary": "库存下降"})
    [row] = deliveries(nrt, message_id=out["message_id"])
    assert row["state"] == "held" and row["channel"] == "email" and "08:00" in row["note"]
    assert row["run_at"] == shanghai(datetime(2026, 12, 8, 8, 0))
    assert nrt.jobs.run_due() == 0                                  # nothing goes out at night
    nrt.clock.set(shanghai(datetime(2026, 12, 8, 8, 0)))
    assert nrt.jobs.run_due() == 1
    [row] = deliveries(nrt, message_id=out["message_id"])
    assert row["state"] == "sent" and row["subject"] == "螺纹钢周报"


def test_low_is_capped_per_day_and_deduplicated(nrt):
    client = client_with(nrt)

    def digest(title):
        out = nrt.notify.send(APP, "research_digest", recipients=[{"client": True}], form="client",
                              record=client["id"], data={"title": title}, dedupe=title)
        return deliveries(nrt, message_id=out["message_id"])[0]

    assert digest("a")["state"] == "queued"
    again = digest("a")
    assert again["state"] == "skipped" and "24" in again["note"]     # the same within 24 h
    assert [digest(t)["state"] for t in ("b", "c", "d")] == ["queued", "queued", "skipped"]
    assert "3" in deliveries(nrt, dedupe="d")[0]["note"]             # the daily cap of 3
    nrt.clock.advance(timedelta(days=1))
    assert digest("e")["state"] == "queued"                          # a new day


def test_a_users_own_channel_choice_and_quiet_hours_apply(nrt):
    client = client_with(nrt)
    manager = client["account_manager"]
    with nrt.transaction() as conn:
        from trellis.notify import prefs

        prefs.save(conn, manager, {"events": {"deposit_arrived": ["email"]},
                                   "quiet_hours": {"start": "09:00", "end": "18:00"}}, nrt.clock.now())
    out = nrt.notify.send(APP, "deposit_arrived", recipients=[{"user": manager}], form="client", record=client["id"])
    [row] = deliveries(nrt, message_id=out["message_id"])
    assert row["channel"] == "email" and row["state"] == "held"
    assert row["run_at"] == shanghai(MONDAY_10.replace(hour=18))
    high = nrt.notify.send(APP, "margin_call", recipients=[{"user": manager}], form="client", record=client["id"])
    assert {r["state"] for r in deliveries(nrt, message_id=high["message_id"])} == {"queued"}


def test_recipients_by_role_department_head_and_fixed_address(nrt):
    from trellis.notify.recipients import resolve

    with nrt.engine.connect() as conn:
        managers = resolve(conn, APP, [{"role": "account_manager"}])
        dept = conn.execute(sa.select(models.department.c.id, models.department.c.manager_id)
                            .where(models.department.c.manager_id.is_not(None)).limit(1)).first()
        head = resolve(conn, APP, [{"department": dept.id, "head": True}])
        fixed = resolve(conn, APP, [{"address": "ops@example.com", "channel": "email"}, {"user": dept.manager_id}])
    assert len(managers) >= 2 and all(m["kind"] == "user" for m in managers)
    assert [h["user_id"] for h in head] == [dept.manager_id]
    assert fixed[0]["contacts"] == {"*": "ops@example.com"} and len(fixed) == 2


def test_which_contact_a_channel_sends_to_follows_its_type_and_configuration(nrt):
    from trellis.notify.routing import address_kind, reach

    types = nrt.registries.channels
    assert address_kind("sms", types.get("outbox"), {}) == "mobile"           # the outbox keeps the medium's
    assert address_kind("push", types.get("outbox"), {}) == "mobile"
    assert address_kind("inapp", types.get("inapp"), {}) == "user"
    assert address_kind("alerts", types.get("webhook"), {"url": "http://127.0.0.1:9"}) is None
    assert address_kind("wecom", types.get("wecom"), {"mode": "app"}) == "wecom"
    assert address_kind("risk_group", types.get("wecom"), {"mode": "robot"}) is None   # a group robot
    client = {"contacts": {"mobile": "13800000000"}, "preference": []}
    assert reach(client, "sms", "mobile") == (True, "13800000000")
    assert reach(client, "wecom", "wecom") == (False, None)
    assert reach(client, "risk_group", None) == (True, None)


def test_a_send_reads_only_the_fields_its_texts_and_recipients_need(nrt):
    from trellis.notify.rendering import fields_used

    assert fields_used(["{{ record.name }} {{ raw['equity'] }}", "{{ related.account_manager.title }}"]) == {
        "name", "equity", "account_manager"}
    assert fields_used(["{{ record }}"]) is None                       # the whole record: every field
    assert fields_used(["{% for k in record %}{{ k }}{% endfor %}"]) is None
    assert fields_used(["no record here", None]) == set()
    client = client_with(nrt)
    whole = {"id": "dump", "label": {"zh": "全部"}, "subject": {"zh": "{{ record.name }}"},
             "body": {"zh": "{{ record['risk_level'] }}|{{ record }}"}}
    out = nrt.notify.send(APP, whole, recipients=[{"client": True}], form="client", record=client["id"], only="sms")
    [row] = deliveries(nrt, message_id=out["message_id"])
    assert row["subject"] == client["name"] and "'equity'" in row["body"]  # every field was read
