"""The two failures a channel may raise: transient (retried with backoff) and permanent
(the routing's fallback channel is tried instead)."""
from __future__ import annotations


class TransientError(Exception):
    """The provider may accept the message later (timeout, 5xx, rate limit): retry."""

    def __init__(self, message: str, answer: str = ""):
        super().__init__(message)
        self.answer = answer


class PermanentError(Exception):
    """The provider will never accept this message (bad address, 4xx, refused
    credentials): no retry here; the routing's fallback channel is tried."""

    def __init__(self, message: str, answer: str = ""):
        super().__init__(message)
        self.answer = answer
