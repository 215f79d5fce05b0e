"""A committed job runs once even when its worker is killed mid-run: a real worker process
claims it and is killed with SIGKILL inside the handler; the job stays leased to the dead
worker until the lease expires, is then claimed again and completes, and the idempotent
handler leaves its effect once. On SQLite and PostgreSQL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from handlers import effects, register
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.storage import migrate
from trellis.storage.database import make_engine
from trellis.storage.models import job as T

WORKER = Path(__file__).with_name("job_worker.py")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'kill.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_database")
    eng = make_engine(url)
    migrate.upgrade(eng)
    yield url, eng
    eng.dispose()


def _wait_for(predicate, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_killed_worker_job_runs_once(db_url, tmp_path):
    url, eng = db_url
    folder = tmp_path / "effects"
    clock = SimulatedClock()
    rt = Runtime(eng, ttl=0, clock=clock)
    register(rt, folder)
    job_id = rt.jobs.enqueue("test.effect", {"key": "k1"})
    proc = subprocess.Popen([sys.executable, str(WORKER), url, str(folder)], env=dict(os.environ, PYTHONPATH=""))
    try:
        _wait_for(lambda: (folder / f"started-k1-{proc.pid}").exists() or proc.poll() is not None)
        assert proc.poll() is None, "the worker ended before it was killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    with eng.connect() as conn:
        row = conn.execute(sa.select(T).where(T.c.id == job_id)).mappings().one()
    assert row["state"] == "running" and row["attempts"] == 1 and f":{proc.pid}:" in row["lease_owner"]
    assert effects(folder) == []
    assert rt.jobs.run_due() == 0  # still leased to the dead worker
    assert (row["lease_until"] - row["started_at"]).total_seconds() == 60
    clock.set(row["lease_until"] + timedelta(seconds=1))  # its lease expires
    assert rt.jobs.run_due() == 1
    assert rt.jobs.run_due() == 0
    with eng.connect() as conn:
        row = conn.execute(sa.select(T).where(T.c.id == job_id)).mappings().one()
    assert row["state"] == "done" and row["attempts"] == 2
    assert effects(folder) == ["k1"]
