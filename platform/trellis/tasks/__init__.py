"""The task runner: side effects leave the request.

Task functions are registered by name (`tasks.register(name, fn)`). With a Redis broker
configured (TRELLIS_REDIS_URL) `submit` sends them to Celery workers; without one the
same function runs in-process right away. Both paths call the same function with the
same JSON arguments, so the embedded default behaves like a scaled-out deployment.
`spawn` starts a long task without waiting for it (an import): on a worker when a broker
is configured, else in a background thread of this process, so a request can answer at
once and be polled.
"""
from __future__ import annotations

import logging
import threading

from ..kernel.registry import Registry

log = logging.getLogger(__name__)


class TaskRunner:
    def __init__(self, redis_url: str | None = None):
        self.functions: Registry = Registry("task")
        self.redis_url = redis_url
        self._celery = None

    def register(self, name: str, fn) -> None:
        self.functions.register(name, fn)

    @property
    def celery(self):
        if self._celery is None and self.redis_url:
            from .celery_app import make_celery

            self._celery = make_celery(self.redis_url, self)
        return self._celery

    def submit(self, name: str, *args, **kwargs):
        """Run task `name`: on a Celery worker when a broker is configured, else here."""
        fn = self.functions.get(name)
        if self.celery is not None:
            return self.celery.send_task(f"trellis.{name}", args=args, kwargs=kwargs)
        return fn(*args, **kwargs)

    def spawn(self, name: str, *args, **kwargs):
        """Start task `name` and return at once: Celery's AsyncResult when a broker is
        configured, else the started daemon thread running it here (its exception, if
        any, is logged: a task records its own failure where its caller can see it)."""
        fn = self.functions.get(name)
        if self.celery is not None:
            return self.celery.send_task(f"trellis.{name}", args=args, kwargs=kwargs)

        def run():
            try:
                fn(*args, **kwargs)
            except Exception:
                log.exception("background task %s failed", name)
        thread = threading.Thread(target=run, name=f"trellis-{name}", daemon=True)
        thread.start()
        return thread

    def run_after_commit(self, fn) -> None:
        """Work queued by lifecycle handlers, run once the write has committed."""
        try:
            fn()
        except Exception:  # a failed side effect never undoes a committed write
            log.exception("after-commit task failed")
