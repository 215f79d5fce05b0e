"""The SQL of the jobs table: claiming due jobs, finishing them, renewing leases, and what
admins see and do (list, retry, cancel).

Claiming is one statement: `UPDATE ... WHERE id IN (due ids ... LIMIT n) RETURNING ...`,
with `FOR UPDATE SKIP LOCKED` on PostgreSQL (claimers in parallel take different rows),
and on SQLite behind the write gate (`writing(engine)`: one writer at a time). Due means
queued or failed with `run_at <= now`, or running with an expired lease (its worker died).
Finishing checks the lease owner, so a worker whose lease was taken over changes nothing.
Finished jobs stay (the admin list shows them, their keys stay taken) until purged.
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from ..kernel.errors import Conflict, NotFound
from ..storage.database import writing
from ..storage.models import job as T

STATES = ("queued", "running", "done", "failed", "dead")
WAITING = ("queued", "failed")
COLUMNS = (T.c.id, T.c.name, T.c.args, T.c.attempts, T.c.run_at, T.c.app, T.c.key, T.c.cause, T.c.request_id)


class JobStore:
    """Jobs-table operations on one engine."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.pg = engine.dialect.name == "postgresql"

    # -- the dispatcher ------------------------------------------------------------------------
    def due_condition(self, now: datetime):
        return sa.or_(sa.and_(T.c.state.in_(WAITING), T.c.run_at <= now),
                      sa.and_(T.c.state == "running", T.c.lease_until < now))

    def anything_due(self, now: datetime) -> bool:
        """A read without the write gate: is there a job to claim?"""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(T.c.id).where(self.due_condition(now)).limit(1)).first() is not None

    def next_run_at(self) -> datetime | None:
        """When the earliest waiting job is due (None: nothing waits)."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.min(T.c.run_at)).where(T.c.state.in_(WAITING))).scalar()

    def claim(self, now: datetime, owner: str, limit: int, lease: float) -> list[dict]:
        """Take up to `limit` due jobs for `owner` until `now + lease`; counts the attempt."""
        ids = sa.select(T.c.id).where(self.due_condition(now)).order_by(T.c.run_at, T.c.id).limit(limit)
        if self.pg:
            ids = ids.with_for_update(skip_locked=True)
        stmt = (T.update().where(T.c.id.in_(ids.scalar_subquery()))
                .values(state="running", lease_owner=owner, lease_until=now + timedelta(seconds=lease),
                        attempts=T.c.attempts + 1, started_at=now).returning(*COLUMNS))
        with writing(self.engine) as conn:
            rows = [dict(r) for r in conn.execute(stmt).mappings()]
        rows.sort(key=lambda r: (r["run_at"], r["id"]))
        return rows

    def renew(self, ids: list[int], owner: str, until: datetime) -> None:
        """Extend `owner`'s leases to `until`, never shortening one (the shared simulated
        clock may have moved them past a process's `now` of half a second ago)."""
        if not ids:
            return
        with writing(self.engine) as conn:
            conn.execute(T.update().where(T.c.id.in_(ids), T.c.lease_owner == owner, T.c.state == "running")
                         .values(lease_until=sa.case((T.c.lease_until > until, T.c.lease_until), else_=until)))

    def finish(self, owner: str, now: datetime, done: list[int], retry: list[tuple[int, datetime, str, int]],
               dead: list[tuple[int, str]]) -> None:
        """Record a batch's outcomes in one transaction: done ids; (id, run_at, error,
        attempts) to retry; (id, error) given up on."""
        mine = sa.and_(T.c.lease_owner == owner, T.c.state == "running")
        free = dict(lease_owner=None, lease_until=None)
        with writing(self.engine) as conn:
            if done:
                conn.execute(T.update().where(T.c.id.in_(done), mine)
                             .values(state="done", finished_at=now, last_error=None, **free))
            for job_id, run_at, error, attempts in retry:
                conn.execute(T.update().where(T.c.id == job_id, mine)
                             .values(state="failed", run_at=run_at, last_error=error, attempts=attempts, **free))
            for job_id, error in dead:
                conn.execute(T.update().where(T.c.id == job_id, mine)
                             .values(state="dead", finished_at=now, last_error=error, **free))

    # -- what admins see and do -----------------------------------------------------------------
    def get(self, conn, job_id: int) -> dict:
        r = conn.execute(sa.select(T).where(T.c.id == int(job_id))).mappings().first()
        if r is None:
            raise NotFound(f"任务 {job_id} 不存在", f"job {job_id} not found")
        return dict(r)

    def listing(self, conn, *, state: str | None = None, name: str | None = None, app: str | None = None,
                limit: int = 100, before_id: int | None = None) -> list[dict]:
        q = sa.select(T).order_by(T.c.id.desc()).limit(limit)
        if state:
            q = q.where(T.c.state == state)
        if name:
            q = q.where(T.c.name == name)
        if app:
            q = q.where(T.c.app == app)
        if before_id:
            q = q.where(T.c.id < before_id)
        return [dict(r) for r in conn.execute(q).mappings()]

    def counts(self, conn) -> dict[str, int]:
        rows = conn.execute(sa.select(T.c.state, sa.func.count()).group_by(T.c.state)).all()
        return {s: 0 for s in STATES} | {s: n for s, n in rows}

    def retry(self, job_id: int, now: datetime) -> dict:
        """Run a failed or dead job again now, its attempts counted from zero."""
        with writing(self.engine) as conn:
            row = self.get(conn, job_id)
            done = conn.execute(T.update().where(T.c.id == row["id"], T.c.state.in_(("failed", "dead"))).values(
                state="queued", run_at=now, attempts=0, finished_at=None, lease_owner=None, lease_until=None))
            if not done.rowcount:  # not failed or dead (or claimed since it was read)
                state = self.get(conn, job_id)["state"]
                raise Conflict(f"任务 {job_id} 的状态是 {state},只有失败或终止的任务可以重试",
                               f"job {job_id} is {state}; only failed or dead jobs can be retried", code="job_state")
            return self.get(conn, job_id)

    def purge(self, before: datetime) -> int:
        """Delete done and dead jobs finished before `before` (their keys become free again)."""
        with writing(self.engine) as conn:
            return conn.execute(T.delete().where(T.c.state.in_(("done", "dead")), T.c.finished_at < before)).rowcount

    def cancel(self, job_id: int, now: datetime, who: str) -> dict:
        """Give up on a waiting job (it becomes dead with a note of who cancelled it)."""
        with writing(self.engine) as conn:
            row = self.get(conn, job_id)
            done = conn.execute(T.update().where(T.c.id == row["id"], T.c.state.in_(WAITING)).values(
                state="dead", finished_at=now, last_error=f"cancelled by {who}"))
            if not done.rowcount:  # not waiting (or claimed since it was read)
                state = self.get(conn, job_id)["state"]
                raise Conflict(f"任务 {job_id} 的状态是 {state},只有等待中的任务可以取消",
                               f"job {job_id} is {state}; only queued or failed jobs can be cancelled", code="job_state")
            return self.get(conn, job_id)
