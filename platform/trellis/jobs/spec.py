"""What the registry keeps for one job name: its function and how it is retried."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class JobSpec:
    """A job function and its retry policy: at most `max_attempts` runs, the n-th retry
    waiting about `backoff * 2**(n-1)` seconds (with jitter, at most `backoff_cap`), and a
    lease of `lease` seconds, renewed while it runs, after which a silent worker's job is
    claimed again. `many`, when given, takes the arguments of every job of this name in a
    claimed batch and answers, per job, None (done) or the exception it failed with: one
    call does the batch's work together (one transaction, calls to a provider in parallel)."""

    name: str
    fn: Callable
    max_attempts: int = 5
    backoff: float = 2.0
    backoff_cap: float = 3600.0
    lease: float = 60.0
    many: Callable | None = None  # runs a claimed batch of this name at once (see the dispatcher)
