"""Working time for SLAs of human steps: due times and time left counted in working hours
(09:00-12:00 and 13:00-18:00 on working days by default; TRELLIS_WORKING_HOURS, e.g.
"09:00-12:00,13:00-18:00"), working days, trading days, or plain hours, days and minutes.

Working and trading days are the calendar's (flows/calendar_days.py): the administrators'
overrides first, then the `chinese-calendar` package, then weekdays. Times are server-local
naive datetimes (kernel/clock.py); days and hours are counted on the wall clock of the
runtime's zone (TRELLIS_TIMEZONE, Asia/Shanghai).

    wt = WorkingTime(runtime)
    due = wt.add(now, 8, "working_hours")
    remind = wt.add(due, -2, "working_hours")
    wt.left(now, due)        # working minutes left, negative when overdue
"""
from __future__ import annotations

import logging
import math
import os
import re
from datetime import date, datetime, timedelta

from . import calendar
from .calendar_days import overrides

log = logging.getLogger(__name__)

UNITS = ("working_hours", "business_days", "trading_days", "hours", "days", "minutes")
DEFAULT_HOURS = "09:00-12:00,13:00-18:00"
HOURS_ENV = "TRELLIS_WORKING_HOURS"
MAX_DAYS = 366 * 100  # days scanned at most for one answer (a calendar with no working day left)
_PERIOD = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_hours(text: str) -> tuple[tuple[int, int], ...]:
    """"09:00-12:00,13:00-18:00" as minutes of the day ((540, 720), (780, 1080)); periods
    in order, not overlapping, each ending after it starts (24:00 may end the last)."""
    periods: list[tuple[int, int]] = []
    for part in (text or "").split(","):
        m = _PERIOD.match(part)
        if not m:
            raise ValueError(f"working hours {part.strip()!r} are not HH:MM-HH:MM")
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if h1 > 23 or m1 > 59 or m2 > 59 or end > 24 * 60 or end <= start:
            raise ValueError(f"working hours {part.strip()!r} are not a period of one day")
        if periods and start < periods[-1][1]:
            raise ValueError(f"working hours {part.strip()!r} overlap or come before the previous period")
        periods.append((start, end))
    return tuple(periods)


def configured_hours() -> tuple[tuple[int, int], ...]:
    """The instance's working hours (TRELLIS_WORKING_HOURS); the default when unreadable."""
    text = os.environ.get(HOURS_ENV) or DEFAULT_HOURS
    try:
        return parse_hours(text)
    except ValueError as e:
        log.warning("%s=%r ignored (%s); using %s", HOURS_ENV, text, e, DEFAULT_HOURS)
        return parse_hours(DEFAULT_HOURS)


class WorkingTime:
    """Working days, trading days and working hours of one runtime (its zone, its calendar
    overrides). `hours`: working periods as minutes of the day (default: configured_hours())."""

    def __init__(self, runtime, hours=None, conn=None):
        self.runtime = runtime
        self.zone = runtime.timezone
        self.periods = parse_hours(hours) if isinstance(hours, str) else tuple(hours or configured_hours())
        self._conn = conn  # a connection to read the overrides on (inside a transaction)

    # -- days ------------------------------------------------------------------------
    def _override(self, d: date):
        return overrides(self.runtime, self._conn).get(d)

    def is_working_day(self, d: date) -> bool:
        found = self._override(d)
        return found[0] if found is not None else calendar.is_business_day(d)

    def is_trading_day(self, d: date) -> bool:
        found = self._override(d)
        return found[1] if found is not None else calendar.is_trading_day(d)

    # -- moving a time ---------------------------------------------------------------
    def add(self, start_local: datetime, amount, unit: str) -> datetime:
        """`start_local` moved by `amount` units (negative: back, for "before due" reminders).
        working_hours: only working time counts; a start outside it counts from the next
        working moment (back: from the last one). business_days / trading_days keep the
        time of day; hours, days and minutes are plain durations."""
        if unit not in UNITS:
            raise ValueError(f"unknown unit {unit!r}: one of {', '.join(UNITS)}")
        if unit == "minutes":
            return start_local + timedelta(minutes=amount)
        if unit == "hours":
            return start_local + timedelta(hours=amount)
        if unit == "days":
            return start_local + timedelta(days=amount)
        if unit in ("business_days", "trading_days"):
            return self._shift_days(start_local, int(amount), unit)
        minutes = round(amount * 60)
        if minutes == 0:
            return start_local
        wall = calendar.to_wall(start_local, self.zone)
        moved = self._forward(wall, minutes) if minutes > 0 else self._backward(wall, -minutes)
        return calendar.to_local(moved, self.zone)

    def _shift_days(self, start_local: datetime, amount: int, unit: str) -> datetime:
        counts = self.is_trading_day if unit == "trading_days" else self.is_working_day
        wall = calendar.to_wall(start_local, self.zone)
        step, left, day = (1 if amount >= 0 else -1), abs(amount), wall.date()
        for _ in range(left + MAX_DAYS):
            if not left:
                break
            day += timedelta(days=step)
            if counts(day):
                left -= 1
        else:
            raise ValueError("no working day found within a century")
        return calendar.to_local(datetime.combine(day, wall.time()), self.zone)

    def _spans(self, day: date):
        midnight = datetime.combine(day, datetime.min.time())
        return [(midnight + timedelta(minutes=a), midnight + timedelta(minutes=b)) for a, b in self.periods]

    def _forward(self, wall: datetime, minutes: int) -> datetime:
        left, cursor, day = timedelta(minutes=minutes), wall, wall.date()
        for _ in range(MAX_DAYS + minutes // 60):
            if self.is_working_day(day):
                for start, end in self._spans(day):
                    begin = max(cursor, start)
                    if begin >= end:
                        continue
                    if left <= end - begin:
                        return begin + left
                    left -= end - begin
            day += timedelta(days=1)
            cursor = datetime.combine(day, datetime.min.time())
        raise ValueError("no working time found within a century")

    def _backward(self, wall: datetime, minutes: int) -> datetime:
        left, cursor, day = timedelta(minutes=minutes), wall, wall.date()
        for _ in range(MAX_DAYS + minutes // 60):
            if self.is_working_day(day):
                for start, end in reversed(self._spans(day)):
                    finish = min(cursor, end)
                    if finish <= start:
                        continue
                    if left <= finish - start:
                        return finish - left
                    left -= finish - start
            cursor = datetime.combine(day, datetime.min.time())
            day -= timedelta(days=1)
        raise ValueError("no working time found within a century")

    # -- time left -------------------------------------------------------------------
    def working_minutes(self, a_local: datetime, b_local: datetime) -> float:
        """Working minutes from a to b (a <= b; 0 otherwise)."""
        a, b = calendar.to_wall(a_local, self.zone), calendar.to_wall(b_local, self.zone)
        if b <= a:
            return 0.0
        total, day = timedelta(0), a.date()
        if (b.date() - day).days > MAX_DAYS:
            raise ValueError("a span of more than a century")
        while day <= b.date():
            if self.is_working_day(day):
                for start, end in self._spans(day):
                    lo, hi = max(a, start), min(b, end)
                    if hi > lo:
                        total += hi - lo
            day += timedelta(days=1)
        return total.total_seconds() / 60

    def left(self, now_local: datetime, due_local: datetime) -> int:
        """Whole working minutes from now until due; negative when overdue (at least -1 once
        the due time has passed, even when no working time passed since)."""
        if due_local >= now_local:
            return math.floor(self.working_minutes(now_local, due_local))
        return -max(1, math.ceil(self.working_minutes(due_local, now_local)))
