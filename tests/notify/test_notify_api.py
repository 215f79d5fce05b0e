"""The notification endpoints: channel types and an app's channels for administrators
(secrets never returned, a bad configuration named field by field), a channel's test
landing in the caller's message center, the bell's count and marking read, sending
through the routing into the outbox (the contract other tools read), template preview
and template errors naming the line, and each user's settings."""
from __future__ import annotations

import sqlalchemy as sa

from crm_app import logins
from trellis.storage import models

APP = "/api/v1/apps/futures_crm"


def test_channel_types_and_the_plugins_that_provide_them(crm, api):
    types = {t["type"]: t for t in api.get("/api/v1/notify/channel-types").get_json()["items"]}
    assert {"outbox", "inapp", "email", "sms", "wecom", "dingtalk", "webhook"} <= set(types)
    assert types["email"]["config_schema"]["properties"]["password"]["writeOnly"] is True
    plugins = {p["name"]: p for p in api.get("/api/v1/plugins").get_json()["items"]}
    assert plugins["outbox"]["provides"] == {"channels": ["outbox"]}
    assert plugins["inapp"]["provides"] == {"channels": ["inapp"]}


def test_channels_never_show_a_secret(crm, api, nrt):
    listed = {c["name"]: c for c in api.get(f"{APP}/channels").get_json()["items"]}
    assert {"email", "sms", "push", "wecom", "dingtalk", "inapp"} <= set(listed)
    assert listed["sms"]["type"] == "outbox" and listed["inapp"]["type"] == "inapp"
    body = {"type": "email", "label": {"zh": "邮件", "en": "Email"},
            "config": {"host": "127.0.0.1", "port": 2525, "security": "none", "username": "mailer",
                       "password": "pa55-word-secret", "from_address": "crm@example.com"}}
    r = api.put(f"{APP}/channels/mail", json=body)
    assert r.status_code == 200, r.get_json()
    assert "pa55-word-secret" not in r.get_data(as_text=True)
    assert r.get_json()["secrets_set"] == ["password"] and r.get_json()["config"]["host"] == "127.0.0.1"
    with nrt.engine.connect() as conn:
        stored = conn.execute(sa.select(models.channel.c.config).where(models.channel.c.name == "mail")).scalar()
    assert "pa55-word-secret" not in stored and "mailer" not in stored
    listed = api.get(f"{APP}/channels").get_data(as_text=True)
    assert "pa55-word-secret" not in listed
    bad = api.put(f"{APP}/channels/mail", json={"type": "email", "config": {"host": "", "port": "x"}})
    assert bad.status_code == 422
    fields = {e["field"] for e in bad.get_json()["errors"]}
    assert "config.port" in fields and all(e["message"]["zh"] and e["message"]["en"] for e in bad.get_json()["errors"])
    assert api.put(f"{APP}/channels/mail", json={"type": "carrier_pigeon"}).status_code == 400
    assert api.put(f"{APP}/channels/Bad-Name", json={"type": "outbox"}).status_code == 400
    assert api.delete(f"{APP}/channels/mail").status_code == 204
    assert api.delete(f"{APP}/channels/mail").status_code == 404


def test_only_administrators_manage_channels(crm):
    am = logins(crm)("am0001")
    assert am.get(f"{APP}/channels").status_code == 403
    assert am.get(f"{APP}/deliveries").status_code == 403
    assert am.get(f"{APP}/outbox").status_code == 403
    assert am.post(f"{APP}/channels/inapp/test", json={}).status_code == 403
    assert am.get("/api/v1/me/messages/unread").status_code == 200


