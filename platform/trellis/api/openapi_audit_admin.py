"""The endpoints of `audit_admin.py` in the OpenAPI document: the audit log filtered for
administrators, and verifying its hash chain."""
from __future__ import annotations

from .openapi_parts import NULL_STAMP, json_ok, obj, op, query

NULL_INT = {"type": ["integer", "null"]}
NULL_TEXT = {"type": ["string", "null"]}
REASON = obj({"code": {"type": "string", "enum": ["link_broken", "content_altered"]},
              "zh": {"type": "string"}, "en": {"type": "string"}}, ["code", "zh", "en"])
USER = {"type": ["object", "null"], "properties": {"id": {"type": "integer"}, "username": {"type": "string"},
                                                   "title": {"type": "string"}},
        "description": "who wrote it (null: the system, or a user since deleted)"}
LISTED = {"$ref": "#/components/schemas/AuditAdminEntry"}

SCHEMAS: dict = {
    "AuditAdminEntry": obj({
        "id": {"type": "integer"}, "at": NULL_STAMP, "user_id": NULL_INT, "username": NULL_TEXT, "ip": NULL_TEXT,
        "action": {"type": "string", "description": "create, update, delete, restore, import, login, "
                                                     "login_failed, definition.save, definition.publish, ..."},
        "app": NULL_TEXT, "target": {"type": ["string", "null"], "description": "a form id, or kind:key of a definition"},
        "record_id": NULL_INT, "before": {"description": "the changed fields' values before (null: none)"},
        "after": {"description": "the changed fields' values after (null: none)"}, "note": NULL_TEXT,
        "cause": {"description": "what made the write when not the user directly (null: the user)"},
        "form_label": {"type": ["object", "null"], "description": "{zh, en} of the record's form"},
        "user": USER}, ["id", "at", "action", "form_label", "user"]),
    "AuditVerification": obj({
        "ok": {"type": "boolean"}, "checked": {"type": "integer", "description": "entries walked"},
        "first_broken": {"type": ["object", "null"], "properties": {
            "id": {"type": "integer"}, "reason": REASON,
            "entry": {"anyOf": [LISTED, {"type": "null"}]}}, "required": ["id", "reason"]},
        "last_id": NULL_INT, "elapsed_ms": {"type": "integer"}}, ["ok", "checked", "first_broken", "elapsed_ms"]),
}


def paths(_app: dict, _form: dict) -> dict:
    when = "ISO 8601 date (a whole day) or date-time with its offset"
    return {
        "/api/v1/admin/audit": {"get": op(
            ["audit"], "The audit log filtered, newest first, with forms' labels and users' names (admins)",
            json_ok(obj({"items": {"type": "array", "items": LISTED}, "next_before_id": NULL_INT},
                        ["items", "next_before_id"])), 400, 403,
            params=[query("app", {"type": "string", "maxLength": 64}),
                    query("form", {"type": "string", "maxLength": 64}, "a form id (or kind:key of a definition)"),
                    query("record_id", {"type": "integer", "minimum": 0}),
                    query("user_id", {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}),
                    query("action", {"type": "string", "maxLength": 40}),
                    query("since", {"type": "string"}, f"from (inclusive): {when}"),
                    query("until", {"type": "string"}, f"to (exclusive; a date: that day included): {when}"),
                    query("limit", {"type": "integer", "minimum": 1}, "at most 1000 (default 50)"),
                    query("before_id", {"type": "integer", "minimum": 1}, "the previous page's next_before_id")])},
        "/api/v1/admin/audit/verify": {"post": op(
            ["audit"], "Verify the audit log's hash chain; the first broken entry when it is broken (admins)",
            json_ok({"$ref": "#/components/schemas/AuditVerification"}), 403)},
    }
