"""A worker killed after the provider accepted a message but before the delivery log
recorded it does not deliver it twice: the delivery was marked `sending` (its attempt
counted) before the call; the job's lease expires and another worker runs it again,
calling the provider with the same idempotency key (here the webhook's Idempotency-Key
header), which is how the provider recognises the message it already has. The receiver
below kills the worker the moment the first request arrives."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from crm_notify import client_with, deliveries
from receiver import Answer, Receiver
from trellis.storage import models

import sqlalchemy as sa

WORKER = Path(__file__).resolve().parent / "notify_worker.py"
APP = "futures_crm"


def test_a_killed_worker_does_not_send_twice(nrt, crm_app):
    nrt.clock.set(datetime.now().replace(microsecond=0), allow_back=True)  # the worker runs on the real clock
    client = client_with(nrt)
    worker = {}

    def kill_the_worker(request):
        if len(rx.requests) == 1:            # the provider has the message; the worker never hears back
            os.kill(worker["proc"].pid, signal.SIGKILL)
        return Answer.ok({"accepted": True})

    with Receiver(kill_the_worker) as rx:
        with nrt.transaction() as conn:
            nrt.notify.channels.save(conn, APP, "push", {"type": "webhook", "config": {
                "url": rx.url("/push"), "secret": "whsec-0123456789"}}, None, nrt.clock.now())
        out = nrt.notify.send(APP, "deposit_arrived", recipients=[{"client": True}], form="client",
                              record=client["id"], only="push")
        [row] = deliveries(nrt, message_id=out["message_id"])
        proc = subprocess.Popen([sys.executable, str(WORKER), crm_app.config["TRELLIS_HOME"]],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        worker["proc"] = proc
        assert proc.stdout.readline().startswith("READY")
        proc.wait(timeout=60)
        assert proc.returncode == -signal.SIGKILL
        lost = deliveries(nrt, id=row["id"])[0]
        assert lost["state"] == "sending" and lost["attempts"] == 1           # called, never logged
        with nrt.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(models.delivery_log)
                                .where(models.delivery_log.c.delivery_id == row["id"])).scalar() == 0
        nrt.clock.advance(timedelta(minutes=5))                                # past the dead worker's lease
        assert nrt.jobs.run_due() == 1
        assert len(rx.requests) == 2 and rx.distinct_keys == 1                # the same key both times
        assert {r.header("Idempotency-Key") for r in rx.requests} == {row["key"]}
    done = deliveries(nrt, id=row["id"])[0]
    assert done["state"] == "sent" and done["attempts"] == 2 and "same idempotency key" in done["note"]
