"""Job functions by name: the name stored in a job row is the key the dispatcher looks
up when it runs the job, in whichever process (the in-process scheduler, a Celery
worker); the same function runs either way."""
from __future__ import annotations

from ..kernel.registry import Registry
from .spec import JobSpec


class JobRegistry:
    """Names -> `JobSpec`s; a name is registered once (engines and plugins add theirs at
    start-up, and may do so after the Celery app was made: workers look names up when a
    job runs, never from a snapshot)."""

    def __init__(self):
        self._specs: Registry[JobSpec] = Registry("job")

    def register(self, name: str, fn, *, max_attempts: int = 5, backoff: float = 2.0,
                 backoff_cap: float = 3600.0, lease: float = 60.0, many=None) -> JobSpec:
        spec = JobSpec(name, fn, max_attempts=max_attempts, backoff=backoff, backoff_cap=backoff_cap, lease=lease,
                       many=many)
        self._specs.register(name, spec)
        return spec

    def get(self, name: str) -> JobSpec:
        return self._specs.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._specs
