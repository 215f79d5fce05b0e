"""Durable deferred work: one table (`trellis_jobs`) for the transactional outbox, timers
and retries.

- `outbox.enqueue(conn, name, args, run_at=None, key=None)` writes a job in the caller's
  transaction (rolled back: nothing; committed: never lost; a `key` makes it idempotent);
- `registry.JobRegistry`: job functions by name, each with its retry policy (`spec.JobSpec`);
- `store.JobStore`: the SQL (claim with SKIP LOCKED on PostgreSQL, behind the write gate on
  SQLite; finish; renew leases; list / retry / cancel);
- `dispatcher.Dispatcher`: claims due jobs in batches, runs them, backs off failures
  (`backoff.delay`, exponential with jitter) up to the limit, then `dead`; `Defer`
  (trellis.kernel.defer)
  asks for a later run without counting a failure;
- `scheduler.Scheduler`: the in-process thread (embedded default); `celery_app`: beat
  ticks and workers (TRELLIS_REDIS_URL set); the same job functions either way;
- `service.Jobs`: `runtime.jobs`, what engines use; `simulation`: `trellis jobs run
  --until ... --simulate` on the runtime's injectable clock (`trellis.kernel.clock`).
"""
from __future__ import annotations

from ..kernel.defer import Defer
from .outbox import enqueue

__all__ = ["Defer", "enqueue"]
