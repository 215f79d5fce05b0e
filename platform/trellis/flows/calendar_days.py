"""The calendar's days: the administrators' overrides (`trellis_calendar_days`: a day declared
working or not, trading or not, with a note) over the `chinese-calendar` package (public
holidays off, make-up working days on), and plain weekdays for the years the package does
not know. Trading days are working days Monday to Friday (exchanges stay closed on make-up
Saturdays) unless an override says otherwise.

The overrides are read once per runtime into a cache (day -> (working, trading)), kept for
a minute at most (other processes' saves show within that), and dropped when saved here.
"""
from __future__ import annotations

import threading
import time as clock_time
import weakref
from datetime import date, timedelta

import sqlalchemy as sa

from ..storage.models import calendar_day

CACHE_SECONDS = 60.0
_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # runtime -> (read at, {day: (w, t)})
_lock = threading.Lock()


def package_answer(d: date) -> tuple[bool, str | None] | None:
    """(is a working day, the package's holiday name or None), or None for a year the
    package does not know."""
    try:
        import chinese_calendar

        working = chinese_calendar.is_workday(d)
        _, name = chinese_calendar.get_holiday_detail(d)
    except (ImportError, NotImplementedError):
        return None
    return working, name


def package_knows(year: int) -> bool:
    return package_answer(date(year, 1, 1)) is not None


def package_day(d: date) -> tuple[bool, bool, str]:
    """(working, trading, source) without overrides: source `package` or `weekday`."""
    known = package_answer(d)
    working = known[0] if known is not None else d.weekday() < 5
    return working, working and d.weekday() < 5, "package" if known is not None else "weekday"


def holiday_name(d: date) -> dict | None:
    """The package's name of the holiday a day belongs to ({zh, en}), when it gives one."""
    known = package_answer(d)
    if not known or not known[1]:
        return None
    try:
        from chinese_calendar import Holiday

        return {"zh": Holiday(known[1]).chinese, "en": known[1]}
    except (ImportError, ValueError):
        return {"zh": known[1], "en": known[1]}


def overrides(runtime, conn: sa.Connection | None = None) -> dict:
    """day -> (working, trading) of every override (cached per runtime)."""
    now = clock_time.monotonic()
    with _lock:
        hit = _cache.get(runtime)
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    query = sa.select(calendar_day.c.day, calendar_day.c.working, calendar_day.c.trading)
    if conn is not None:
        rows = conn.execute(query).all()
    else:
        with runtime.engine.connect() as c:
            rows = c.execute(query).all()
    found = {r.day: (bool(r.working), bool(r.trading)) for r in rows}
    with _lock:
        _cache[runtime] = (now, found)
    return found


def forget(runtime) -> None:
    """Drop the cached overrides (after a save)."""
    with _lock:
        _cache.pop(runtime, None)


def _after_commit(runtime, conn) -> None:
    forget(runtime)
    pending = conn.info.get("trellis_after_commit")
    if pending is not None:
        pending.append(lambda: forget(runtime))


def override_row(conn, d: date) -> dict | None:
    row = conn.execute(sa.select(calendar_day).where(calendar_day.c.day == d)).mappings().first()
    return dict(row) if row else None


def save(runtime, conn, d: date, working: bool, trading: bool, note: str | None, user_id, at) -> dict:
    """Write one override (replacing the day's earlier one) in the caller's transaction."""
    conn.execute(calendar_day.delete().where(calendar_day.c.day == d))
    row = {"day": d, "working": bool(working), "trading": bool(trading), "note": note,
           "updated_by": user_id, "updated_at": at}
    conn.execute(calendar_day.insert().values(**row))
    _after_commit(runtime, conn)
    _trading_days_again(runtime, conn)
    return row


def delete(runtime, conn, d: date) -> bool:
    """Remove a day's override (the package answers again); False when there was none."""
    gone = conn.execute(calendar_day.delete().where(calendar_day.c.day == d)).rowcount
    _after_commit(runtime, conn)
    _trading_days_again(runtime, conn)
    return bool(gone)


def _trading_days_again(runtime, conn) -> None:
    """Reports' trading days follow the calendar (flows/trading_days.py)."""
    from .trading_days import refill

    refill(runtime, conn)


def day_json(d: date, row: dict | None) -> dict:
    working, trading, source = package_day(d)
    out = {"day": d.isoformat(), "working": working, "trading": trading, "note": None, "source": source,
           "holiday": holiday_name(d), "weekend": d.weekday() >= 5,
           "package": {"working": working, "trading": trading}}
    if row is not None:
        out.update(working=bool(row["working"]), trading=bool(row["trading"]), note=row["note"], source="override",
                   updated_by=row["updated_by"])
    return out


def year_days(conn, year: int) -> list[dict]:
    """Every day of `year` as the calendar answers it (overrides marked `source: override`)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows = conn.execute(sa.select(calendar_day).where(calendar_day.c.day.between(first, last))).mappings().all()
    by_day = {r["day"]: dict(r) for r in rows}
    out, d = [], first
    while d <= last:
        out.append(day_json(d, by_day.get(d)))
        d += timedelta(days=1)
    return out
