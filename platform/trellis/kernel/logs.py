"""Log lines: what each line carries besides its message, and the two formats.

- The context (`bound(...)`, a ContextVar): the request id, the signed-in user, and while a
  job runs its id and name. The web process binds the request's (web/observe.py), the job
  dispatcher a job's (jobs/dispatcher.py); every line logged meanwhile carries them, and a
  job enqueued meanwhile stores the request id (jobs/outbox.py), so the lines of the job
  name the request that caused it.
- Request ids: taken from the client's X-Request-Id when it is short and plain
  (`valid_request_id`), else made here (`new_request_id`).
- `setup(fmt, level)`: one handler on the root logger writing to standard error, as text
  (`time level logger: message [request_id=... job=...]`) or as one JSON object a line
  (`time`, `level`, `logger`, `message`, the context, the extra fields an access line or a
  job line passes, `exc` with the traceback). TRELLIS_LOG_FORMAT (text | json, default text)
  and TRELLIS_LOG_LEVEL (default INFO) are read when not given.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import BadRequest

FORMATS = ("text", "json")
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# the fields an access or job line may pass with `extra=`; they go into the JSON object as they are
EXTRA = ("method", "route", "path", "status", "duration_ms", "remote", "job_id", "job", "outcome", "lag_ms")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_CONTEXT: ContextVar[dict | None] = ContextVar("trellis_log_context", default=None)
_MARK = "_trellis_handler"


def current() -> dict:
    """The context of this thread (or task): request_id, user, job_id, job."""
    return _CONTEXT.get() or {}


def request_id() -> str | None:
    ctx = _CONTEXT.get()
    return ctx.get("request_id") if ctx else None


def bind(**fields):
    """Add fields to the context (None values are left out); a token for `unbind`."""
    return _CONTEXT.set({**current(), **{k: v for k, v in fields.items() if v is not None}})


def unbind(token) -> None:
    _CONTEXT.reset(token)


@contextmanager
def bound(**fields):
    token = bind(**fields)
    try:
        yield
    finally:
        _CONTEXT.reset(token)


def valid_request_id(value: str | None) -> str | None:
    """The client's request id when it is 1-64 characters of [A-Za-z0-9._-], else None."""
    return value if value and _REQUEST_ID.fullmatch(value) else None


def new_request_id() -> str:
    return os.urandom(8).hex()


def _utc(created: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(created % 1 * 1000):03d}Z"


class JsonFormatter(logging.Formatter):
    """One JSON object a line."""

    def format(self, record: logging.LogRecord) -> str:
        out = {"time": _utc(record.created), "level": record.levelname, "logger": record.name,
               "message": record.getMessage()}
        out.update(getattr(record, "trellis", None) or current())
        for key in EXTRA:
            value = record.__dict__.get(key)
            if value is not None:
                out[key] = value
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            out["exc"] = record.exc_text
        return json.dumps(out, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`time level logger: message [request_id=... job=...]`."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        ctx = getattr(record, "trellis", None) or current()
        extra = [f"{k}={record.__dict__[k]}" for k in EXTRA if record.__dict__.get(k) is not None]
        tags = [f"{k}={v}" for k, v in ctx.items()] + extra
        if not tags:
            return line
        head, sep, rest = line.partition("\n")  # a traceback stays below the tagged first line
        return f"{head} [{' '.join(tags)}]{sep}{rest}"


class ContextFilter(logging.Filter):
    """Copies the context onto the record in the thread that logs it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "trellis"):
            record.trellis = current()
        return True


def settings(fmt: str | None = None, level: str | None = None) -> tuple[str, str]:
    """The format and level, given or from the environment; a bilingual error naming the setting."""
    fmt = (fmt or os.environ.get("TRELLIS_LOG_FORMAT") or "text").strip().lower()
    level = (level or os.environ.get("TRELLIS_LOG_LEVEL") or "INFO").strip().upper()
    if fmt not in FORMATS:
        raise BadRequest(f"TRELLIS_LOG_FORMAT 应为 text 或 json,而不是 {fmt}",
                         f"TRELLIS_LOG_FORMAT is text or json, not {fmt}", code="setting",
                         details={"setting": "TRELLIS_LOG_FORMAT"})
    if level not in LEVELS:
        raise BadRequest(f"TRELLIS_LOG_LEVEL 应为 {', '.join(LEVELS)} 之一,而不是 {level}",
                         f"TRELLIS_LOG_LEVEL is one of {', '.join(LEVELS)}, not {level}", code="setting",
                         details={"setting": "TRELLIS_LOG_LEVEL"})
    return fmt, level


def formatter(fmt: str | None = None) -> logging.Formatter:
    return JsonFormatter() if settings(fmt)[0] == "json" else TextFormatter()


def setup(fmt: str | None = None, level: str | None = None, stream=None) -> logging.Handler:
    """Put one handler (standard error, the chosen format) on the root logger, replacing
    the one an earlier call put there; the root's level becomes `level`."""
    fmt, level = settings(fmt, level)
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(old)
    handler = logging.StreamHandler(stream or sys.stderr)
    setattr(handler, _MARK, True)
    handler.setFormatter(formatter(fmt))
    handler.addFilter(ContextFilter())
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(max(root.level, logging.WARNING))  # /readyz reads the migrations' heads
    return handler
