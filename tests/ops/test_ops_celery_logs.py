"""The Celery entry point (`celery -A trellis.web.worker worker -B`) with
TRELLIS_LOG_FORMAT=json: Celery's own lines and the jobs' are JSON objects, and a job's
line names the request id stored with it when it was enqueued (Redis db 11)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redis_service import redis_error
from trellis.kernel import logs
from trellis.runtime import Runtime
from trellis.storage import migrate
from trellis.storage.database import make_engine

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/11"


def _flush() -> None:
    with socket.create_connection(("127.0.0.1", 6379), timeout=2) as s:
        s.sendall(b"SELECT 11\r\nFLUSHDB\r\n")
        s.recv(64)


def test_worker_lines_are_json_with_the_jobs_request_id(tmp_path):
    if redis_error():
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {redis_error()}")
    _flush()
    home = tmp_path / "home"
    env = dict(os.environ, TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD="ops-pass-12", PYTHONPATH=str(ROOT / "platform"),
               TRELLIS_LOG_FORMAT="json")
    for name in ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(name, None)
    home.mkdir()
    engine = make_engine(f"sqlite:///{home / 'trellis.db'}")
    migrate.upgrade(engine)  # the worker's app does the rest of what `trellis init` would
    rt = Runtime(engine, ttl=0)
    with logs.bound(request_id="celery-rid-7"):
        job_id = rt.jobs.enqueue("imports.run", [987654])  # no such batch: the job fails and says so
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "celery", "-A", "trellis.web.worker", "worker", "-B",
                                 "--pool=solo", "-l", "info"], env=dict(env, TRELLIS_REDIS_URL=REDIS_URL),
                                cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            found = None
            while found is None and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.3)
                for line in log_path.read_text().splitlines():
                    if line.startswith("{") and '"celery-rid-7"' in line:
                        found = json.loads(line)
            assert found is not None, log_path.read_text()[-3000:]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            engine.dispose()
            _flush()
    assert found["job_id"] == job_id and found["job"] == "imports.run" and found["level"] == "WARNING"
    records = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert any(r["logger"].startswith("celery") for r in records)  # Celery's own lines in the same format
