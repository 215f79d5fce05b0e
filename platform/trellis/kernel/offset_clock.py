"""A clock that runs with real time, shifted by an offset kept somewhere every process of
an instance reads (the shared simulated clock: see trellis.jobs.shared_clock). `read`
answers the offset in seconds; it is read again at most every `ttl` seconds, so "now"
costs a call to `datetime.now()` and, twice a second, one small read."""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta
from typing import Callable

from .clock import Clock

log = logging.getLogger(__name__)


class OffsetClock(Clock):
    """`now()` = the real clock + the offset `read()` last answered. A failing read keeps
    the offset known before (0 at first: before the instance's tables exist)."""

    def __init__(self, read: Callable[[], float], ttl: float = 0.5):
        self._read = read
        self.ttl = ttl
        self._offset = 0.0
        self._next = 0.0  # time.monotonic() at which the offset is read again
        self._lock = threading.Lock()
        self._warned = False

    @property
    def offset(self) -> float:
        """The offset in seconds, read again when older than `ttl`."""
        t = time.monotonic()
        if t >= self._next:
            with self._lock:
                if t >= self._next:
                    try:
                        self._offset = float(self._read() or 0)
                        self._warned = False
                    except Exception:  # the database is away or not made yet: keep the last one
                        if not self._warned:
                            log.warning("could not read the shared clock's offset", exc_info=True)
                            self._warned = True
                    self._next = time.monotonic() + self.ttl
        return self._offset

    def refresh(self) -> None:
        """Read the offset at the next `now()` (after this process moved it)."""
        self._next = 0.0

    def now(self) -> datetime:
        offset = self.offset
        return datetime.now() + timedelta(seconds=offset) if offset else datetime.now()
