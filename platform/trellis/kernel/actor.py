"""Who performs an operation: a user (id, username, roles) or the system itself.

Engines take an Actor explicitly instead of reading Flask's request globals; the API
layer builds one from the authenticated user. Security (row scopes, field permissions)
reads it in the record service.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Actor:
    id: int | None
    username: str
    roles: tuple[str, ...] = field(default_factory=tuple)
    is_admin: bool = False
    ip: str | None = None
    token_apps: tuple[str, ...] | None = None  # an API token's app scope (None: not limited)


SYSTEM = Actor(id=None, username="system", is_admin=True)
