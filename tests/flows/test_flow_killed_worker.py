"""A run survives its worker killed in the middle: a real worker process takes the run's
first step (a record created, committed) and is killed with SIGKILL inside the second;
once the job's lease has expired another worker runs the run from the step it stood at,
and every step's effect is there once: one record per create node, one log row per step.
On SQLite and PostgreSQL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from flowkit import client, flow, make_runtime, path, publish, runs
from trellis.flows.node_type import NodeType
from trellis.flows.result import Result
from trellis.plugins.loader import registries
from trellis.storage.database import make_engine
from trellis.storage import migrate

WORKER = Path(__file__).with_name("flow_worker.py")


class QuickPause(NodeType):
    """The same node type as the worker's, without the sleep (this process is the survivor)."""

    key = "pause"
    label = {"zh": "暂停", "en": "Pause"}

    def run(self, node, step):
        return Result()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'kill.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_database")
    eng = make_engine(url)
    migrate.upgrade(eng)
    yield url, eng
    eng.dispose()


@pytest.fixture
def pause_node():
    registries.node_types.register(QuickPause.key, QuickPause)
    yield
    registries.node_types.discard(QuickPause.key)


def _wait_for(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_run_survives_a_killed_worker_and_no_step_happens_twice(db_url, tmp_path, pause_node):
    url, eng = db_url
    rt = make_runtime(eng)
    rt.clock.set(rt.clock.now().replace(year=2020))  # jobs due now for the worker's real clock
    publish(rt, flow("two_deals", {"type": "record_created"}, [
        {"id": "first", "type": "create_record", "form": "deal", "values": {"client": {"var": "id"}, "lots": 1}},
        {"id": "hold", "type": "pause"},
        {"id": "second", "type": "create_record", "form": "deal", "values": {"client": {"var": "id"}, "lots": 2}}]))
    c = client(rt)
    marks = tmp_path / "marks"
    proc = subprocess.Popen([sys.executable, str(WORKER), url, str(marks)], env=dict(os.environ, PYTHONPATH=""))
    try:
        _wait_for(lambda: any(marks.glob("paused-*")) or proc.poll() is not None)
        assert proc.poll() is None, "the worker ended before it was killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    (run,) = runs(rt, "two_deals")
    assert run["state"] == "running" and path(rt, run["id"]) == ["first"]  # the killed step left nothing
    rt.clock.set(datetime.now() + timedelta(minutes=10))  # the dead worker's lease (real time) runs out
    rt.jobs.run_due()
    (run,) = runs(rt, "two_deals")
    assert run["state"] == "done"
    assert path(rt, run["id"]) == ["first", "hold", "second"]
    with eng.connect() as conn:
        lots = sorted(conn.execute(sa.text("SELECT lots FROM demo__deal WHERE client = :c"), {"c": c["id"]}).scalars())
    assert lots == [1, 2]
