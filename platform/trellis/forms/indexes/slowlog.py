"""Slow list queries seen at run time, counted per field.

A listing that took longer than the threshold (`TRELLIS_SLOW_QUERY_MS`, default 50 ms)
and filtered (index-friendly) or sorted on fields without an index is recorded: per
field the number of such queries, their worst and total time, the last time and how it
was used, and the last few queries of each form. Kept in memory per process and bounded;
a restart forgets it (the saved views, the other source of advice, are durable).
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque

from .usage import declared_columns, indexable, query_fields

RECENT = 20
MAX_FORMS = 1000


class SlowQueryLog:
    """Per (app, form): field -> counters, and the most recent slow queries."""

    def __init__(self, threshold_ms: float | None = None):
        if threshold_ms is None:
            threshold_ms = float(os.environ.get("TRELLIS_SLOW_QUERY_MS") or 50)
        self.threshold_ms = threshold_ms
        self._lock = threading.Lock()
        self._fields: dict[tuple[str, str], dict[str, dict]] = {}
        self._recent: dict[tuple[str, str], deque] = {}

    def record(self, app: str, form: str, fields: dict[str, list[str]], ms: float) -> None:
        now = time.time()
        key = (app, form)
        with self._lock:
            if key not in self._fields and len(self._fields) >= MAX_FORMS:
                return
            per = self._fields.setdefault(key, {})
            for name, uses in fields.items():
                c = per.setdefault(name, {"count": 0, "total_ms": 0.0, "max_ms": 0.0, "last_at": 0.0, "uses": []})
                c["count"] += 1
                c["total_ms"] += ms
                c["max_ms"] = max(c["max_ms"], ms)
                c["last_at"] = now
                c["uses"] = sorted(set(c["uses"]) | set(uses))
            self._recent.setdefault(key, deque(maxlen=RECENT)).append(
                {"at": now, "ms": round(ms, 1), "fields": sorted(fields)})

    def fields(self, app: str, form: str) -> dict[str, dict]:
        with self._lock:
            return {k: dict(v) for k, v in self._fields.get((app, form), {}).items()}

    def recent(self, app: str, form: str) -> list[dict]:
        with self._lock:
            return list(self._recent.get((app, form), ()))

    def clear(self) -> None:
        with self._lock:
            self._fields.clear()
            self._recent.clear()


def slow_log(runtime) -> SlowQueryLog:
    """The runtime's log (`runtime.slow_queries`)."""
    return runtime.slow_queries


def observe(service, filter_rule, sort, seconds: float) -> None:
    """Called after a listing: record it when slow and not served by indexes."""
    log = slow_log(service.runtime)
    ms = seconds * 1000
    if ms < log.threshold_ms:
        return
    form = service.form
    indexed = declared_columns(form)
    missing = {name: uses for name, uses in query_fields(filter_rule, sort).items()
               if name not in indexed and indexable(form.field(name))}
    if missing:
        log.record(form.app, form.id, missing, ms)
