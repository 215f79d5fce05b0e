"""What a channel may use while it sends."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SendContext:
    """What a channel may use while sending: `conn` (the delivery's open transaction, for
    `local` channels only, else None), `runtime`, `cache` (a dict kept per configured
    channel in this process, e.g. an access token and its expiry), `now` (the runtime's
    clock, a datetime) and `timeout` (seconds for one provider call)."""

    runtime: object
    cache: dict
    now: object
    conn: object = None
    timeout: float = 10.0
