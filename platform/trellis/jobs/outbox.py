"""`enqueue(conn, name, args, run_at=None, key=None)`: the transactional outbox. The job
row is written on the caller's connection, in the caller's transaction: rolled back, the
job never existed; committed, it is never lost (the dispatcher claims it when due). A
`key` makes it idempotent: enqueueing a key that exists already is a no-op (None)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..kernel.clock import CLOCK_KEY, REAL
from ..kernel.errors import BadRequest
from ..kernel.logs import request_id
from ..storage.models import job as T
from ..storage.prepared import Prepared

_COLUMNS = ("name", "args", "run_at", "key", "state", "attempts", "app", "cause", "created_at", "request_id")

ENQUEUED_KEY = "trellis_jobs"  # conn.info: set when a job was written (the scheduler is woken after commit)


def enqueue(conn, name: str, args=None, run_at: datetime | None = None, key: str | None = None,
            app: str | None = None, cause: list[dict] | None = None) -> int | None:
    """Write job `name` with JSON `args` (a dict of keyword arguments or a list of
    positional ones) due at `run_at` (default: now). Returns the job id, or None when a
    job with `key` exists already. `cause`: the chain of the write enqueueing it; the
    job's own writes continue it (kernel/cause.py)."""
    if not isinstance(name, str) or not name or len(name) > 100:
        raise BadRequest("任务名称应为 1–100 个字符", "a job name is 1–100 characters", details={"param": "name"})
    if args is None:
        args = {}
    if not isinstance(args, (dict, list)):
        raise BadRequest(f"任务 {name} 的参数应为对象或数组", f"the arguments of job {name} are an object or an array",
                         details={"param": "args"})
    if key is not None and (not isinstance(key, str) or not key or len(key) > 200):
        raise BadRequest("任务的幂等键应为 1–200 个字符", "a job key is 1–200 characters", details={"param": "key"})
    now = (conn.info.get(CLOCK_KEY) or REAL).now()
    values = dict(name=name, args=args, run_at=run_at or now, key=key, state="queued", attempts=0, app=app,
                  cause=cause or None, created_at=now, request_id=request_id())  # the request (or job) enqueueing it
    new_id = _statement(conn.dialect.name, key is not None).scalar(conn, values)
    if new_id is not None:
        conn.info[ENQUEUED_KEY] = True
    return new_id


_STATEMENTS: dict = {}


def _statement(dialect: str, keyed: bool):
    """The INSERT ... RETURNING id, built once; with a key, a taken key is skipped (the
    platform runs on PostgreSQL and SQLite, both have ON CONFLICT DO NOTHING)."""
    found = _STATEMENTS.get((dialect, keyed))
    if found is None:
        if keyed:
            insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
            stmt = insert(T).on_conflict_do_nothing(index_elements=["key"])
        else:
            stmt = T.insert()
        found = _STATEMENTS[(dialect, keyed)] = Prepared(stmt.values({c: sa.bindparam(c) for c in _COLUMNS})
                                                         .returning(T.c.id))
    return found


def enqueue_many(conn, name: str, jobs: list[tuple], app: str | None = None, cause: list[dict] | None = None) -> None:
    """Write many jobs of `name` in one statement: `jobs` are (args, run_at, key) tuples;
    a key that exists already is skipped, as with `enqueue`."""
    if not jobs:
        return
    now = (conn.info.get(CLOCK_KEY) or REAL).now()
    rid = request_id()
    rows = [dict(name=name, args=args, run_at=run_at or now, key=key, state="queued", attempts=0, app=app,
                 cause=cause or None, created_at=now, request_id=rid) for args, run_at, key in jobs]
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(insert(T).on_conflict_do_nothing(index_elements=["key"]), rows)
    conn.info[ENQUEUED_KEY] = True
