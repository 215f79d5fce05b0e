"""The task runner: the same registered function runs in-process without a broker, and on
a real Celery worker through Redis when TRELLIS_REDIS_URL is set."""
from __future__ import annotations

import socket
import time

import pytest

from trellis.tasks import TaskRunner

REDIS = ("127.0.0.1", 6379)


def _redis_error():
    try:
        with socket.create_connection(REDIS, timeout=2) as s:
            s.sendall(b"PING\r\n")
            if not s.recv(16).startswith(b"+PONG"):
                return "no PONG"
    except OSError as e:
        return str(e)
    return None


def _append(path: str, text: str) -> str:
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)
    return text


def test_in_process_runs_now(tmp_path):
    runner = TaskRunner(None)
    runner.register("append", _append)
    assert runner.submit("append", str(tmp_path / "out"), "一") == "一"
    assert (tmp_path / "out").read_text(encoding="utf-8") == "一"


def test_failed_after_commit_work_is_logged_not_raised(caplog):
    runner = TaskRunner(None)
    runner.run_after_commit(lambda: 1 / 0)
    assert "after-commit task failed" in caplog.text


def test_celery_worker_through_redis(tmp_path):
    err = _redis_error()
    if err:
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {err}")
    from celery.contrib.testing.worker import start_worker

    runner = TaskRunner("redis://127.0.0.1:6379/15")
    runner.register("append", _append)
    app = runner.celery
    app.conf.update(result_backend="redis://127.0.0.1:6379/15")
    out = tmp_path / "out"
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = runner.submit("append", str(out), "celery")
        assert result.get(timeout=20) == "celery"
    deadline = time.time() + 5
    while not out.exists() and time.time() < deadline:
        time.sleep(0.1)
    assert out.read_text(encoding="utf-8") == "celery"
