"""The dispatcher: claims due jobs in batches, runs each by its registered name and
records the outcome (done; failed and due again after a backoff; dead after the name's
attempt limit). The same code runs in the in-process scheduler, in `trellis jobs run`
and, split in two (claim on the beat's tick, run on a worker), under Celery.

While jobs run, a heartbeat thread of the process renews their leases, so only a worker
that died (or stopped answering) loses its jobs to another claimer. Handlers are
expected to be idempotent: a job whose worker died mid-run runs again.
"""
from __future__ import annotations

import logging
import os
import random
import socket
import threading
import traceback
import uuid
from contextlib import nullcontext
from datetime import timedelta

from .backoff import delay
from ..kernel.cause import handling
from ..kernel.defer import Defer
from ..kernel import logs, metrics
from .registry import JobRegistry
from .spec import JobSpec
from .store import JobStore

log = logging.getLogger(__name__)
DEFAULT_LEASE = float(os.environ.get("TRELLIS_JOB_LEASE_SECONDS") or 60)
# the longest lease any job gets, whatever its name asks (a test that kills workers waits less)
MAX_LEASE = float(os.environ.get("TRELLIS_JOB_LEASE_MAX_SECONDS") or "inf")
_ALONE = object()  # a job not run with its batch


def call(fn, args):
    """A job function gets its JSON arguments as keywords (an object) or positions (an array)."""
    if isinstance(args, dict):
        return fn(**args)
    return fn(*(args or ()))


_LAGS: dict = {}
_RUNS: dict = {}


def _lag(name: str):
    """The job lag histogram's child for `name` (kept: `labels()` takes a lock and builds a key)."""
    child = _LAGS.get(name)
    if child is None:
        child = _LAGS[name] = metrics.JOB_LAG.labels(name)
    return child


def _runs(name: str, outcome: str):
    child = _RUNS.get((name, outcome))
    if child is None:
        child = _RUNS[(name, outcome)] = metrics.JOB_RUNS.labels(name, outcome)
    return child


