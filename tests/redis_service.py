"""Whether the real Redis at 127.0.0.1:6379 answers (tests of the Celery path skip, saying
why, when it does not)."""
from __future__ import annotations

import socket

REDIS = ("127.0.0.1", 6379)


def redis_error() -> str | None:
    """None when Redis answers PING, else the reason it does not."""
    try:
        with socket.create_connection(REDIS, timeout=2) as s:
            s.sendall(b"PING\r\n")
            if not s.recv(16).startswith(b"+PONG"):
                return "no PONG"
    except OSError as e:
        return str(e)
    return None
