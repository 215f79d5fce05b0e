"""The shared simulated clock: simulated days across every process of an instance.

`trellis jobs run --until T --simulate` moves a clock inside one process. A scaled
instance (gunicorn instances, Celery workers, maybe on several machines) needs one "now"
that all of them read: with TRELLIS_SIMULATION=1 each process's runtime clock is
`kernel.offset_clock.OffsetClock`, real time plus an offset in seconds kept in the
database (`trellis_state`, key `clock_offset`), read again at most every half second.
`trellis jobs advance --by 3d` (`advance`) moves it forward: within half a second the web
processes stamp writes three days later, and Celery beat's next tick finds the timers
that fell due (a journey's 3-day wait) and the workers run them at that time.

It never goes back. Advancing also pushes the leases of running jobs forward by the same
amount (a lease is real time a worker has left to renew it; without this, every running
job's lease would expire at once and the job run twice). Refused unless simulation is
allowed (`simulation.simulation_allowed`: demo data, or TRELLIS_SIMULATION=1). Without
TRELLIS_SIMULATION=1 the runtime keeps the real clock and the offset is never read."""
from __future__ import annotations

import os
from datetime import timedelta

import sqlalchemy as sa

from ..kernel.clock import Clock
from ..kernel.errors import BadRequest, Forbidden
from ..kernel.offset_clock import OffsetClock
from ..storage.database import writing
from ..storage.models import job as JOBS
from ..storage.models import state as STATE
from .simulation import simulation_allowed

KEY = "clock_offset"
REREAD_SECONDS = 0.5


def simulating() -> bool:
    """Whether this process runs on the shared simulated clock (TRELLIS_SIMULATION=1)."""
    return os.environ.get("TRELLIS_SIMULATION") == "1"


def read_offset(engine: sa.Engine) -> int:
    """The shared clock's offset from real time, in seconds (0 when never advanced)."""
    with engine.connect() as conn:
        return int(conn.execute(sa.select(STATE.c.value).where(STATE.c.key == KEY)).scalar() or 0)


def instance_clock(engine: sa.Engine) -> Clock:
    """The clock a runtime of this instance runs on: the shared simulated clock under
    TRELLIS_SIMULATION=1, else the real one."""
    if not simulating():
        return Clock()
    return OffsetClock(lambda: read_offset(engine), ttl=REREAD_SECONDS)


def advance(engine: sa.Engine, seconds: int) -> int:
    """Move the shared clock forward by `seconds`; answers the new offset."""
    if seconds <= 0:
        raise BadRequest("模拟时钟只能向前拨", "the simulated clock only moves forward", code="clock_backwards",
                         details={"param": "by"})
    if not simulation_allowed(engine):
        raise Forbidden("模拟时间只能用于装有演示数据的实例(trellis seed --clients N),或设置 TRELLIS_SIMULATION=1",
                        "simulated time runs only on an instance holding demo data (trellis seed --clients N) "
                        "or with TRELLIS_SIMULATION=1", code="simulation_refused")
    with writing(engine) as conn:
        moved = conn.execute(STATE.update().where(STATE.c.key == KEY).values(value=STATE.c.value + seconds)).rowcount
        if not moved:
            conn.execute(STATE.insert().values(key=KEY, value=seconds))
        running = conn.execute(sa.select(JOBS.c.id, JOBS.c.lease_until)
                               .where(JOBS.c.state == "running", JOBS.c.lease_until.is_not(None))).all()
        for job_id, until in running:  # few: what workers hold right now (dates in Python: SQLite too)
            conn.execute(JOBS.update().where(JOBS.c.id == job_id, JOBS.c.state == "running")
                         .values(lease_until=until + timedelta(seconds=seconds)))
        return int(conn.execute(sa.select(STATE.c.value).where(STATE.c.key == KEY)).scalar())
