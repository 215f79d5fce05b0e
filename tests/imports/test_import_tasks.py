"""Imports run as jobs: `runtime.jobs.spawn` enqueues durably and returns at once (the
in-process scheduler runs it), a Celery worker runs it through the real Redis when it
answers (skipped with the reason otherwise), and a batch left "running" by a process
that died is marked failed once its job's lease expires (and can be rolled back), while
a batch whose run still beats is left to it."""
from __future__ import annotations

import os
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from import_helpers import count, run_import, start, write_xlsx
from redis_service import redis_error
from samples import install
from trellis.imports import TASK, batches, heartbeat
from trellis.imports.rollback import rollback
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.storage.models import job as JOBS

HEAD = ["姓名", "手机号"]


def _job(rt, job_id):
    with rt.engine.connect() as conn:
        return dict(conn.execute(sa.select(JOBS).where(JOBS.c.id == job_id)).mappings().one())


def _until(predicate, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_spawn_returns_at_once_and_the_scheduler_runs_it(srt):
    gate, done = threading.Event(), []

    def slow(x):
        gate.wait(10)
        done.append(x)
    srt.jobs.register("test.slow", slow)
    srt.jobs.register("test.boom", lambda: 1 / 0, max_attempts=1)
    srt.jobs.start()
    try:
        started = time.monotonic()
        job_id = srt.jobs.spawn("test.slow", 7)
        assert time.monotonic() - started < 1 and done == []  # the caller did not wait
        gate.set()
        _until(lambda: _job(srt, job_id)["state"] == "done")
        assert done == [7]
        boom = srt.jobs.spawn("test.boom")
        _until(lambda: _job(srt, boom)["state"] == "dead")
        assert "ZeroDivisionError" in _job(srt, boom)["last_error"]
    finally:
        srt.jobs.scheduler.stop()


def _batch(rt, batch_id):
    with rt.engine.connect() as conn:
        return batches.row(conn, batch_id)


def _wait(rt, batch_id, timeout=60):
    _until(lambda: _batch(rt, batch_id)["status"] not in ("queued", "running"), timeout)
    return _batch(rt, batch_id)


def test_import_job_in_process(srt, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [HEAD, ["甲", "13800000001"], ["乙", "13800000002"]])
    batch_id = start(srt, path, {0: "name", 1: "mobile"})
    srt.jobs.start()
    try:
        srt.jobs.spawn(TASK, batch_id, key=f"{TASK}:{batch_id}")
        row = _wait(srt, batch_id)
    finally:
        srt.jobs.scheduler.stop()
    assert row["status"] == "done" and row["inserted"] == 2 and count(srt) == 2


def test_import_job_on_a_celery_worker(sqlite_engine, tmp_path):
    err = redis_error()
    if err:
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {err}")
    from celery.contrib.testing.worker import start_worker

    rt = Runtime(sqlite_engine, ttl=0, files_dir=str(tmp_path / "files"), redis_url="redis://127.0.0.1:6379/14")
    install(rt)
    app = rt.jobs.celery
    app.conf.update(result_backend="redis://127.0.0.1:6379/14")
    path = write_xlsx(tmp_path / "c.xlsx", [HEAD, ["甲", "13800000011"], ["乙", "13800000012"], ["丙", "13800000013"]])
    batch_id = start(rt, path, {0: "name", 1: "mobile"})
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        rt.jobs.spawn(TASK, batch_id)  # committed, then a tick is sent to the workers
        row = _wait(rt, batch_id)
    assert row["status"] == "done" and row["inserted"] == 3 and count(rt) == 3


def test_a_batch_left_running_by_a_dead_process_is_failed_and_can_be_rolled_back(sqlite_engine, tmp_path):
    clock = SimulatedClock()
    rt = Runtime(sqlite_engine, ttl=0, files_dir=str(tmp_path / "files"), clock=clock)
    install(rt)
    path = write_xlsx(tmp_path / "s.xlsx", [HEAD, ["甲", "13800000021"], ["乙", "13800000022"]])
    done = run_import(rt, path, {0: "name", 1: "mobile"}, on_error="skip", chunk_size=1)
    assert done["inserted"] == 2 and count(rt) == 2
    with rt.engine.begin() as conn:  # as a run that committed its chunks, then died, left it
        batches.update(conn, done["id"], status="running", finished_at=None)
    job_id = rt.jobs.enqueue(TASK, [done["id"]])
    rt.jobs.dispatcher.claim(owner="host:9:dead", lease=120)
    beat = batches.folder(rt.files_dir, done["id"]) / heartbeat.FILE

    clock.advance(121)  # the lease expired, but the run still beats: wait for it
    beat.write_text("1")
    assert rt.jobs.run_due() == 1
    job = _job(rt, job_id)
    assert job["state"] == "failed" and job["attempts"] == 1 and "still running" in job["last_error"]
    with rt.engine.connect() as conn:
        assert batches.row(conn, done["id"])["status"] == "running"

    old = time.time() - 3600  # the heartbeat stopped an hour ago
    os.utime(beat, (old, old))
    clock.advance(timedelta(minutes=5))
    assert rt.jobs.run_due() == 1
    assert _job(rt, job_id)["state"] == "done"
    with rt.engine.connect() as conn:
        row = batches.row(conn, done["id"])
    assert row["status"] == "failed" and "rolled back" in row["message"]["en"] and "回滚" in row["message"]["zh"]
    assert batches.to_json(row, rt.files_dir)["can_rollback"]
    rollback(rt, done["id"], SYSTEM)
    assert count(rt) == 0
