"""An exception a job raises to be run again later without counting as a failure (here,
in the kernel, so that engines below the jobs package can raise it)."""
from __future__ import annotations


class Defer(Exception):
    """Run this job again in `seconds` (the attempt is not counted): the handler found
    that it cannot act yet, e.g. another live process still holds what it needs."""

    def __init__(self, seconds: float, reason: str = ""):
        super().__init__(reason or f"deferred {seconds}s")
        self.seconds = float(seconds)