def test_a_channel_test_reaches_the_bell_and_the_delivery_log(crm, api, nrt):
    before = api.get("/api/v1/me/messages/unread").get_json()["unread"]
    r = api.post(f"{APP}/channels/inapp/test", json={})
    assert r.status_code == 200, r.get_json()
    delivery = r.get_json()
    assert delivery["state"] == "sent" and delivery["channel"] == "inapp" and delivery["log"][0]["status"] == "sent"
    assert api.get("/api/v1/me/messages/unread").get_json()["unread"] == before + 1
    listed = api.get("/api/v1/me/messages?state=unread").get_json()
    newest = listed["items"][0]
    assert newest["title"].startswith("Trellis 测试消息") and listed["unread"] == before + 1
    read = api.post(f"/api/v1/me/messages/{newest['id']}/read").get_json()
    assert read["read_at"] is not None
    assert api.get("/api/v1/me/messages/unread").get_json()["unread"] == before
    assert api.get(f"{APP}/deliveries/{delivery['id']}").get_json()["read_at"] is not None  # the activity signal
    log = api.get(f"{APP}/deliveries?channel=inapp").get_json()
    assert log["items"][0]["id"] == delivery["id"] and log["counts"]["sent"] >= 1
    sms = api.post(f"{APP}/channels/sms/test", json={"to": "13800000000"}).get_json()
    assert sms["state"] == "sent" and sms["to"] == "13800000000"
    with nrt.engine.connect() as conn:  # delivered in the request: no job a worker could run beside it
        jobs = conn.execute(sa.select(sa.func.count()).select_from(models.job)
                            .where(models.job.c.name == "notify.deliver")).scalar()
    assert jobs == 0
    assert api.post("/api/v1/me/messages/read-all").get_json() == {"unread": 0}
    assert api.post("/api/v1/me/messages/999999999/read").status_code == 404
    assert api.post(f"{APP}/channels/nope/test", json={}).status_code == 404


def test_sending_lands_in_the_outbox_with_each_channel_type(crm, api, nrt):
    with nrt.engine.connect() as conn:
        t = nrt.form("futures_crm", "client").table
        client = conn.execute(sa.select(t.c.id, t.c.name).where(t.c.email.is_not(None)).limit(1)).first()
    r = api.post(f"{APP}/notify", json={"template": "margin_call", "form": "client", "record": client.id,
                                        "recipients": [{"client": True}]})
    assert r.status_code == 201, r.get_json()
    nrt.jobs.run_due()
    out = api.get(f"{APP}/outbox?record={client.id}&form=client").get_json()["items"]
    assert {"sms", "push", "email"} <= {i["channel_type"] for i in out}
    item = out[0]
    assert set(item) >= {"channel_type", "recipient", "subject", "body", "urgency", "form", "record", "created_at"}
    assert item["urgency"] == "high" and item["form"] == "client" and item["record"] == client.id
    assert client.name in item["body"]
    ids = [i["id"] for i in out]
    assert ids == sorted(ids, reverse=True)                                  # newest first
    bad = api.post(f"{APP}/notify", json={"template": "margin_call", "recipients": [{"nobody": 1}]})
    assert bad.status_code == 400 and bad.get_json()["details"]["field"] == "recipients[0]"
    assert api.post(f"{APP}/notify", json={"template": "no_such", "recipients": [{"user": 1}]}).status_code == 404


