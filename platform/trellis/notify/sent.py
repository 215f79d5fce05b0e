"""What a channel answers when the provider accepted a message."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sent:
    """A provider accepted the message: its answer (kept in the delivery log, cut to 2,000
    characters) and its message id when it gives one."""

    answer: str = ""
    provider_id: str | None = None
