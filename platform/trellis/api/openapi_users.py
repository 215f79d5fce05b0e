"""The endpoints of `users.py` in the OpenAPI document."""
from __future__ import annotations

SCHEMAS: dict = {}


def paths(_app: dict, _form: dict) -> dict:
    return {}