def test_template_preview_and_errors_naming_the_line(crm, api, nrt):
    with nrt.engine.connect() as conn:
        t = nrt.form("futures_crm", "client").table
        client = conn.execute(sa.select(t.c.id, t.c.name).limit(1)).first()
    template = {"id": "hello", "label": {"zh": "问候"}, "form": "client",
                "subject": {"zh": "您好 {{ record.name }}", "en": "Hello {{ record.name }}"},
                "body": {"zh": "风险等级:{{ record.risk_level }}", "en": "Risk: {{ record.risk_level }}"}}
    r = api.post(f"{APP}/templates/preview", json={"template": template, "record": client.id, "lang": "en"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["subject"] == f"Hello {client.name}"
    broken = dict(template, body={"zh": "第一行\n{% if record.name %}\n没有结束"})
    r = api.post(f"{APP}/templates/preview", json={"template": broken, "record": client.id})
    assert r.status_code == 422 and "line 3" in str(r.get_json())
    r = api.put("/api/v1/apps/futures_crm/definitions/template/hello",
                json={"schema_version": 1, **broken})
    assert r.status_code == 422
    assert any(e["pointer"] == "/body/zh" and "line 3" in e["message"]["en"] for e in r.get_json()["errors"])
    assert api.post(f"{APP}/templates/preview", json={"template": template, "record": 10**12}).status_code == 404


def test_my_notification_settings(crm, api):
    got = api.get("/api/v1/me/notify-settings").get_json()
    assert {"margin_call", "deposit_arrived"} <= {e["key"] for e in got["available"]["events"]}
    assert "inapp" in got["available"]["channels"]
    body = {"events": {"deposit_arrived": ["inapp"]}, "quiet_hours": {"start": "22:00", "end": "07:30"}}
    saved = api.put("/api/v1/me/notify-settings", json=body).get_json()
    assert saved["events"] == body["events"] and saved["quiet_hours"] == body["quiet_hours"]
    bad = api.put("/api/v1/me/notify-settings", json={"quiet_hours": {"start": "25:00", "end": "07:00"}})
    assert bad.status_code == 400 and bad.get_json()["details"]["field"] == "quiet_hours"
    assert api.put("/api/v1/me/notify-settings", json={"events": {"x": "email"}}).status_code == 400


def test_a_records_messages_for_whoever_may_read_it(crm, api, nrt):
    from crm_notify import client_with

    client = client_with(nrt)
    nrt.notify.send("futures_crm", "deposit_arrived", recipients=[{"client": True}], form="client", record=client["id"])
    url = f"{APP}/forms/client/records/{client['id']}/messages"
    admin = api.get(url).get_json()["items"]
    assert admin[0]["event"] == "deposit_arrived" and admin[0]["to"]
    users = logins(crm)
    manager = nrt.users_by_id(nrt.engine.connect(), [client["account_manager"]])[client["account_manager"]]["username"]
    mine = users(manager).get(url)
    assert mine.status_code == 200
    item = mine.get_json()["items"][0]
    assert item["subject"] == admin[0]["subject"] and "to" not in item and "body" not in item
    other = next(u for u in ("am0001", "am0002") if u != manager)
    assert users(other).get(url).status_code in (403, 404)     # not their client: not even the messages


def test_bad_input_is_named_never_a_500(crm, api):
    for body, field in (({"template": "margin_call", "recipients": [{"user": 10**20}]}, "recipients[0]"),
                        ({"template": "margin_call", "recipients": [{"department": "x"}]}, "recipients[0]"),
                        ({"template": "margin_call", "recipients": [{"user": True}]}, "recipients[0]"),
                        ({"template": "margin_call", "recipients": [], "record": 10**30}, "record"),
                        ({"template": "margin_call", "recipients": [{"user": 1}], "urgency": "urgent"}, "urgency"),
                        ({"template": "margin_call", "recipients": "everyone"}, "recipients")):
        r = api.post(f"{APP}/notify", json=body)
        assert r.status_code == 400, (body, r.get_json())
        got = r.get_json()
        assert (got.get("details") or {}).get("field", (got.get("details") or {}).get("param")) == field, got
        assert got["message"]["zh"] and got["message"]["en"]
    r = api.post(f"{APP}/templates/preview", json={"template": {"id": "x", "label": {"zh": "x"}, "subject": {"zh": "x"},
                                                                "body": {"zh": "x"}, "form": "client"}, "record": -1})
    assert r.status_code == 400


def test_a_read_receipt_makes_a_channel_the_most_active(crm, api, nrt):
    from crm_notify import client_with, deliveries

    client = client_with(nrt)
    first = nrt.notify.send("futures_crm", "deposit_arrived", recipients=[{"client": True}], form="client",
                            record=client["id"], dedupe="a")
    assert deliveries(nrt, message_id=first["message_id"])[0]["channel"] != "email"  # by stated preference
    email = nrt.notify.send("futures_crm", "deposit_arrived", recipients=[{"client": True}], form="client",
                            record=client["id"], dedupe="b", only="email")
    [mail] = deliveries(nrt, message_id=email["message_id"])
    r = api.post(f"{APP}/deliveries/{mail['id']}/answered")
    assert r.status_code == 200 and r.get_json()["read_at"] is not None
    third = nrt.notify.send("futures_crm", "deposit_arrived", recipients=[{"client": True}], form="client",
                            record=client["id"], dedupe="c")
    assert deliveries(nrt, message_id=third["message_id"])[0]["channel"] == "email"  # read there: most active
    assert api.post(f"{APP}/deliveries/999999999/answered").status_code == 404
    assert logins(crm)("am0001").post(f"{APP}/deliveries/{mail['id']}/answered").status_code == 403
