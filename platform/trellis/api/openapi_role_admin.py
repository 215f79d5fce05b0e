"""The endpoints of `role_admin.py` in the OpenAPI document: the role list's summaries,
deleting a role, and viewing a form as a role would."""
from __future__ import annotations

from .openapi_parts import EMPTY, items, json_ok, obj, op, path, query

TEXT = {"type": "object", "description": "{zh, en}"}
FIELD = obj({"id": {"type": "string"}, "label": TEXT, "type": {"type": ["string", "null"]}}, ["id", "label"])
ACTION = {"type": "string", "enum": ["read", "create", "update", "delete", "export", "import", "manage"]}

SCHEMAS: dict = {
    "RoleSummary": obj({
        "id": {"type": "string"}, "label": TEXT, "description": TEXT,
        "published_version": {"type": ["integer", "null"], "description": "null: never published (a draft)"},
        "members": {"type": "integer", "description": "how many users hold the role"},
        "forms": {"type": "array", "items": {"type": "string"}, "description": "the forms it grants by name"},
        "all_forms": {"type": "boolean", "description": "it grants something on every form"}},
        ["id", "published_version", "members", "forms", "all_forms"]),
    "RolePreview": obj({
        "role": {"type": "string"}, "form": {"type": "string"}, "form_label": TEXT,
        "draft": {"type": "boolean", "description": "the role's draft was read, not its published version"},
        "user": obj({"id": {"type": "integer"}, "username": {"type": "string"}}, ["id", "username"]),
        "actions": {"type": "array", "items": ACTION, "description": "what the role allows on the form"},
        "count": {"type": "integer", "description": "records in the role's row scope for the user"},
        "items": {"type": "array", "items": {"type": "object"},
                  "description": "the first records, visible fields only (people, departments and related "
                                 "records as {id, title})"},
        "columns": {"type": "array", "items": FIELD, "description": "the visible fields, in form order"},
        "hidden": {"type": "array", "items": FIELD}, "readonly": {"type": "array", "items": FIELD}},
        ["role", "form", "draft", "user", "actions", "count", "items", "columns", "hidden", "readonly"]),
}


def paths(app: dict, form: dict) -> dict:
    role = path("role")
    return {
        "/api/v1/apps/{app}/role-summaries": {"get": op(
            ["roles"], "Every role of the app with its members and the forms it grants (admins)",
            json_ok(items({"$ref": "#/components/schemas/RoleSummary"})), 403, params=[app])},
        "/api/v1/apps/{app}/roles/{role}": {"delete": op(
            ["roles"], "Delete a role nobody holds, with its versions (admins; 409 naming the members)",
            EMPTY, 403, 404, 409, params=[app, role], status=204)},
        "/api/v1/apps/{app}/roles/{role}/preview/{form}": {"get": op(
            ["roles"], "A form as a user holding only this role sees it (admins): actions, record count, the "
            "first records, hidden and read-only fields",
            json_ok({"$ref": "#/components/schemas/RolePreview"}), 400, 403, 404,
            params=[app, role, form,
                    query("user_id", {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                          "the user whose $user variables (id, departments, subordinates) the scope reads"),
                    query("draft", {"type": "string", "enum": ["true", "false", "1", "0"]},
                          "read the role's draft instead of its published version"),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 20}, "how many records")])},
    }
