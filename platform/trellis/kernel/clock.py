"""The runtime's clock: `runtime.clock.now()` is the one "now" the engines read: for
scheduling (a job's `run_at`, a lease, a timer) and for the timestamps a write stamps
(a record's created/updated/deleted time, an audit entry's time). The real clock by default; tests and
`trellis jobs run --until ... --simulate` put a `SimulatedClock` in its place, so "three
days later" runs in milliseconds. Times are naive server-local datetimes, as the
platform stores its timestamps (see kernel/timestamps.py).

A write transaction carries its runtime's clock on the connection (`conn.info[CLOCK_KEY]`,
set by `Runtime.transaction`), so code given only a connection reads the same time:
`now_on(conn)`."""
from __future__ import annotations

from datetime import datetime


CLOCK_KEY = "trellis_clock"  # conn.info: the clock of the transaction's runtime


class Clock:
    """The real clock: the server's local time, naive."""

    def now(self) -> datetime:
        return datetime.now()


REAL = Clock()


def now_on(conn) -> datetime:
    """The time of the clock `conn`'s transaction runs under (the real clock outside one),
    to the second."""
    return (conn.info.get(CLOCK_KEY) or REAL).now().replace(microsecond=0)
