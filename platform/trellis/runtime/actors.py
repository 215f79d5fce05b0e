"""Signed-in actors kept for a moment: a user who made a request a moment ago is not loaded
again through Flask-AppBuilder on every request. An entry lives `ttl` seconds (the
definition TTL, so a deactivation or role change shows within it) and is forgotten at
once in the process that changed the user's roles or status.

The subjects of access JWTs this process has verified are kept too (the token's user id
and expiry, until it expires): checking a signature again on every request of a signed-in
user costs more than the rest of reading a record. So are the API tokens found valid here
(user, apps, expiry) for the same TTL: a revocation shows within it, at once in the
process that revoked (`forget_tokens`)."""
from __future__ import annotations

import threading
import time
from dataclasses import replace

from ..kernel.actor import Actor


class Actors:
    LIMIT = 10000  # entries kept before the cache starts afresh

    def __init__(self, ttl: float):
        self.ttl = ttl
        self._items: dict[int, tuple[float, Actor, dict]] = {}  # (kept at, actor, by address)
        self._subjects: dict[str, tuple[int, float]] = {}
        self._tokens: dict[str, tuple[float, tuple]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: int, ip: str | None | object = ...) -> Actor | None:
        """The kept actor; with `ip`, as calling from that address (made once per address)."""
        hit = self._items.get(user_id)
        if hit is None or time.monotonic() - hit[0] >= self.ttl:
            return None
        actor = hit[1]
        if ip is ... or actor.ip == ip:
            return actor
        found = hit[2].get(ip)
        if found is None:
            if len(hit[2]) >= 64:
                hit[2].clear()
            found = hit[2][ip] = replace(actor, ip=ip)
        return found

    def keep(self, actor: Actor) -> None:
        with self._lock:
            if len(self._items) >= self.LIMIT:
                self._items.clear()
            self._items[actor.id] = (time.monotonic(), actor, {})

    def forget(self, user_id: int) -> None:
        self._items.pop(user_id, None)

    def subject(self, token: str) -> int | None:
        """The user id of an access JWT verified here before and not expired since."""
        hit = self._subjects.get(token)
        if hit is None:
            return None
        if time.time() >= hit[1]:
            self._subjects.pop(token, None)
            return None
        return hit[0]

    def keep_subject(self, token: str, user_id: int, expires: float) -> None:
        with self._lock:
            if len(self._subjects) >= self.LIMIT:
                self._subjects.clear()
            self._subjects[token] = (user_id, expires)

    def token(self, plaintext: str) -> tuple | None:
        """(user id, apps, expires_at) of an API token found valid here within the TTL."""
        hit = self._tokens.get(plaintext)
        if hit is None or time.monotonic() - hit[0] >= self.ttl:
            return None
        return hit[1]

    def keep_token(self, plaintext: str, found: tuple) -> None:
        with self._lock:
            if len(self._tokens) >= self.LIMIT:
                self._tokens.clear()
            self._tokens[plaintext] = (time.monotonic(), found)

    def forget_tokens(self) -> None:
        """Check every token against the database again (one was revoked)."""
        with self._lock:
            self._tokens.clear()
