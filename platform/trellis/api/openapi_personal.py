"""The endpoints of `personal.py` in the OpenAPI document: the caller's password and
preferences."""
from __future__ import annotations

from .openapi_parts import EMPTY, body, json_ok, obj, op

PREFS = obj({"language": {"type": ["string", "null"], "enum": ["zh", "en", None]},
             "must_change_password": {"type": "boolean"}}, ["language", "must_change_password"])
SCHEMAS: dict = {}


def paths(_app: dict, _form: dict) -> dict:
    return {
        "/api/v1/me/password": {"post": op(
            ["personal"], "Change one's own password (the current one checked, the new one against the policy)",
            EMPTY, 403, 422, status=204, request=body(obj(
                {"current": {"type": "string"}, "new": {"type": "string"}}, ["current", "new"], closed=True)))},
        "/api/v1/me/preferences": {
            "get": op(["personal"], "One's own preferences (language; a password to change first)", json_ok(PREFS)),
            "put": op(["personal"], "Save one's language", json_ok(PREFS), 422, request=body(obj(
                {"language": {"type": "string", "enum": ["zh", "en"]}}, ["language"], closed=True)))},
    }
