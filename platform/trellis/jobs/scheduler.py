"""The in-process scheduler (the embedded default, no Redis): one daemon thread per
process that sleeps until the next job is due (at most `poll` seconds, or until woken by
a commit that enqueued a job), claims a batch and hands it to a small pool of runner
threads, so a long job (an import) does not hold up the short ones.

It is started lazily, in the process that serves (the first request or enqueue, or
gunicorn's post_fork), never in gunicorn's master: a thread does not survive a fork,
and `start()` notices a new pid and starts a fresh one. Several workers each run one;
the claim query hands every job to exactly one of them.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from . import beat
from .dispatcher import Dispatcher

log = logging.getLogger(__name__)


class Scheduler:
    """A thread that keeps claiming due jobs for this process."""

    def __init__(self, dispatcher: Dispatcher, *, poll: float | None = None, threads: int | None = None):
        self.dispatcher = dispatcher
        self.poll = poll if poll is not None else float(os.environ.get("TRELLIS_JOB_POLL_SECONDS") or 0.5)
        self.threads = threads or int(os.environ.get("TRELLIS_JOB_THREADS") or 2)
        self._pid = None
        self._thread: threading.Thread | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._inflight = 0
        self._lock = threading.Lock()
        self._turn = threading.Lock()  # held while claiming; `paused()` takes it to stop claims
        self._paused = 0

    @property
    def running(self) -> bool:
        return self._pid == os.getpid() and self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start this process's thread unless it runs already."""
        with self._lock:
            if self.running:
                return
            self._pid = os.getpid()
            self._stop = threading.Event()
            self._inflight = 0
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="trellis-job")
            self._thread = threading.Thread(target=self._loop, name="trellis-jobs", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._pid == os.getpid():
            self._thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        self._thread = None

    def _loop(self) -> None:
        stop = self._stop
        while not stop.is_set():
            try:
                beat.beat(self.dispatcher.store.engine)  # for /readyz; writes at most every few seconds
                with self._turn:
                    jobs = self.dispatcher.claim() if self._inflight < self.threads and not self._paused else []
                    if jobs:
                        with self._lock:
                            self._inflight += 1
                        self._pool.submit(self._run, jobs)
                if jobs:
                    continue
                self._wake.wait(self._sleep())
                self._wake.clear()
            except Exception:  # the database away for a moment: try again after a pause
                log.warning("job scheduler: claiming failed", exc_info=True)
                stop.wait(min(5.0, self.poll * 4))

    @contextmanager
    def paused(self, timeout: float = 60):
        """No claims by this thread while the block runs (a simulation runs the jobs
        itself, on its own clock); batches already running are waited for."""
        with self._turn:
            self._paused += 1
        try:
            deadline = time.monotonic() + timeout
            while self._inflight and time.monotonic() < deadline:
                time.sleep(0.01)
            yield
        finally:
            with self._turn:
                self._paused -= 1
            self._wake.set()

    def _sleep(self) -> float:
        """Until the next job is due, at most `poll` seconds (expired leases are found then)."""
        if self._inflight >= self.threads or self._paused:
            return self.poll
        nxt = self.dispatcher.store.next_run_at()
        if nxt is None:
            return self.poll
        left = (nxt - self.dispatcher.now()).total_seconds()
        return max(0.005, min(self.poll, left))

    def _run(self, jobs: list[dict]) -> None:
        try:
            self.dispatcher.execute(jobs, self.dispatcher.owner)
        except Exception:
            log.exception("job scheduler: a batch could not be recorded (its leases will expire)")
        finally:
            with self._lock:
                self._inflight -= 1
            self._wake.set()
