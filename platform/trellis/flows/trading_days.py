"""The trading day of each calendar day (`trellis_trading_days`): the day itself when the
exchanges trade, else the next trading day, by the calendar that counts SLA times
(flows/working_time.py: the administrators' overrides, then chinese-calendar, whose
make-up Saturdays are no trading days). A report's `trading_day` period groups by it
(records/date_buckets.py), a date-time shifted three hours first so a night session
(21:00 on) counts for the next trading day, as the exchanges count it.

It lives with the calendar it follows; reports read it. The table covers FIRST_YEAR to two years past today; it is filled the first time a report
asks for it and filled again when an administrator changes a day of the calendar."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import sqlalchemy as sa

from .working_time import WorkingTime
from ..storage.models import trading_day as table

FIRST_YEAR = 2000
_filled: set = set()
_lock = threading.Lock()


def rows(runtime, conn, last_year: int) -> list[dict]:
    wt = WorkingTime(runtime, conn=conn)
    day, end = date(FIRST_YEAR, 1, 1), date(last_year, 12, 31)
    out, waiting = [], []
    while day <= end or waiting:
        waiting.append(day)
        if wt.is_trading_day(day):
            out += [{"day": d, "trading_day": day} for d in waiting if d <= end]
            waiting = []
        day += timedelta(days=1)
    return out


def refill(runtime, conn) -> None:
    """Fill the table again (in the caller's transaction: an administrator's calendar change)."""
    conn.execute(table.delete())
    conn.execute(table.insert(), rows(runtime, conn, runtime.clock.now().year + 2))
    with _lock:
        _filled.add(id(runtime))
    reports = getattr(runtime, "reports", None)
    pending = conn.info.get("trellis_after_commit")
    if reports is not None and pending is not None:  # the columnar replica's copy is stale
        pending.append(lambda: reports.cache.bump("_platform", ["trellis_trading_days"]))


def ensure(runtime) -> None:
    """Fill the table when it is empty or ends before next year."""
    if id(runtime) in _filled:
        return
    with runtime.engine.connect() as conn:
        last = conn.execute(sa.select(sa.func.max(table.c.day))).scalar()
    if last is None or (last if isinstance(last, date) else date.fromisoformat(str(last))).year <= runtime.clock.now().year:
        with runtime.transaction() as conn:
            refill(runtime, conn)
    with _lock:
        _filled.add(id(runtime))


def drill_rule(runtime, field: str, label: str, timed: bool) -> dict | None:
    """The records that count for trading day `label`: the days after the trading day before
    it up to it (a date-time: from the previous trading day's 21:00 to its own)."""
    try:
        day = date.fromisoformat(str(label))
    except ValueError:
        return None
    ensure(runtime)
    with runtime.engine.connect() as conn:
        before = conn.execute(sa.select(sa.func.max(table.c.trading_day)).where(table.c.trading_day < day)).scalar()
    if before is None:
        return None
    before = before if isinstance(before, date) else date.fromisoformat(str(before))
    if timed:
        return {"and": [{">=": [{"var": field}, f"{before.isoformat()}T21:00:00"]},
                        {"<": [{"var": field}, f"{day.isoformat()}T21:00:00"]}]}
    return {"and": [{">": [{"var": field}, before.isoformat()]}, {"<=": [{"var": field}, day.isoformat()]}]}
