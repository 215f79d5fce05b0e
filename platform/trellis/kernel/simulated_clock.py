"""A clock that stands still until it is set or advanced (tests, simulation runs)."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

from .clock import Clock


class SimulatedClock(Clock):
    """`now()` answers the time it was last set to; `set` never moves it backwards unless
    asked (`allow_back=True`), so a simulation's events stay in order."""

    def __init__(self, start: datetime | None = None):
        self._now = start or datetime.now()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime, *, allow_back: bool = False) -> datetime:
        with self._lock:
            if allow_back or when > self._now:
                self._now = when
            return self._now

    def advance(self, delta: timedelta | float) -> datetime:
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        with self._lock:
            self._now += step
            return self._now
