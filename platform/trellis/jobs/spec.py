"""What the registry keeps for one job name: its function and how it is retried."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class JobSpec:
    """A job function and its retry policy: at most `max_attempts` runs, the n-th retry
    waiting about `backoff * 2**(n-1)` seconds (with jitter, at most `backoff_cap`), and a
    lease of `lease` seconds, renewed while it runs, after which a silent worker's job is
    claimed again."""

    name: str
    fn: Callable
    max_attempts: int = 5
    backoff: float = 2.0
    backoff_cap: float = 3600.0
    lease: float = 60.0
