"""A job carries the cause chain of the write that enqueued it, and the writes it makes
continue that chain: the depth limit stops a loop that goes through jobs (a write whose
handler enqueues a job that makes the same write again), and the audit says what caused
each write. SQLite and PostgreSQL."""
from __future__ import annotations

import sqlalchemy as sa

from samples import install
from trellis.kernel.actor import Actor
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.security.audit import history, verify
from trellis.storage.models import job as JOBS


def test_a_loop_through_jobs_stops_at_the_depth_limit(engine):
    rt = Runtime(engine, ttl=0, clock=SimulatedClock())
    install(rt)
    clients = rt.records("demo", "client")

    def bump(client_id):
        c = clients.get(client_id)
        clients.update(client_id, {"equity": (c["equity"] or 0) + 1, "version": c["version"]})

    def on_update(ctx):  # every change of a client asks for another one, a moment later
        for r in ctx.records:
            ctx.enqueue("test.bump", [r["id"]])
    rt.jobs.register("test.bump", bump, max_attempts=1)
    rt.lifecycle.subscribe("after_update", on_update, name="bump_again")

    c = clients.create({"name": "甲", "equity": 0})
    rt.records("demo", "client", Actor(id=7, username="alice", is_admin=True)).update(c["id"], {"equity": 1})
    for _ in range(20):
        if not rt.jobs.run_due():
            break
    limit = rt.max_cause_depth
    assert clients.get(c["id"])["equity"] == 1 + (limit - 1)   # alice's write, then a job's per link left

    with rt.engine.connect() as conn:
        jobs = conn.execute(sa.select(JOBS.c.state, JOBS.c.last_error, JOBS.c.cause).order_by(JOBS.c.id)).all()
        entries = history(conn, "demo", "client", c["id"])
    assert [j.state for j in jobs] == ["done"] * (limit - 1) + ["dead"]
    assert "cause_too_deep" in jobs[-1].last_error or "caused one another" in jobs[-1].last_error
    assert len(jobs[-1].cause) == limit
    latest = entries[0]
    assert latest["cause"][0] == {"kind": "user", "id": 7, "label": "alice"}
    assert latest["cause"][1:] == [{"kind": "handler", "id": "test.bump", "label": "test.bump"}] * (limit - 1)
    assert verify(rt.engine)["ok"]
