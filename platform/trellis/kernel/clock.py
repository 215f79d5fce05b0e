"""The runtime's clock: `runtime.clock.now()` is the one "now" the engines read for
scheduling (a job's `run_at`, a lease, a timer). The real clock by default; tests and
`trellis jobs run --until ... --simulate` put a `SimulatedClock` in its place, so "three
days later" runs in milliseconds. Times are naive server-local datetimes, as the
platform stores its timestamps (see kernel/timestamps.py)."""
from __future__ import annotations

from datetime import datetime


class Clock:
    """The real clock: the server's local time, naive."""

    simulated = False

    def now(self) -> datetime:
        return datetime.now()
