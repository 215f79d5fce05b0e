"""Definition upgrades: pure functions from an older `schema_version` to the current one.

Separate from database migrations (Alembic). Each step is `(kind, from_version) -> fn`;
`upgrade` applies them in order. Version 1 is current for every kind, so there are no
steps yet; the mechanism is tested so the first real step is a one-line addition.
"""
from __future__ import annotations

CURRENT = {"app": 1, "form": 1, "view": 1, "role": 1}
STEPS: dict[tuple[str, int], callable] = {}


def upgrade(kind: str, body):
    """Return `body` brought up to the current schema_version of its kind."""
    if not isinstance(body, dict):
        return body
    version = body.get("schema_version", 1)
    target = CURRENT.get(kind, version)
    while isinstance(version, int) and version < target:
        step = STEPS.get((kind, version))
        if step is None:
            break
        body = step(body)
        version = body["schema_version"]
    return body
