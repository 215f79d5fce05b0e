"""The report result cache: a report's figures kept by definition version, data version and
viewer scope, in Redis when the instance has one (shared by every web process) and in this
process otherwise (the embedded instance is one process).

The data version of a form is a counter bumped once per committed transaction that wrote
its records (a lifecycle subscriber, after the commit), in the same place as the entries:
an entry names the versions of the forms it read, so a write makes it unreachable at once
and it ages out. Entries also expire after `TTL` seconds, which bounds what a write made
without the record service (a restore, a migration) can leave visible. Redis failing is
not an error: the figures are then computed each time."""
from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict

log = logging.getLogger(__name__)
TTL = 600
SIZE = 512
_PREFIX = "trellis:reports:"


class ResultCache:
    def __init__(self, redis_url: str | None = None, size: int = SIZE, ttl: int = TTL):
        self.size, self.ttl = size, ttl
        self._redis = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=0.5, socket_connect_timeout=0.5)
        self._versions: dict[str, int] = {}
        self._entries: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def shared(self) -> bool:
        return self._redis is not None

    # -- data versions ----------------------------------------------------------------
    def versions(self, app: str, forms) -> list[int] | None:
        """The forms' data versions (None when they cannot be known: nothing is cached)."""
        names = [f"{app}/{f}" for f in sorted(forms)]
        if self._redis is not None:
            try:
                return [int(v or 0) for v in self._redis.mget([_PREFIX + "v:" + n for n in names])]
            except Exception:  # noqa: BLE001 - an unreachable Redis only costs the cache
                log.warning("report cache: Redis unreachable", exc_info=True)
                return None
        with self._lock:
            return [self._versions.get(n, 0) for n in names]

    def bump(self, app: str, forms) -> None:
        names = [f"{app}/{f}" for f in forms]
        if self._redis is not None:
            try:
                pipe = self._redis.pipeline()
                for n in names:
                    pipe.incr(_PREFIX + "v:" + n)
                pipe.execute()
            except Exception:  # noqa: BLE001
                log.warning("report cache: Redis unreachable", exc_info=True)
        with self._lock:
            for n in names:
                self._versions[n] = self._versions.get(n, 0) + 1

    # -- entries ------------------------------------------------------------------------
    @staticmethod
    def key(*parts) -> str:
        return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()

    def get(self, key: str) -> dict | None:
        if self._redis is not None:
            try:
                raw = self._redis.get(_PREFIX + "e:" + key)
            except Exception:  # noqa: BLE001
                return None
            return None if raw is None else json.loads(raw)
        with self._lock:
            found = self._entries.get(key)
            if found is None or time.monotonic() - found[0] > self.ttl:
                return None
            self._entries.move_to_end(key)
            return found[1]

    def put(self, key: str, value: dict) -> None:
        if self._redis is not None:
            try:
                self._redis.set(_PREFIX + "e:" + key, json.dumps(value, default=str), ex=self.ttl)
            except Exception:  # noqa: BLE001
                pass
            return
        with self._lock:
            self._entries[key] = (time.monotonic(), value)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
