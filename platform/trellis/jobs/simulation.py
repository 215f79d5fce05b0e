"""`trellis jobs run --until TIME [--simulate]`: run what is due up to a time. With
`--simulate` the runtime's clock is set to each job's `run_at` in turn (a timer three
days out runs now, and sees "now" as three days later); allowed only on an instance that
holds demo data (`trellis seed ... --clients N` records it) or with TRELLIS_SIMULATION=1,
since it runs the future's work today. Without it, the command works in real time: it
runs jobs as they fall due until that time comes (a foreground worker), then stops."""
from __future__ import annotations

import os
import time
from datetime import datetime

import sqlalchemy as sa

from ..kernel.errors import Forbidden
from ..kernel.simulated_clock import SimulatedClock
from ..storage.database import writing
from ..storage.models import state as STATE

DEMO_KEY = "demo_data"


def mark_demo(engine: sa.Engine) -> None:
    """Record that this instance holds generated demo data."""
    with writing(engine) as conn:
        if conn.execute(sa.select(STATE.c.value).where(STATE.c.key == DEMO_KEY)).first() is None:
            conn.execute(STATE.insert().values(key=DEMO_KEY, value=1))


def simulation_allowed(engine: sa.Engine) -> bool:
    if os.environ.get("TRELLIS_SIMULATION") == "1":
        return True
    with engine.connect() as conn:
        return bool(conn.execute(sa.select(STATE.c.value).where(STATE.c.key == DEMO_KEY)).scalar())


def run_until(runtime, until: datetime, *, simulate: bool = False, on_job=None) -> dict:
    """Run jobs due up to `until`; answers {"ran": n, "now": the clock at the end}."""
    jobs = runtime.jobs
    if not simulate:
        ran = 0
        while True:
            ran += jobs.dispatcher.drain()
            now = runtime.clock.now()
            if now >= until:
                break
            nxt = jobs.store.next_run_at()
            wait = (until - now).total_seconds() if nxt is None else (min(nxt, until) - now).total_seconds()
            time.sleep(min(max(wait, 0.01), jobs.scheduler.poll))
        return {"ran": ran, "now": runtime.clock.now(), "simulated": False}
    if not simulation_allowed(runtime.engine):
        raise Forbidden("模拟时间只能用于装有演示数据的实例(trellis seed --clients N),或设置 TRELLIS_SIMULATION=1",
                        "simulated time runs only on an instance holding demo data (trellis seed --clients N) "
                        "or with TRELLIS_SIMULATION=1", code="simulation_refused")
    real = runtime.clock
    clock = real if isinstance(real, SimulatedClock) else SimulatedClock(real.now())
    with jobs.scheduler.paused():
        runtime.clock = clock
        try:
            ran = _simulate(jobs, clock, until, on_job)
        finally:
            if clock is not real:
                runtime.clock = real
    return {"ran": ran, "now": until, "simulated": True}


def _simulate(jobs, clock: SimulatedClock, until: datetime, on_job) -> int:
    ran = 0
    while True:
        nxt = jobs.store.next_run_at()
        if nxt is None or nxt > until:
            break
        clock.set(nxt)
        n = jobs.dispatcher.run_due()
        if not n:  # due, yet held by another worker: nothing more to do here
            break
        ran += n
        if on_job is not None:
            on_job(clock.now(), n)
    clock.set(until)
    return ran
