"""`trellis_iso_week(text)`: the ISO week `YYYY-Www` of a `YYYY-MM-DD...` text, registered on
every SQLite connection (storage/database.py): SQLite's strftime has no %G / %V before 3.46.
A report's week period calls it (records/date_buckets.py); the columnar replica defines a
macro of the same name."""
from __future__ import annotations

from datetime import date


def iso_week(text):
    if text is None:
        return None
    try:
        year, week, _day = date.fromisoformat(str(text)[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"
