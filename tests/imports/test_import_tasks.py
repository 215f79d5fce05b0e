"""Imports run as tasks: `TaskRunner.spawn` starts a background thread without a broker
(the request answers at once), and a Celery worker through the real Redis when it
answers (skipped with the reason otherwise)."""
from __future__ import annotations

import threading
import time

import pytest

from import_helpers import count, start, write_xlsx
from test_tasks import _redis_error
from trellis.imports import TASK, batches
from trellis.runtime import Runtime
from trellis.tasks import TaskRunner
from samples import install

HEAD = ["姓名", "手机号"]


def test_spawn_runs_in_a_background_thread_and_logs_failures(caplog):
    runner = TaskRunner(None)
    gate, done = threading.Event(), []

    def slow(x):
        gate.wait(10)
        done.append(x)
    runner.register("slow", slow)
    runner.register("boom", lambda: 1 / 0)
    started = time.monotonic()
    thread = runner.spawn("slow", 7)
    assert time.monotonic() - started < 1 and done == [] and thread.is_alive()  # the caller did not wait
    gate.set()
    thread.join(10)
    assert done == [7]
    runner.spawn("boom").join(10)
    assert "background task boom failed" in caplog.text


def _wait(rt, batch_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with rt.engine.connect() as conn:
            row = batches.row(conn, batch_id)
        if row["status"] not in ("queued", "running"):
            return row
        time.sleep(0.1)
    raise AssertionError(f"batch {batch_id} did not finish")


def test_import_task_in_process(srt, tmp_path):
    path = write_xlsx(tmp_path / "t.xlsx", [HEAD, ["甲", "13800000001"], ["乙", "13800000002"]])
    batch_id = start(srt, path, {0: "name", 1: "mobile"})
    thread = srt.tasks.spawn(TASK, batch_id)
    assert isinstance(thread, threading.Thread)
    row = _wait(srt, batch_id)
    assert row["status"] == "done" and row["inserted"] == 2 and count(srt) == 2


def test_import_task_on_a_celery_worker(sqlite_engine, tmp_path):
    err = _redis_error()
    if err:
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {err}")
    from celery.contrib.testing.worker import start_worker

    rt = Runtime(sqlite_engine, ttl=0, files_dir=str(tmp_path / "files"), redis_url="redis://127.0.0.1:6379/14")
    install(rt)
    app = rt.tasks.celery
    app.conf.update(result_backend="redis://127.0.0.1:6379/14")
    assert f"trellis.{TASK}" in app.tasks
    path = write_xlsx(tmp_path / "c.xlsx", [HEAD, ["甲", "13800000011"], ["乙", "13800000012"], ["丙", "13800000013"]])
    batch_id = start(rt, path, {0: "name", 1: "mobile"})
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        result = rt.tasks.spawn(TASK, batch_id)
        assert result.get(timeout=60) == {"id": batch_id, "status": "done"}
    row = _wait(rt, batch_id)
    assert row["inserted"] == 3 and count(rt) == 3
