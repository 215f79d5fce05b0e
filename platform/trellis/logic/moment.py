"""The current time and the time zone the rule language's date operators read.

`now` and `today` never call the system clock themselves: they ask the clock of the
context (`with logic_time(clock, zone): ...`), an object with `now() -> datetime` (the
runtime's clock, kernel/clock.py: naive server-local or aware) or a fixed datetime. The
instant is turned into the wall clock of the instance's zone (TRELLIS_TIMEZONE, default
Asia/Shanghai), the zone in which date-time field values are kept. Outside any context
the real clock and DEFAULT_ZONE are used. The evaluator reads the context each time a
compiled rule runs; the SQL compiler reads it once, when it compiles (the query's "now").
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..kernel.clock import Clock
from .errors import LogicError

DEFAULT_ZONE = "Asia/Shanghai"
_SYSTEM = Clock()
_TIME: ContextVar[tuple | None] = ContextVar("trellis_logic_time", default=None)


@lru_cache(maxsize=64)
def zone_info(name: str) -> ZoneInfo:
    """The IANA zone `name`; LogicError (bilingual, naming it) when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise LogicError(f"未知的时区 {name}", f"Unknown time zone {name}", code="unknown_timezone",
                         details={"timezone": name}) from None


@contextmanager
def logic_time(clock=None, zone: str | None = None):
    """Date operators inside the block read `clock` (an object with `now()`, or a fixed
    datetime; None: the real clock) in `zone` (an IANA name; None: DEFAULT_ZONE)."""
    zone_info(zone or DEFAULT_ZONE)
    token = _TIME.set((clock, zone))
    try:
        yield
    finally:
        _TIME.reset(token)


def current_zone() -> ZoneInfo:
    ctx = _TIME.get()
    return zone_info((ctx and ctx[1]) or DEFAULT_ZONE)


def wall_now() -> datetime:
    """The context's current time as the zone's naive wall clock, to the second."""
    ctx = _TIME.get()
    clock = ctx[0] if ctx else None
    if clock is None:
        clock = _SYSTEM
    instant = clock if isinstance(clock, datetime) else clock.now()
    return instant.astimezone(current_zone()).replace(tzinfo=None, microsecond=0)
