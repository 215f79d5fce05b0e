"""Signed-in actors kept for a moment: a user who made a request a moment ago is not loaded
again through Flask-AppBuilder on every request. An entry lives `ttl` seconds (the
definition TTL, so a deactivation or role change shows within it) and is forgotten at
once in the process that changed the user's roles or status."""
from __future__ import annotations

import threading
import time

from ..kernel.actor import Actor


class Actors:
    LIMIT = 10000  # entries kept before the cache starts afresh

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._items: dict[int, tuple[float, Actor]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: int) -> Actor | None:
        hit = self._items.get(user_id)
        if hit is None or time.monotonic() - hit[0] >= self.ttl:
            return None
        return hit[1]

    def keep(self, actor: Actor) -> None:
        with self._lock:
            if len(self._items) >= self.LIMIT:
                self._items.clear()
            self._items[actor.id] = (time.monotonic(), actor)

    def forget(self, user_id: int) -> None:
        self._items.pop(user_id, None)
