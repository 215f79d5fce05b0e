"""Retry delays: exponential backoff with full jitter on its upper half."""
from __future__ import annotations

import random


def delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before retry number `attempt` (1 = the first retry): between half
    and all of `base * 2**(attempt-1)`, never more than `cap`."""
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    r = (rng or random).random()
    return ceiling * (0.5 + 0.5 * r)
