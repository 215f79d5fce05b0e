"""`runtime.jobs`: the one way engines defer work. Register a function under a name,
then enqueue it (in the caller's transaction: `enqueue(conn, ...)` or
`ctx.enqueue(...)` in a lifecycle handler) or `spawn` it (its own transaction, started
at once). Without Redis the in-process scheduler runs jobs; with TRELLIS_REDIS_URL set,
Celery beat and workers do (`celery -A trellis.web.worker worker -B`)."""
from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa

from ..storage.database import writing
from ..storage.models import job as T
from .dispatcher import Dispatcher
from .outbox import enqueue
from .registry import JobRegistry
from .scheduler import Scheduler
from .store import COLUMNS, JobStore

log = logging.getLogger(__name__)


class Jobs:
    """The runtime's job registry, dispatcher and scheduler (or Celery app)."""

    def __init__(self, runtime, redis_url: str | None = None):
        self.runtime = runtime
        self.redis_url = redis_url
        self.registry = JobRegistry()
        self.store = JobStore(runtime.engine)
        self.dispatcher = Dispatcher(self.store, self.registry, lambda: runtime.clock)
        self.scheduler = Scheduler(self.dispatcher)
        self._celery = None

    def register(self, name: str, fn, **policy):
        """Register job function `name` (policy: max_attempts, backoff, backoff_cap, lease)."""
        return self.registry.register(name, fn, **policy)

    @property
    def celery(self):
        """The Celery app when a broker is configured (else None)."""
        if self._celery is None and self.redis_url:
            from .celery_app import make_celery

            self._celery = make_celery(self.redis_url, self)
        return self._celery

    # -- deferring work --------------------------------------------------------------------------
    def enqueue(self, name: str, args=None, *, run_at=None, key: str | None = None, app: str | None = None,
                conn=None, cause: list[dict] | None = None) -> int | None:
        """Enqueue on `conn` (the caller's transaction; the scheduler is woken after its
        commit) or, without one, in a transaction of its own. `cause`: the enqueueing
        write's chain (a lifecycle handler's `ctx.enqueue` gives it)."""
        if conn is not None:
            return enqueue(conn, name, args, run_at, key, app, cause)
        with self.runtime.transaction() as c:
            return enqueue(c, name, args, run_at, key, app, cause)

    def spawn(self, name: str, *args, key: str | None = None, app: str | None = None) -> int | None:
        """Start job `name(*args)` now, durably, without waiting for it; the job id."""
        return self.enqueue(name, list(args), key=key, app=app)

    def wake(self) -> None:
        """Something was enqueued: let the dispatcher look now rather than at its next poll."""
        if self.redis_url:
            try:
                self.celery.send_task("trellis.jobs.tick")
            except Exception:  # the beat's next tick claims it all the same
                log.warning("could not send a tick to the job workers", exc_info=True)
            return
        if self.scheduler.running:
            self.scheduler.wake()

    def start(self) -> None:
        """Start this process's scheduler thread unless it runs (not under Celery: beat
        ticks there). The web app calls it in each serving process (gunicorn's post_fork,
        the first request), never in gunicorn's master; a script or test that wants jobs
        run in the background calls it too, or runs them with `run_due()`."""
        if not self.redis_url and not self.scheduler.running:
            self.scheduler.start()

    # -- running ----------------------------------------------------------------------------------
    def run_due(self, max_jobs: int = 1_000_000) -> int:
        """Run every job due now, here, in this thread (the CLI, tests)."""
        return self.dispatcher.drain(max_jobs)

    def claimed(self, job_id: int, owner: str) -> dict | None:
        """Take over a job still held by `owner` with its lease running, for this process
        (its lease owner becomes `dispatcher.owner`, the lease renewed): a Celery worker does
        before it runs one, so the jobs table shows which worker process runs what. A job
        whose lease ran out while its message waited in the broker was claimed again (by
        another tick, under another owner) and sent anew: only one of the two messages gets it."""
        now = self.runtime.clock.now()
        until = now + timedelta(seconds=self.dispatcher.lease)
        with writing(self.runtime.engine) as conn:
            r = conn.execute(T.update()
                             .where(T.c.id == int(job_id), T.c.state == "running", T.c.lease_owner == owner,
                                    T.c.lease_until >= now)
                             .values(lease_owner=self.dispatcher.owner,
                                     lease_until=sa.case((T.c.lease_until > until, T.c.lease_until), else_=until))
                             .returning(*COLUMNS)).mappings().first()
        return dict(r) if r is not None else None
