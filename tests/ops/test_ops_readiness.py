"""/readyz's checks on a database of the test's own (SQLite, and PostgreSQL when it answers):
healthy; the database down (a closed port, a folder that is not there) or hanging; Redis
down or hanging; the migrations behind; the scheduler's heartbeat stale (and "not yet"
just after start); the oldest due job past TRELLIS_READY_MAX_LAG_SECONDS."""
from __future__ import annotations

import os
import socket
import threading
import time
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from redis_service import redis_error
from trellis.jobs import beat
from trellis.jobs.outbox import enqueue
from trellis.storage.database import make_engine
from trellis.storage.models import state as S
from trellis.web.readiness import Readiness

REDIS_DB = "redis://127.0.0.1:6379/11"


def _ready(engine, **kw) -> Readiness:
    return Readiness(engine, datetime.now, **kw)


def _beat_ago(engine, seconds: float) -> None:
    """A heartbeat recorded `seconds` ago."""
    path = beat.beat_file(engine)
    if path is not None:
        path.touch()
        then = time.time() - seconds
        os.utime(path, (then, then))
        return
    with engine.begin() as conn:
        conn.execute(S.delete().where(S.c.key == beat.KEY))
        conn.execute(S.insert().values(key=beat.KEY, value=int((time.time() - seconds) * 1000)))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Silent:
    """A TCP server that accepts connections and never answers (a hung database or Redis)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.held.append(conn)

    def close(self):
        self.sock.close()
        for c in self.held:
            c.close()


def test_healthy(engine):
    _beat_ago(engine, 1)
    ready, checks = _ready(engine).report()
    assert ready, checks
    assert list(checks) == ["database", "migrations", "scheduler", "queue"]  # no Redis when none is configured
    assert checks["migrations"]["database"] == checks["migrations"]["code"]
    assert checks["queue"]["due"] == 0


def test_a_database_that_is_down(tmp_path):
    port = _closed_port()
    for url in (f"postgresql://postgres@127.0.0.1:{port}/nothing", f"sqlite:///{tmp_path / 'gone' / 'x.db'}"):
        engine = make_engine(url)
        started = time.monotonic()
        ready, checks = _ready(engine).report()
        assert not ready and time.monotonic() - started < 3
        assert not checks["database"]["ok"] and checks["database"]["message"]["en"].startswith("the database does not")
        assert {"zh", "en"} <= set(checks["database"]["message"])
        assert not checks["migrations"]["ok"] and "not checked" in checks["queue"]["message"]["en"]
        engine.dispose()


def test_a_hanging_database_or_redis_is_answered_within_the_timeout():
    silent = Silent()
    try:
        engine = make_engine(f"postgresql://postgres@127.0.0.1:{silent.port}/hangs")
        readiness = _ready(engine, redis_url=f"redis://127.0.0.1:{silent.port}/11", timeout=1.0)
        for _ in range(2):  # the second call finds the first probe still waiting and does not start another
            started = time.monotonic()
            ready, checks = readiness.report()
            assert time.monotonic() - started < 2.5
            assert not ready and not checks["database"]["ok"] and not checks["redis"]["ok"]
            assert "did not answer within 1 s" in checks["database"]["message"]["en"]
        assert sum(t.name == "trellis-ready-database" for t in threading.enumerate()) <= 1
    finally:
        silent.close()


def test_redis_down_and_up(engine):
    _beat_ago(engine, 1)
    ready, checks = _ready(engine, redis_url=f"redis://127.0.0.1:{_closed_port()}/11").report()
    assert not ready and not checks["redis"]["ok"] and checks["redis"]["message"]["zh"].startswith("Redis 无响应")
    assert checks["database"]["ok"]
    if redis_error():
        pytest.skip(f"Redis not reachable at 127.0.0.1:6379: {redis_error()}")
    ready, checks = _ready(engine, redis_url=REDIS_DB).report()
    assert ready and checks["redis"]["ok"], checks


def test_migrations_behind(engine):
    _beat_ago(engine, 1)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE trellis_alembic_version SET version_num = '0015'"))
    ready, checks = _ready(engine).report()
    assert not ready and [k for k, c in checks.items() if not c["ok"]] == ["migrations"]
    assert checks["migrations"]["database"] == "0015"
    assert "trellis upgrade" in checks["migrations"]["message"]["en"]


def test_a_stale_heartbeat_fails_but_not_just_after_start(engine):
    _beat_ago(engine, 120)
    fresh = _ready(engine)
    ready, checks = fresh.report()
    assert ready and checks["scheduler"]["state"] == "starting" and "not yet" in checks["scheduler"]["message"]["en"]
    fresh.started -= 60  # the process has run a minute
    ready, checks = fresh.report()
    assert not ready and not checks["scheduler"]["ok"] and checks["scheduler"]["age_seconds"] >= 119
    beat.beat(engine, force=True)  # a scheduler claimed again
    assert fresh.report()[0]


def test_the_queue_lag_over_the_limit(engine):
    _beat_ago(engine, 1)
    with engine.begin() as conn:
        enqueue(conn, "ops.waiting", {}, run_at=datetime.now() - timedelta(seconds=400))
        enqueue(conn, "ops.later", {}, run_at=datetime.now() + timedelta(hours=1))  # not due: not counted
    ready, checks = _ready(engine, max_lag=300).report()
    assert not ready and checks["queue"]["due"] == 1 and checks["queue"]["oldest_lag_seconds"] >= 399
    assert "TRELLIS_READY_MAX_LAG_SECONDS" in checks["queue"]["message"]["en"]
    assert _ready(engine, max_lag=1000).report()[0]
