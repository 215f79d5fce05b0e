"""The endpoints of `workbench.py` in the OpenAPI document."""
from __future__ import annotations

from .openapi_parts import json_ok, obj, op, query

TAG = ["workbench"]
SCHEMAS: dict = {
    "RecentRecord": obj({
        "app": {"type": "string"}, "form": {"type": "string"}, "form_label": {"type": "object"},
        "record": {"type": "integer"}, "title": {"type": ["string", "null"]},
        "action": {"type": "string", "enum": ["create", "update", "restore"]},
        "at": {"type": ["string", "null"], "format": "date-time"}},
        ["app", "form", "record", "action"]),
}


def paths(_app: dict, _form: dict) -> dict:
    return {
        "/api/v1/me/recent": {"get": op(
            TAG, "My recent records: those I created, changed or restored lately, newest first, "
                 "only those I may still read",
            json_ok(obj({"items": {"type": "array", "items": {"$ref": "#/components/schemas/RecentRecord"}}}, ["items"])),
            400, params=[query("app", {"type": "string", "maxLength": 64}, "only this app's records"),
                         query("limit", {"type": "integer", "minimum": 1, "maximum": 50}, "at most this many (10)")])},
    }
