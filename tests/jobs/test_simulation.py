"""`trellis jobs run --until TIME --simulate` moves simulated time: a timer three days out
runs at once and sees "now" as its own run_at; a timer it sets past TIME waits. It is
refused unless the instance holds demo data (`trellis seed` records it) or
TRELLIS_SIMULATION=1 is set. `trellis jobs list|retry|cancel|purge` manage the queue."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest

from trellis.cli.main import cli
from trellis.jobs.simulation import DEMO_KEY, mark_demo, simulation_allowed
from trellis.storage.database import writing
from trellis.storage.models import state as STATE

_HANDLER: dict = {}


@pytest.fixture
def fresh_app(app, monkeypatch):
    """The session app, without the demo-data mark for the test (restored afterwards)."""
    monkeypatch.delenv("TRELLIS_SIMULATION", raising=False)
    engine = app.extensions["trellis"].engine
    with writing(engine) as conn:
        marked = conn.execute(STATE.delete().where(STATE.c.key == DEMO_KEY)).rowcount
    yield app
    with writing(engine) as conn:
        conn.execute(STATE.delete().where(STATE.c.key == DEMO_KEY))
        if marked:
            conn.execute(STATE.insert().values(key=DEMO_KEY, value=1))


def test_three_days_later_in_milliseconds(fresh_app, monkeypatch):
    rt = fresh_app.extensions["trellis"]
    seen = []

    def remind(step: int):
        seen.append((step, rt.clock.now()))
        if step == 1:  # a follow-up two days later
            rt.jobs.enqueue("test.sim.remind", {"step": 2}, run_at=rt.clock.now() + timedelta(days=2))
    _HANDLER["remind"] = remind  # the session app's registry keeps the first registration
    if "test.sim.remind" not in rt.jobs.registry:
        rt.jobs.register("test.sim.remind", lambda step: _HANDLER["remind"](step))
    start = rt.clock.now()
    due = start + timedelta(days=3)
    rt.jobs.enqueue("test.sim.remind", {"step": 1}, run_at=due)
    runner = fresh_app.test_cli_runner()
    until = (start + timedelta(days=4)).isoformat()

    refused = runner.invoke(cli, ["jobs", "run", "--until", until, "--simulate"])
    assert refused.exit_code == 1 and "TRELLIS_SIMULATION=1" in refused.output and "演示数据" in refused.output
    assert seen == []

    monkeypatch.setenv("TRELLIS_SIMULATION", "1")
    t = time.monotonic()
    out = runner.invoke(cli, ["jobs", "run", "--until", until, "--simulate"])
    elapsed = time.monotonic() - t
    assert out.exit_code == 0, out.output
    assert [s for s, _ in seen] == [1] and seen[0][1] == due and elapsed < 2
    assert "ran " in out.output and "job(s)" in out.output  # and any other job of the shared app that fell due
    assert rt.clock.now() < start + timedelta(minutes=5)  # the real clock is back

    monkeypatch.delenv("TRELLIS_SIMULATION")
    assert not simulation_allowed(rt.engine)
    mark_demo(rt.engine)  # as `trellis seed --clients N` does
    assert simulation_allowed(rt.engine)
    out = runner.invoke(cli, ["jobs", "run", "--until", (start + timedelta(days=6)).isoformat(), "--simulate"])
    assert out.exit_code == 0, out.output
    assert [s for s, _ in seen] == [1, 2] and seen[1][1] == due + timedelta(days=2)

    listed = runner.invoke(cli, ["jobs", "list", "--name", "test.sim.remind"])
    mine = [line for line in listed.output.splitlines() if "test.sim.remind" in line]
    assert listed.exit_code == 0 and len(mine) == 2 and all(" done " in line for line in mine), listed.output


def test_cli_retry_cancel_and_bad_time(fresh_app):
    rt = fresh_app.extensions["trellis"]
    job_id = rt.jobs.enqueue("test.sim.later", run_at=rt.clock.now() + timedelta(days=1))
    runner = fresh_app.test_cli_runner()
    out = runner.invoke(cli, ["jobs", "cancel", str(job_id)])
    assert out.exit_code == 0 and "dead" in out.output
    again = runner.invoke(cli, ["jobs", "cancel", str(job_id)])
    assert again.exit_code == 1 and "only queued or failed" in again.output
    assert runner.invoke(cli, ["jobs", "retry", str(job_id)]).exit_code == 0
    purged = runner.invoke(cli, ["jobs", "purge", "--older-than-days", "0"])
    assert purged.exit_code == 0 and "deleted" in purged.output
    bad = runner.invoke(cli, ["jobs", "run", "--until", "next tuesday"])
    assert bad.exit_code == 2 and "ISO 8601" in bad.output


def test_without_simulate_it_runs_jobs_as_they_fall_due_until_then(fresh_app):
    rt = fresh_app.extensions["trellis"]
    ran = []
    _HANDLER["soon"] = lambda: ran.append(rt.clock.now())
    if "test.sim.soon" not in rt.jobs.registry:
        rt.jobs.register("test.sim.soon", lambda: _HANDLER["soon"]())
    start = rt.clock.now()
    rt.jobs.enqueue("test.sim.soon", run_at=start + timedelta(seconds=0.3))
    t = time.monotonic()
    out = fresh_app.test_cli_runner().invoke(cli, ["jobs", "run", "--until",
                                                   (start + timedelta(seconds=0.8)).isoformat()])
    assert out.exit_code == 0, out.output
    assert len(ran) == 1 and ran[0] >= start + timedelta(seconds=0.3)  # in real time
    assert 0.5 < time.monotonic() - t < 5


def test_seeding_demo_data_allows_simulation(crm):
    assert simulation_allowed(crm.extensions["trellis"].engine)
