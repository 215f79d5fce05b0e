"""The scheduler's heartbeat: the last time some process claimed jobs for this database (the
in-process scheduler thread of a serving process, or under Celery a tick sent by beat),
which `/readyz` reads to tell a living dispatcher from a stopped one.

`beat(engine)` records the time (epoch milliseconds of the real clock) at most every
INTERVAL seconds per process, so a loop may call it on every turn. On PostgreSQL it is the
`jobs_heartbeat` row of `trellis_state`; on SQLite a file beside the database (its mtime),
because a database write there waits at the write gate, which a long import may hold for
minutes. `age(engine, conn)` answers how many seconds ago the last beat was (None: never).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..storage.models import state as S

KEY = "jobs_heartbeat"
INTERVAL = 5.0
log = logging.getLogger(__name__)
_last: dict[tuple[int, str], float] = {}  # (pid, database) -> monotonic time of this process's last beat
_lock = threading.Lock()


def beat_file(engine: sa.Engine) -> Path | None:
    """The heartbeat file of a SQLite database in a file (None: not SQLite, or in memory)."""
    if engine.dialect.name != "sqlite":
        return None
    db = engine.url.database
    if not db or db == ":memory:" or db.startswith("file:"):
        return None
    return Path(db + ".jobs-heartbeat")


def beat(engine: sa.Engine, *, force: bool = False) -> bool:
    """Record that the scheduler is alive, unless this process did so less than INTERVAL
    seconds ago; True when it wrote. A failure is logged, never raised."""
    key = (os.getpid(), str(engine.url))
    now = time.monotonic()
    with _lock:
        if not force and now - _last.get(key, -INTERVAL) < INTERVAL:
            return False
        _last[key] = now
    try:
        path = beat_file(engine)
        if path is not None:
            path.touch()  # made, or its mtime set to now
            return True
        value = int(time.time() * 1000)
        insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        with engine.begin() as conn:
            conn.execute(insert(S).values(key=KEY, value=value)
                         .on_conflict_do_update(index_elements=["key"], set_={"value": value}))
        return True
    except Exception:  # the database away for a moment: the next turn tries again
        with _lock:
            _last.pop(key, None)
        log.warning("could not record the job scheduler's heartbeat", exc_info=True)
        return False


def age(engine: sa.Engine, conn=None) -> float | None:
    """Seconds since the last beat of any process (None: no beat recorded yet)."""
    path = beat_file(engine)
    if path is not None:
        try:
            return max(0.0, time.time() - path.stat().st_mtime)
        except FileNotFoundError:
            return None
    query = sa.select(S.c.value).where(S.c.key == KEY)
    if conn is None:
        with engine.connect() as c:
            value = c.execute(query).scalar()
    else:
        value = conn.execute(query).scalar()
    return None if value is None else max(0.0, time.time() - value / 1000)
