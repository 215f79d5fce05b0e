"""Time for waits and schedules: durations in minutes, hours, days, working days (Chinese
public holidays off, make-up working days on, from the `chinese-calendar` package) and
trading days (working days that are Monday to Friday: exchanges do not open on make-up
Saturdays). Runs keep server-local naive times (kernel/clock.py); days are counted on the
wall clock of the instance's zone (TRELLIS_TIMEZONE, Asia/Shanghai). Given a runtime, the
days follow the administrators' overrides too (flows/calendar_days.py); working hours and
SLA times are flows/working_time.py's."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ..logic.moment import zone_info

UNITS = ("minutes", "hours", "days", "business_days", "trading_days")
UNIT_LABELS = {"minutes": ("分钟", "minutes"), "hours": ("小时", "hours"), "days": ("天", "days"),
               "business_days": ("个工作日", "working days"), "trading_days": ("个交易日", "trading days")}


def is_business_day(d: date, runtime=None) -> bool:
    """A working day: the runtime's overrides first (when given), then the package, then
    weekdays for a year the package does not know."""
    if runtime is not None:
        from .calendar_days import overrides

        found = overrides(runtime).get(d)
        if found is not None:
            return found[0]
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(d)
    except (ImportError, NotImplementedError):  # a year the package does not know: weekdays
        return d.weekday() < 5


def is_trading_day(d: date, runtime=None) -> bool:
    if runtime is not None:
        from .calendar_days import overrides

        found = overrides(runtime).get(d)
        if found is not None:
            return found[1]
    return d.weekday() < 5 and is_business_day(d)


def to_wall(local: datetime, zone: str) -> datetime:
    """A server-local naive time as the zone's naive wall clock."""
    return local.astimezone(zone_info(zone)).replace(tzinfo=None)


def to_local(wall: datetime, zone: str) -> datetime:
    """The zone's naive wall clock as a server-local naive time."""
    return wall.replace(tzinfo=zone_info(zone)).astimezone().replace(tzinfo=None)


def shift(local: datetime, amount: int, unit: str, zone: str, runtime=None) -> datetime:
    """`local` moved by `amount` (negative: back) units; working and trading days keep the
    time of day and skip the days that do not count (the runtime's overrides too, when given)."""
    if unit == "minutes":
        return local + timedelta(minutes=amount)
    if unit == "hours":
        return local + timedelta(hours=amount)
    if unit == "days":
        return local + timedelta(days=amount)
    counts = is_trading_day if unit == "trading_days" else is_business_day
    wall = to_wall(local, zone)
    step = 1 if amount >= 0 else -1
    left = abs(amount)
    day = wall.date()
    while left:
        day += timedelta(days=step)
        if counts(day, runtime):
            left -= 1
    return to_local(datetime.combine(day, wall.time()), zone)


def text(amount, unit: str) -> tuple[str, str]:
    zh, en = UNIT_LABELS.get(unit, (unit, unit))
    return f"{amount} {zh}", f"{amount} {en}"
