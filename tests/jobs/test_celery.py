"""Scaled out: with Redis, Celery beat ticks the dispatcher and a real Celery worker
process runs the jobs, with the same job functions as in-process, including one
registered after the Celery app was made. Skipped, saying why, when Redis does not answer."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from handlers import effects
from redis_service import redis_error
from trellis.runtime import Runtime
from trellis.storage.models import job as T

HERE = Path(__file__).resolve().parent
REDIS = "redis://127.0.0.1:6379/13"


def test_beat_and_a_worker_process_run_jobs(sqlite_engine, tmp_path):
    err = redis_error()
    if err:
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {err}")
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    folder = tmp_path / "effects"
    rt = Runtime(sqlite_engine, ttl=0)  # the web side: no broker needed to enqueue
    first = rt.jobs.enqueue("test.effect", {"key": "celery-1"})
    env = dict(os.environ, JOBS_TEST_DB=str(sqlite_engine.url), JOBS_TEST_EFFECTS=str(folder), JOBS_TEST_REDIS=REDIS,
               PYTHONPATH=f"{HERE.parents[1] / 'platform'}:{HERE}")
    proc = subprocess.Popen([sys.executable, "-m", "celery", "-A", "celery_worker_app", "worker", "-B", "--pool=solo",
                             "--loglevel=WARNING", "-s", str(tmp_path / "beat-schedule")],
                            cwd=HERE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 40
        while effects(folder) != ["celery-1"] and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert effects(folder) == ["celery-1"], proc.stdout.read() if proc.poll() is not None else "timed out"
        second = rt.jobs.enqueue("test.effect", {"key": "celery-2"})
        deadline = time.monotonic() + 20
        while len(effects(folder)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert effects(folder) == ["celery-1", "celery-2"]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the worker records the outcome after the effect
            with sqlite_engine.connect() as conn:
                states = conn.execute(sa.select(T.c.state).where(T.c.id.in_([first, second]))).scalars().all()
            if states == ["done", "done"]:
                break
            time.sleep(0.1)
        assert states == ["done", "done"]
        pids = {p.name.rsplit("-", 1)[1] for p in folder.glob("started-*")}
        assert pids == {str(proc.pid)}  # run by the worker process, not here
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
