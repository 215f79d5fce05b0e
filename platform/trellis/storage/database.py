"""Engine set-up shared by the web app, the CLI and the tests.

SQLite gets WAL, a busy timeout, foreign keys, and real transactions around DDL (the
driver's own handling would commit DDL on its own, so publishing would not be atomic).

SQLite has one writer at a time. Left to the file lock, waiting writers poll it with
growing sleeps (the busy handler), so under load a writer can wait seconds after the
lock is free, and long waits end in "database is locked". `writing(engine)` serializes
write transactions in the application instead: a lock per process (a queue that wakes
the next writer as soon as the last one commits) and `flock` on a file beside the
database across processes (the gunicorn workers), which only the one thread at the head
of its process's queue retries, every few milliseconds. PostgreSQL needs no gate.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from contextlib import contextmanager, nullcontext
from decimal import Decimal

import orjson
import sqlalchemy as sa
from sqlalchemy import event

from .sqlite_percentile import Percentile
from .sqlite_week import iso_week


def configure_engine(engine: sa.Engine) -> sa.Engine:
    if engine.dialect.name != "sqlite" or getattr(engine, "_trellis_configured", False):
        return engine
    engine._trellis_configured = True
    database = engine.url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        engine._trellis_gate = _gate_for(os.path.abspath(database) + "-writelock")

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()
        dbapi_conn.create_aggregate("trellis_percentile", 2, Percentile)
        dbapi_conn.create_function("trellis_iso_week", 1, iso_week, deterministic=True)

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # writes take the lock up front, so what a write read stays true until it commits
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("trellis_write") else "BEGIN")

    return engine


class WriteGate:
    """One writer at a time on a SQLite file: re-entrant in a thread, a lock across the
    threads of a process and `flock` across processes. Only the thread holding the
    process's lock waits for the file lock, so at most one poller per process remains.
    A writer that waits longer than `TRELLIS_WRITE_WAIT_SECONDS` (default 30) gets a 503."""

    def __init__(self, path: str | None, wait: float | None = None):
        self.path = path
        self.wait = float(os.environ.get("TRELLIS_WRITE_WAIT_SECONDS") or 30) if wait is None else wait
        self.lock = threading.RLock()
        self.depth = 0
        self.fd = None
        self.pid = None

    @contextmanager
    def held(self):
        deadline = time.monotonic() + self.wait
        if not self.lock.acquire(timeout=self.wait):
            raise _busy()
        try:
            if self.depth == 0 and self.path:
                self._lock_file(deadline)
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
                if self.depth == 0 and self.path:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            self.lock.release()

    def _lock_file(self, deadline: float) -> None:
        if self.fd is None or self.pid != os.getpid():  # a forked child opens its own
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self.pid = os.getpid()
        pause = 0.0005
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise _busy() from None
                time.sleep(pause)
                pause = min(pause * 2, 0.005)


def _busy():
    from ..kernel.errors import Busy

    return Busy("数据库正忙(其他写入进行中),请稍后重试", "the database is busy with other writes; try again shortly")


_GATES: dict[str, WriteGate] = {}
_GATES_LOCK = threading.Lock()


def _gate_for(path: str) -> WriteGate:
    """One gate per database file in a process, whichever engine writes to it."""
    with _GATES_LOCK:
        return _GATES.setdefault(path, WriteGate(path))


def write_gate(engine: sa.Engine) -> WriteGate | None:
    return getattr(engine, "_trellis_gate", None)


def serialized(engine: sa.Engine):
    """The write gate's turn, for writes made outside `writing` (Flask-AppBuilder's session)."""
    gate = write_gate(engine)
    return gate.held() if gate is not None else nullcontext()


@contextmanager
def writing(engine: sa.Engine, conn: sa.Connection | None = None):
    """A write transaction (BEGIN IMMEDIATE on SQLite, behind the write gate); on `conn`, a
    connection from `write_connection` held across many short transactions (a loop that
    commits often spares a pool checkout each time)."""
    gate = write_gate(engine)
    if conn is not None:
        with gate.held() if gate is not None else nullcontext(), conn.begin():
            yield conn
        return
    if gate is None:
        with engine.execution_options(trellis_write=True).begin() as conn:
            yield conn
        return
    with gate.held(), engine.execution_options(trellis_write=True).begin() as conn:
        yield conn


@contextmanager
def write_connection(engine: sa.Engine):
    """A connection whose transactions are writes (`writing(engine, conn)` begins each)."""
    with engine.connect() as conn:
        yield conn.execution_options(trellis_write=True)


def json_dumps(value) -> str:
    """JSON columns are written with orjson (several times faster than the standard library)."""
    return orjson.dumps(value, default=_plain).decode()


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


ENGINE_OPTIONS = {"json_serializer": json_dumps, "json_deserializer": orjson.loads}


def make_engine(url: str, **kw) -> sa.Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return configure_engine(sa.create_engine(url, **{**ENGINE_OPTIONS, **kw}))
