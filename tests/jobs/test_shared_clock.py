"""The shared simulated clock (jobs/shared_clock.py): under TRELLIS_SIMULATION=1 every
runtime of an instance reads real time plus an offset kept in the database, which `trellis
jobs advance --by 3d` moves forward (refused unless simulation is allowed). Advancing pushes
running jobs' leases along; a renewal never shortens a lease; a Celery worker takes a job
only while the claim it was sent for is still live."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from trellis.jobs.shared_clock import KEY, advance, read_offset
from trellis.jobs.simulation import DEMO_KEY
from trellis.kernel.clock import Clock
from trellis.kernel.errors import BadRequest, Forbidden
from trellis.kernel.offset_clock import OffsetClock
from trellis.runtime import Runtime
from trellis.storage.database import writing
from trellis.storage.models import job as T
from trellis.storage.models import state as STATE


def _close(a: datetime, b: datetime, seconds: float = 5) -> bool:
    return abs((a - b).total_seconds()) < seconds


def test_every_runtime_reads_the_offset_advance_moves(engine, monkeypatch):
    monkeypatch.delenv("TRELLIS_SIMULATION", raising=False)
    assert type(Runtime(engine, ttl=0).clock) is Clock  # without simulation: the real clock, nothing read
    with pytest.raises(Forbidden) as refused:
        advance(engine, 3600)
    assert refused.value.code == "simulation_refused" and read_offset(engine) == 0

    monkeypatch.setenv("TRELLIS_SIMULATION", "1")
    web, worker = Runtime(engine, ttl=0), Runtime(engine, ttl=0)  # two processes of one instance
    assert isinstance(web.clock, OffsetClock) and _close(web.clock.now(), datetime.now())
    job = web.jobs.enqueue("test.shared.wait", run_at=web.clock.now() + timedelta(days=3))
    with writing(engine) as conn:  # one running job, its lease a minute out
        running = conn.execute(T.insert().values(name="test.shared.run", args=[], run_at=datetime.now(),
                                                 state="running", attempts=1, lease_owner="w1",
                                                 lease_until=datetime.now() + timedelta(minutes=1),
                                                 created_at=datetime.now()).returning(T.c.id)).scalar()
    assert not worker.jobs.store.anything_due(worker.clock.now())

    assert advance(engine, 3 * 86400 + 60) == 3 * 86400 + 60
    assert advance(engine, 60) == 3 * 86400 + 120  # it adds up
    for rt in (web, worker):
        rt.clock.refresh()  # else within half a second
        assert _close(rt.clock.now(), datetime.now() + timedelta(days=3, minutes=2))
    with engine.connect() as conn:
        due = [r[0] for r in conn.execute(sa.select(T.c.id).where(worker.jobs.store.due_condition(worker.clock.now())))]
        lease = conn.execute(sa.select(T.c.lease_until).where(T.c.id == running)).scalar()
    assert job in due and running not in due  # the timer fell due; the running job keeps its lease
    assert _close(lease, datetime.now() + timedelta(days=3, minutes=3))
    with pytest.raises(BadRequest):
        advance(engine, -60)  # never back
    with writing(engine) as conn:
        conn.execute(STATE.delete().where(STATE.c.key.in_([KEY, DEMO_KEY])))
        conn.execute(T.delete().where(T.c.name.like("test.shared.%")))


def test_a_lease_is_never_shortened_and_a_worker_takes_only_a_live_claim(engine, monkeypatch):
    monkeypatch.delenv("TRELLIS_SIMULATION", raising=False)
    rt = Runtime(engine, ttl=0)
    now = datetime.now()
    with writing(engine) as conn:
        ids = [conn.execute(T.insert().values(name="test.shared.take", args=[], run_at=now, state="running",
                                              attempts=1, lease_owner=owner, lease_until=until, created_at=now)
                            .returning(T.c.id)).scalar()
               for owner, until in (("tick-1", now + timedelta(hours=1)), ("tick-2", now - timedelta(seconds=1)),
                                    ("tick-3", now + timedelta(seconds=30)))]
    rt.jobs.store.renew([ids[0]], "tick-1", now + timedelta(seconds=10))
    assert rt.jobs.claimed(ids[0], "tick-0") is None  # claimed again since, under another owner
    assert rt.jobs.claimed(ids[1], "tick-2") is None  # its lease ran out: the next tick claims it anew
    taken = rt.jobs.claimed(ids[2], "tick-3")
    assert taken is not None and taken["id"] == ids[2]
    assert rt.jobs.claimed(ids[2], "tick-3") is None  # a second message of the same claim finds it taken
    with engine.connect() as conn:
        leases = dict(conn.execute(sa.select(T.c.id, T.c.lease_until).where(T.c.id.in_(ids))).all())
        owner = conn.execute(sa.select(T.c.lease_owner).where(T.c.id == ids[2])).scalar()
    assert owner == rt.jobs.dispatcher.owner  # the process running it
    assert _close(leases[ids[0]], now + timedelta(hours=1))  # not shortened by the renewal
    assert _close(leases[ids[2]], datetime.now() + timedelta(seconds=rt.jobs.dispatcher.lease))
    with writing(engine) as conn:
        conn.execute(T.delete().where(T.c.id.in_(ids)))


def test_cli_advance(app, monkeypatch):
    rt = app.extensions["trellis"]
    runner = app.test_cli_runner()
    from trellis.cli.main import cli

    monkeypatch.delenv("TRELLIS_SIMULATION", raising=False)
    with writing(rt.engine) as conn:
        marked = conn.execute(STATE.delete().where(STATE.c.key == DEMO_KEY)).rowcount
    try:
        refused = runner.invoke(cli, ["jobs", "advance", "--by", "3d"])
        assert refused.exit_code == 1 and "TRELLIS_SIMULATION=1" in refused.output
        bad = runner.invoke(cli, ["jobs", "advance", "--by", "three days"])
        assert bad.exit_code == 2 and "3d" in bad.output
        monkeypatch.setenv("TRELLIS_SIMULATION", "1")
        out = runner.invoke(cli, ["jobs", "advance", "--by", "1d12h"])
        assert out.exit_code == 0 and "129600" in out.output, out.output
        assert read_offset(rt.engine) == 129600
    finally:
        with writing(rt.engine) as conn:
            conn.execute(STATE.delete().where(STATE.c.key.in_([KEY, DEMO_KEY])))
            if marked:
                conn.execute(STATE.insert().values(key=DEMO_KEY, value=1))