class Dispatcher:
    """Claims and runs jobs of one database for this process. `clock` is a callable
    answering the runtime's current clock (it may be swapped for a simulated one)."""

    def __init__(self, store: JobStore, registry: JobRegistry, clock, *, batch: int = 100,
                 lease: float = DEFAULT_LEASE, rng: random.Random | None = None):
        self.store = store
        self.registry = registry
        self.clock = clock
        self.batch = batch
        self.lease = lease
        self.rng = rng or random.Random()
        self._pid = None
        self._owner = ""
        self._active: dict[int, tuple[str, float]] = {}   # job id -> (lease owner, lease seconds)
        self._lock = threading.Lock()
        self._beat: threading.Thread | None = None

    @property
    def owner(self) -> str:
        """This process's lease owner name (a forked child gets its own)."""
        if self._pid != os.getpid():
            self._pid = os.getpid()
            self._owner = f"{socket.gethostname()[:60]}:{self._pid}:{uuid.uuid4().hex[:8]}"
            self._beat = None
        return self._owner

    def now(self):
        return self.clock().now()

    # -- claim and run -------------------------------------------------------------------------
    def claim(self, limit: int | None = None, *, owner: str | None = None, lease: float | None = None,
              look_first: bool = True) -> list[dict]:
        """Claim due jobs; `look_first` reads whether any is due before taking the write
        turn (an idle poll then writes nothing)."""
        now = self.now()
        if look_first and not self.store.anything_due(now):
            return []
        return self.store.claim(now, owner or self.owner, limit or self.batch, lease or self.lease)

    def run_due(self, limit: int | None = None, *, look_first: bool = True) -> int:
        """Claim one batch of due jobs and run it here; the number of jobs claimed."""
        jobs = self.claim(limit, look_first=look_first)
        if jobs:
            self.execute(jobs, self.owner)
        return len(jobs)

    def drain(self, max_jobs: int = 1_000_000) -> int:
        """Run batches until nothing is due (or `max_jobs` were claimed)."""
        total, full = 0, False
        while total < max_jobs:
            n = self.run_due(min(self.batch, max_jobs - total), look_first=not full)
            if not n:
                break
            total += n
            full = n == self.batch  # a full batch: more are likely due, claim without looking
        return total

    def execute(self, jobs: list[dict], owner: str) -> dict[int, str]:
        """Run claimed jobs (held by `owner`) one after the other and record the
        outcomes in one transaction; answers {job id: outcome}."""
        done, retry, dead, outcome = [], [], [], {}
        with self._lock:
            for j in jobs:
                self._active[j["id"]] = (owner, self._lease_of(j["name"]))
        self._ensure_heartbeat()
        started = self.now()
        for j in jobs:
            _lag(j["name"]).observe(max(0.0, (started - j["run_at"]).total_seconds()))
        try:
            together = self._together(jobs)
            for j in jobs:
                with logs.bound(job_id=j["id"], job=j["name"], request_id=j.get("request_id")):
                    result = outcome[j["id"]] = self._run_one(j, done, retry, dead, together.get(j["id"], _ALONE))
                    if log.isEnabledFor(logging.DEBUG):
                        log.debug("job %s #%s: %s", j["name"], j["id"], result, extra={"outcome": result})
                _runs(j["name"], result).inc()
        finally:
            with self._lock:
                for j in jobs:
                    self._active.pop(j["id"], None)
        self.store.finish(owner, self.now(), done, retry, dead)
        return outcome

    def _lease_of(self, name: str) -> float:
        lease = max(self.lease, self.registry.get(name).lease) if name in self.registry else self.lease
        return min(lease, MAX_LEASE)

    def _together(self, jobs: list[dict]) -> dict:
        """Run the jobs whose name has a `many` function, a call per name; {job id: None
        (done) or the exception it failed with}. A `many` that raises fails all its jobs."""
        groups: dict[str, list[dict]] = {}
        for j in jobs:
            if j["name"] in self.registry and self.registry.get(j["name"]).many is not None and \
                    j["attempts"] <= self.registry.get(j["name"]).max_attempts:
                groups.setdefault(j["name"], []).append(j)
        out = {}
        for name, group in groups.items():
            ids = {j.get("request_id") for j in group}
            try:
                with logs.bound(job=name, request_id=ids.pop() if len(ids) == 1 else None):
                    results = self.registry.get(name).many([j["args"] for j in group])
            except Exception as e:  # recorded on each job of the call
                log.warning("jobs %s (%d at once) failed: %s", name, len(group), e)
                results = [e] * len(group)
            out.update({j["id"]: r for j, r in zip(group, results)})
        return out

    def _run_one(self, j: dict, done: list, retry: list, dead: list, result=_ALONE) -> str:
        name, attempts = j["name"], j["attempts"]
        if name not in self.registry:
            error = f"unknown job {name!r} (not registered in this process)"
            limit, base, cap = JobSpec.max_attempts, JobSpec.backoff, JobSpec.backoff_cap  # the defaults
        else:
            spec = self.registry.get(name)
            limit, base, cap = spec.max_attempts, spec.backoff, spec.backoff_cap
            if attempts > limit:  # its last attempt's worker died: give up
                dead.append((j["id"], f"gave up after {limit} attempts (the last one's lease expired)"))
                return "dead"
            try:
                if result is not _ALONE:  # run together with its batch (see _together)
                    if result is not None:
                        raise result
                else:
                    with handling(j["cause"], name) if j.get("cause") else nullcontext():
                        call(spec.fn, j["args"])  # writes it makes continue the enqueueing write's chain
                done.append(j["id"])
                return "done"
            except Defer as d:
                retry.append((j["id"], self.now() + timedelta(seconds=d.seconds), str(d), attempts - 1))
                return "deferred"
            except Exception as e:  # a job's failure is recorded on the job, never raised here
                log.warning("job %s #%s attempt %s failed: %s", name, j["id"], attempts, e)
                error = "".join(traceback.format_exception_only(type(e), e)).strip()[:2000]
        if attempts >= limit:
            dead.append((j["id"], error))
            return "dead"
        wait = delay(attempts, base, cap, self.rng)
        retry.append((j["id"], self.now() + timedelta(seconds=wait), error, attempts))
        return "failed"

    # -- leases ---------------------------------------------------------------------------------
    def _ensure_heartbeat(self) -> None:
        self.owner  # noqa: B018  (resets the thread handle in a forked child)
        with self._lock:
            if self._beat is not None and self._beat.is_alive():
                return
            self._beat = threading.Thread(target=self._heartbeat, name="trellis-job-heartbeat", daemon=True)
            self._beat.start()

    def _heartbeat(self) -> None:
        me = threading.current_thread()
        while self._beat is me:
            threading.Event().wait(max(1.0, min(self.lease, MAX_LEASE) / 4))
            with self._lock:
                active = dict(self._active)
            if not active:
                continue
            by_owner: dict[tuple[str, float], list[int]] = {}
            for job_id, key in active.items():
                by_owner.setdefault(key, []).append(job_id)
            for (owner, lease), ids in by_owner.items():
                try:
                    self.store.renew(ids, owner, self.now() + timedelta(seconds=lease))
                except Exception:  # a busy database: the next beat tries again
                    log.warning("renewing job leases failed", exc_info=True)
