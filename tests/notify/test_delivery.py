"""Delivery through a real HTTP receiver on loopback (the webhook channel): retries with
backoff on transient errors with the same idempotency key each time, the fallback channel
on a permanent error or when retries run out, a log row per attempt; channel
configurations sealed at rest and never shown."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from crm_notify import client_with, deliveries
from receiver import Answer, Receiver
from trellis.kernel.errors import Conflict
from trellis.notify.delivery import MAX_ATTEMPTS
from trellis.notify.sealing import unseal
from trellis.storage import models

APP = "futures_crm"
SECRET = "whsec-0123456789"


def _webhook_as(rt, name: str, url: str) -> None:
    with rt.transaction() as conn:
        rt.notify.channels.save(conn, APP, name, {"type": "webhook", "config": {"url": url, "secret": SECRET}},
                                None, rt.clock.now())


def _log(rt, delivery_id) -> list[dict]:
    t = models.delivery_log
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(t).where(t.c.delivery_id == delivery_id).order_by(t.c.id)).mappings()]


def _drain(rt, rounds: int = 12) -> None:
    """Run what is due, moving the clock past every backoff."""
    for _ in range(rounds):
        rt.jobs.run_due()
        rt.clock.advance(timedelta(minutes=15))


def test_transient_errors_are_retried_with_the_same_key_until_sent(nrt):
    client = client_with(nrt)
    with Receiver([Answer.transient(), Answer.transient(429), Answer.ok()]) as rx:
        _webhook_as(nrt, "push", rx.url("/push"))
        out = nrt.notify.send(APP, "margin_call", recipients=[{"client": True}], form="client", record=client["id"])
        [push] = deliveries(nrt, message_id=out["message_id"], channel="push")
        nrt.jobs.run_due()
        assert deliveries(nrt, id=push["id"])[0]["state"] == "retrying"
        assert nrt.jobs.run_due() == 0                       # not before its backoff
        _drain(nrt)
        assert len(rx.requests) == 3 and rx.distinct_keys == 1  # one message, recognisable as one
        assert rx.requests[0].header("Idempotency-Key") == push["key"]
    row = deliveries(nrt, id=push["id"])[0]
    assert row["state"] == "sent" and row["attempts"] == 3
    assert [a["status"] for a in _log(nrt, push["id"])] == ["transient", "transient", "sent"]
    assert all(a["latency_ms"] is not None for a in _log(nrt, push["id"]))


def test_a_permanent_error_falls_back_to_the_next_channel(nrt):
    client = client_with(nrt)
    with Receiver([Answer.permanent()]) as rx:
        for name in ("push", "wecom", "sms"):  # every channel the client may prefer refuses
            _webhook_as(nrt, name, rx.url(f"/{name}"))
        out = nrt.notify.send(APP, "deposit_arrived", recipients=[{"client": True}], form="client", record=client["id"])
        _drain(nrt)
    rows = deliveries(nrt, message_id=out["message_id"])
    failed = [r for r in rows if r["state"] == "failed"]
    assert failed and all(r["attempts"] == 1 for r in failed)    # a permanent error is not retried
    last = rows[-1]
    assert last["state"] == "sent" and last["channel"] == "email" and "fallback" in last["note"]
    assert len(rows) == len(failed) + 1 and len({r["key"] for r in rows}) == len(rows)


def test_transient_errors_past_the_limit_fail_over(nrt):
    client = client_with(nrt)
    with Receiver([Answer.transient()]) as rx:
        for name in ("push", "wecom", "sms"):
            _webhook_as(nrt, name, rx.url(f"/{name}"))
        out = nrt.notify.send(APP, "deposit_arrived", recipients=[{"client": True}], form="client", record=client["id"])
        _drain(nrt, rounds=40)
    rows = deliveries(nrt, message_id=out["message_id"])
    assert rows[0]["state"] == "failed" and rows[0]["attempts"] == MAX_ATTEMPTS
    assert len(_log(nrt, rows[0]["id"])) == MAX_ATTEMPTS
    assert rows[-1]["state"] == "sent" and rows[-1]["channel"] == "email"


def test_channel_configurations_are_sealed_and_never_shown(nrt):
    _webhook_as(nrt, "push", "http://127.0.0.1:9/never")
    with nrt.engine.connect() as conn:
        row = nrt.notify.channels.row(conn, APP, "push")
        shown = nrt.notify.channels.public(conn, row, nrt.clock.now())
    assert SECRET not in row["config"] and "127.0.0.1" not in row["config"]   # encrypted at rest
    assert "secret" not in shown["config"] and shown["secrets_set"] == ["secret"]
    assert shown["config"]["url"] == "http://127.0.0.1:9/never"
    assert unseal(nrt.secret, row["config"])["secret"] == SECRET
    with pytest.raises(Conflict) as e:
        unseal("another-instance-secret", row["config"], "push")
    assert "push" in e.value.message["en"] and SECRET not in str(e.value.message)
    # saving without the secret keeps it
    with nrt.transaction() as conn:
        nrt.notify.channels.save(conn, APP, "push", {"type": "webhook", "config": {"url": "http://127.0.0.1:9/other"}},
                                 None, nrt.clock.now())
        kept = nrt.notify.channels.config(nrt.notify.channels.row(conn, APP, "push"))
    assert kept == {"url": "http://127.0.0.1:9/other", "secret": SECRET}


def test_a_bad_configuration_is_refused_naming_the_field_without_the_secret(nrt):
    from trellis.kernel.errors import ValidationFailed

    with nrt.transaction() as conn, pytest.raises(ValidationFailed) as e:
        nrt.notify.channels.save(conn, APP, "push", {"type": "webhook", "config": {"url": "ftp://x", "secret": "short"}},
                                 None, nrt.clock.now())
    fields = {err["field"] for err in e.value.errors}
    assert fields == {"config.url", "config.secret"}
    assert "short" not in str([err["message"] for err in e.value.errors])
