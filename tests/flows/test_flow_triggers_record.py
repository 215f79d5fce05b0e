"""Triggers on record values, on both databases: a field changed from / to values; a
threshold fires once when its condition turns true and re-arms when it turns false
(by writes, batched writes as imports make, and by the scan for values changed in SQL
without a write); a save-time problem names the trigger's bad configuration."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from flowkit import client, flow, make_runtime, publish, run_jobs, runs
from trellis.kernel.actor import SYSTEM
from trellis.kernel.errors import DefinitionInvalid

SET = [{"id": "s", "type": "set_variable", "name": "seen", "value": True}]


def test_field_changed_from_any_to_a_value_and_by_rule(engine):
    rt = make_runtime(engine)
    publish(rt, flow("to_c5", {"type": "field_changed", "field": "risk_level", "to": "C5"}, SET),
            flow("down", {"type": "field_changed", "field": "equity", "on_create": True,
                          "from": {">": [{"var": "value"}, 100]}, "to": {"<=": [{"var": "value"}, 100]}}, SET))
    svc = rt.records("demo", "client", SYSTEM)
    c = client(rt, risk_level="C5", equity=500)  # a create is no change unless on_create
    c = svc.update(c["id"], {"risk_level": "C4", "equity": 200})
    c = svc.update(c["id"], {"risk_level": "C5", "equity": 50})
    c = svc.update(c["id"], {"note": "no change of either field"})
    client(rt, equity=10)  # on_create: from null (not > 100)
    run_jobs(rt)
    (r1,) = runs(rt, "to_c5")
    assert r1["context"]["event"] == {"type": "update", "field": "risk_level", "from": "C4", "to": "C5"}
    (r2,) = runs(rt, "down")
    assert r2["context"]["event"]["from"] == 200 and r2["context"]["event"]["to"] == 50
    assert r2["state"] == "done"


def test_a_threshold_fires_once_and_rearms_by_writes_and_batches(engine):
    rt = make_runtime(engine)
    publish(rt, flow("margin", {"type": "threshold", "condition": {">=": [{"var": "margin"}, 0.8]}}, SET))
    svc = rt.records("demo", "client", SYSTEM)
    c = client(rt, margin=0.5)
    for m in (0.85, 0.9, 0.95):  # crossing once, then staying above: one run
        c = svc.update(c["id"], {"margin": m})
    assert len(runs(rt, "margin")) == 1
    c = svc.update(c["id"], {"margin": 0.7})  # re-armed
    c = svc.update(c["id"], {"margin": 0.81})
    assert len(runs(rt, "margin")) == 2
    others = [client(rt, margin=0.1) for _ in range(3)]
    svc.update_rows([{"id": o["id"], "margin": 0.9} for o in others])  # the import path: one batch
    svc.update_rows([{"id": o["id"], "margin": 0.92} for o in others])
    assert len(runs(rt, "margin")) == 5
    assert {r["record_id"] for r in runs(rt, "margin")[2:]} == {o["id"] for o in others}


def test_the_threshold_scan_sees_values_changed_without_a_write(engine):
    rt = make_runtime(engine)
    above = client(rt, margin=0.9)
    below = client(rt, margin=0.1)
    publish(rt, flow("scan", {"type": "threshold", "condition": {">": [{"var": "margin"}, 0.8]}, "scan_every": 30},
                     SET))
    run_jobs(rt)  # the first scan: the record already past the threshold fires
    assert [r["record_id"] for r in runs(rt, "scan")] == [above["id"]]

    def set_margin(rid, value):  # as a rollup refreshed in SQL: no write through the records
        with rt.transaction() as conn:
            conn.execute(sa.text("update demo__client set margin = :m where id = :i"), {"m": value, "i": rid})

    set_margin(below["id"], 0.95)
    run_jobs(rt, days=0.01)  # 14 minutes: before the next scan
    assert len(runs(rt, "scan")) == 1
    run_jobs(rt, days=0.02)
    assert [r["record_id"] for r in runs(rt, "scan")] == [above["id"], below["id"]]
    run_jobs(rt, days=0.1)
    assert len(runs(rt, "scan")) == 2  # still above: no second run
    set_margin(above["id"], 0.2)
    run_jobs(rt, days=0.05)  # the scan re-arms it
    set_margin(above["id"], 0.99)
    run_jobs(rt, days=0.05)
    assert [r["record_id"] for r in runs(rt, "scan")] == [above["id"], below["id"], above["id"]]


def test_bad_trigger_configurations_are_save_time_problems(engine):
    rt = make_runtime(engine)
    cases = [
        ({"type": "field_changed"}, "/trigger"),
        ({"type": "threshold", "condition": {">": [{"var": "margin"}, 1]}, "scan_every": 1}, "/trigger/scan_every"),
        ({"type": "schedule", "cron": "every day at nine"}, "/trigger/cron"),
        ({"type": "schedule", "cron": "0 0 9 * * *"}, "/trigger/cron"),
        ({"type": "webhook", "secret": "short"}, "/trigger/secret"),
        ({"type": "date_relative", "field": "opened_at", "offset": {"amount": 1, "unit": "weeks"}},
         "/trigger/offset/unit"),
    ]
    for trigger, pointer in cases:
        with pytest.raises(DefinitionInvalid) as e:
            rt.store.save_draft("demo", "flow", "bad", flow("bad", trigger, SET))
        problems = e.value.to_dict()["errors"]
        assert pointer in [p["pointer"] for p in problems], (trigger, problems)
    rt.store.save_draft("demo", "flow", "bad", flow("bad", {"type": "field_changed", "field": "nope"}, SET))
    with pytest.raises(DefinitionInvalid) as e:
        rt.publish("demo", "flow", "bad")
    assert "nope" in str(e.value.to_dict())


# -- webhooks, through the session app (SQLite) ------------------------------------------------
HOOK_APP = "hookdemo"
SECRET = "s3cret-of-the-hook-2026"
HOOK = f"/api/v1/hooks/flows/{HOOK_APP}/inbound"


@pytest.fixture(scope="module")
def hooked(app):
    from samples import APP, BROKER, CLIENT, DEAL, install

    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(HOOK_APP, "app", HOOK_APP) is None:
            install(rt, BROKER, CLIENT, DEAL, app=dict(APP, id=HOOK_APP))
        for body in (flow("inbound", {"type": "webhook", "secret": SECRET, "record": "/client_id",
                                      "map": {"amount": "/order/amount", "first": "/items/0"}}, SET),
                     flow("off", {"type": "webhook", "secret": SECRET}, SET, enabled=False)):
            rt.store.save_draft(HOOK_APP, "flow", body["id"], body)
            rt.publish(HOOK_APP, "flow", body["id"])
        c = rt.records(HOOK_APP, "client", SYSTEM).create({"name": "李四"})
    return rt, c


def _run(rt, run_id):
    from trellis.storage.models import flow_run

    with rt.engine.connect() as conn:
        return dict(conn.execute(sa.select(flow_run).where(flow_run.c.id == run_id)).mappings().one())


def test_a_webhook_starts_a_run_with_mapped_variables_once_per_idempotency_key(app, hooked):
    import hashlib
    import hmac
    import json

    rt, c = hooked
    web = app.test_client()
    payload = {"client_id": c["id"], "order": {"amount": 12.5}, "items": ["rb2610"]}
    headers = {"X-Trellis-Secret": SECRET, "Idempotency-Key": "delivery-1"}
    r = web.post(HOOK, json=payload, headers=headers)
    assert r.status_code == 202, r.get_json()
    run = _run(rt, r.get_json()["run"])
    assert run["record_id"] == c["id"] and run["context"]["vars"] == {"amount": 12.5, "first": "rb2610"}
    assert run["context"]["event"]["payload"] == payload
    again = web.post(HOOK, json=payload, headers=headers)  # a retried delivery: the same run
    assert again.status_code == 202 and again.get_json()["run"] == run["id"]
    raw = json.dumps({"client_id": c["id"]}).encode()
    sig = "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    signed = web.post(HOOK, data=raw, headers={"X-Trellis-Signature": sig, "Content-Type": "application/json"})
    assert signed.status_code == 202 and signed.get_json()["run"] not in (None, run["id"])


def test_a_webhook_refuses_bad_secrets_bodies_and_flows(app, hooked):
    rt, c = hooked
    web = app.test_client()
    good = {"X-Trellis-Secret": SECRET}
    cases = [
        (HOOK, {"client_id": c["id"]}, {"X-Trellis-Secret": "wrong-secret-of-the-hook"}, 403, "bad_secret"),
        (HOOK, {"client_id": c["id"]}, {"X-Trellis-Signature": "sha256=00ff"}, 403, "bad_secret"),
        (HOOK, {"client_id": c["id"]}, {}, 403, "bad_secret"),
        (HOOK, b"{not json", good, 400, "malformed"),
        (HOOK, [1, 2], good, 400, "malformed"),
        (HOOK, {"client_id": 999999}, good, 400, "unknown_record"),
        (HOOK, b"x" * (256 * 1024 + 1), good, 413, None),
        (f"/api/v1/hooks/flows/{HOOK_APP}/off", {}, good, 404, "unknown_hook"),
        (f"/api/v1/hooks/flows/{HOOK_APP}/nothing", {}, good, 404, "unknown_hook"),
    ]
    for url, body, headers, status, code in cases:
        kw = {"data": body, "content_type": "application/json"} if isinstance(body, bytes) else {"json": body}
        r = web.post(url, headers=headers, **kw)
        assert r.status_code == status, (url, body, r.get_json())
        answer = r.get_json()
        assert answer["message"]["zh"] and answer["message"]["en"]
        if code:
            assert answer["code"] == code


def test_a_threshold_rescans_only_what_moves_without_a_write(engine):
    rt = make_runtime(engine)
    publish(rt, flow("plain", {"type": "threshold", "condition": {">": [{"var": "margin"}, 0.8]}}, SET),
            flow("aging", {"type": "threshold", "condition": {"<": [{"var": "opened_at"}, {"today": []}]}}, SET))
    run_jobs(rt, days=0.1)
    with rt.engine.connect() as conn:
        queued = conn.execute(sa.text("SELECT args FROM trellis_jobs WHERE name = 'flows.trigger' AND state = 'queued'"))
        flows_queued = sorted({(a if isinstance(a, dict) else json.loads(a))["flow"] for (a,) in queued})
    assert flows_queued == ["aging"]  # margin moves by writes alone; "today" moves by itself
