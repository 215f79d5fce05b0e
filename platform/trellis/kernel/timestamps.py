"""Timestamps in answers. The platform stores its own timestamps (created_at, updated_at,
published_at, an audit entry's at, ...) naive, in the server's local time (`datetime.now()`;
the process's TZ, e.g. Asia/Shanghai). They are answered as ISO 8601 with that zone's UTC
offset (`2026-12-06T12:58:04+08:00`), so that any client reads the same instant; this is
the one place that turns them into text. Date-time *field* values are wall-clock values of
the form and stay naive (see forms/types/datetime.py)."""
from __future__ import annotations

from datetime import datetime


def stamp(value: datetime | str | None) -> str | None:
    """A stored timestamp (naive: server local time; or aware; or ISO text) -> ISO 8601
    text with its UTC offset; None stays None."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone().isoformat()


def local(value: datetime) -> datetime:
    """An aware datetime as the naive server-local time it is stored as (naive stays)."""
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value
