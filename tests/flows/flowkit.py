"""Helpers of the flow tests: a runtime on a simulated clock with the demo app, flows
saved and published in one call, and the jobs run up to a time."""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from samples import install
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.storage.models import flow_run, flow_step

START = datetime(2026, 3, 2, 9, 0)  # a Monday


def make_runtime(engine, start: datetime = START) -> Runtime:
    rt = Runtime(engine, ttl=0, secret="test-instance-secret", clock=SimulatedClock(start))
    install(rt)
    return rt


def flow(key: str, trigger: dict, steps: list, **options) -> dict:
    return {"schema_version": 1, "id": key, "label": {"zh": key, "en": key}, "form": "client", "trigger": trigger,
            "steps": steps, **options}


def publish(rt, *bodies, app: str = "demo") -> None:
    for body in bodies:
        rt.store.save_draft(app, "flow", body["id"], body)
        rt.publish(app, "flow", body["id"])


def run_jobs(rt, until: datetime | None = None, days: float | None = None) -> int:
    """Run every job due up to `until` (or the clock plus `days`), moving the clock to each."""
    clock = rt.clock
    until = until or clock.now() + timedelta(days=days or 0)
    ran = 0
    while True:
        nxt = rt.jobs.store.next_run_at()
        if nxt is None or nxt > until:
            break
        if nxt > clock.now():
            clock.set(nxt)
        n = rt.jobs.dispatcher.run_due()
        if not n:
            break
        ran += n
    if until > clock.now():
        clock.set(until)
    return ran


def client(rt, **values) -> dict:
    values.setdefault("name", "张三")
    return rt.records("demo", "client", SYSTEM).create(values)


def runs(rt, flow_key: str | None = None) -> list[dict]:
    with rt.engine.connect() as conn:
        stmt = sa.select(flow_run).order_by(flow_run.c.id)
        if flow_key:
            stmt = stmt.where(flow_run.c.flow == flow_key)
        return [dict(r) for r in conn.execute(stmt).mappings()]


def steps(rt, run_id: int) -> list[dict]:
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(flow_step).where(flow_step.c.run_id == run_id)
                                              .order_by(flow_step.c.seq)).mappings()]


def path(rt, run_id: int) -> list[str]:
    return [s["node"] for s in steps(rt, run_id) if s["result"] in ("ok", "waiting", "failed")]
