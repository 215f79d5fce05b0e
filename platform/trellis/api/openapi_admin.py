"""The OpenAPI description of the organization (departments, a user's departments and
context), API tokens, attachments, the audit log, app roles and saved views."""
from __future__ import annotations

from .openapi_parts import EMPTY, FILE, ID, NULL_STAMP, STAMP, body, items, json_ok, obj, op, path, query

NULL_INT = {"type": ["integer", "null"]}
INT32 = {"type": "integer", "minimum": -2**31, "maximum": 2**31 - 1}  # the organization tables' INTEGER columns
NULL_INT32 = {**INT32, "type": ["integer", "null"]}
NULL_TEXT = {"type": ["string", "null"]}
DEPT = {"$ref": "#/components/schemas/Department"}
TOKEN = {"$ref": "#/components/schemas/Token"}
ENTRY = {"$ref": "#/components/schemas/AuditEntry"}
VIEW = {"$ref": "#/components/schemas/View"}
DEPT_KEYS = {"code": {"type": "string", "pattern": r"\S", "maxLength": 64},
             "name": {"type": "string", "pattern": r"\S", "maxLength": 100},
             "name_en": {"type": ["string", "null"], "maxLength": 100}, "parent_id": NULL_INT32,
             "manager_id": NULL_INT32, "sort": INT32}

SCHEMAS = {
    "Department": obj({"id": {"type": "integer"}, "parent_id": NULL_INT, "code": {"type": "string"},
                       "name": {"type": "string"}, "name_en": NULL_TEXT, "manager_id": NULL_INT,
                       "sort": {"type": "integer"}, "created_at": NULL_STAMP, "children": {"type": "array"}},
                      ["id", "parent_id", "code", "name"]),
    "Token": obj({"id": {"type": "integer"}, "name": {"type": "string"}, "prefix": {"type": "string"},
                  "apps": {"type": ["array", "null"], "items": {"type": "string"}}, "expires_at": NULL_STAMP,
                  "revoked_at": NULL_STAMP, "created_at": STAMP, "last_used_at": NULL_STAMP},
                 ["id", "name", "prefix", "created_at"]),
    "AuditEntry": obj({"id": {"type": "integer"}, "at": NULL_STAMP, "user_id": NULL_INT, "username": NULL_TEXT,
                       "ip": NULL_TEXT, "action": {"type": "string"}, "app": NULL_TEXT, "target": NULL_TEXT,
                       "record_id": NULL_INT, "before": {}, "after": {}, "note": {}, "batch": NULL_INT,
                       "message": {"type": "object"},
                       "cause": {"type": ["array", "null"], "description": "what made the write when not the user "
                                 "directly, origin first: links {kind: user|system|import|automation|flow|handler, "
                                 "id, label}", "items": {"type": "object"}},
                       "cause_text": {"type": "object", "description": "the cause in words: {zh, en}"}},
                      ["id", "at", "action"]),
    "FileMeta": obj({"id": {"type": "string"}, "name": {"type": "string"}, "size": {"type": "integer"},
                     "content_type": {"type": "string"}}, ["id", "name", "size", "content_type"]),
    "View": obj({"id": {"type": "string"}, "form": {"type": "string"}, "shared": {"type": "boolean"},
                 "owner": NULL_INT, "dropped": {
                     "type": "object", "description": "Parts left out for the caller because they name fields the "
                     "caller may not see (filter conditions, sort keys, columns, group_by, date_field), by field id "
                     "and label; absent when the view applies whole. Such a view cannot be saved over by the caller.",
                     "additionalProperties": {"type": "array", "items": obj(
                         {"field": {"type": "string"}, "label": {"type": "object"}}, ["field", "label"])}}},
                ["id", "form"]),
}

MEMBER = obj({"user_id": {"type": "integer"}, "username": NULL_TEXT, "name": NULL_TEXT, "is_primary": {"type": "boolean"}},
             ["user_id", "is_primary"])
USER_DEPT = obj({"id": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"},
                 "is_primary": {"type": "boolean"}}, ["id", "is_primary"])
MEMBERS_IN = {"type": "array", "items": obj({"user_id": INT32, "is_primary": {"type": "boolean"},
                                             "username": {"description": "ignored (as a listing answers it)"},
                                             "name": {"description": "ignored (as a listing answers it)"}},
                                            ["user_id"], closed=True)}
TOKEN_IN = obj({"name": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": r"\S"},
                "apps": {"type": ["array", "null"], "items": {"type": "string"}},
                "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 3650},
                "expires_at": {"type": "string", "format": "date-time"}}, ["name"], closed=True)
ROLE = {"type": "object", "description": "a role definition (see the role meta-schema)"}
ROLE_ITEM = obj({"id": {"type": "string"}, "label": {}, "fab_role": {"type": "string"},
                 "members": {"type": "array", "items": {"type": "integer"}}}, ["id", "fab_role", "members"])
EXPLAIN = {"type": "object", "description": "each action and field with the roles that grant, hide or deny it"}


def paths(app: dict, form: dict) -> dict:
    dept = [path("dept_id", ID)]
    user = [path("user_id", ID)]
    record = f"/api/v1/apps/{{app}}/forms/{{form}}/records/{{id}}"
    rec = [app, form, path("id", ID)]
    role = [app, path("role")]
    return {
        "/api/v1/departments": {
            "get": op(["organization"], "The department tree", json_ok(items(DEPT))),
            "post": op(["organization"], "Create a department (admins)", json_ok(DEPT, "Created"), 403, 404, 409, 422,
                       status=201, request=body(obj(DEPT_KEYS, ["code", "name"], closed=True)))},
        "/api/v1/departments/{dept_id}": {
            "get": op(["organization"], "One department", json_ok(DEPT), 404, params=dept),
            "patch": op(["organization"], "Change a department (admins)", json_ok(DEPT), 403, 404, 409, 422,
                        params=dept, request=body(obj(DEPT_KEYS, closed=True))),
            "delete": op(["organization"], "Delete an empty department (admins)", EMPTY, 403, 404, 409,
                         params=dept, status=204)},
        "/api/v1/departments/{dept_id}/members": {
            "get": op(["organization"], "Members of a department", json_ok(items(MEMBER)), 404, params=dept),
            "put": op(["organization"], "Set the members (user ids, or {user_id, is_primary})",
                      json_ok(items(MEMBER)), 403, 404, 422, params=dept, request=body(MEMBERS_IN))},
        "/api/v1/users/{user_id}/departments": {
            "get": op(["organization"], "A user's departments (self or admins)", json_ok(items(USER_DEPT)), 403,
                      params=user),
            "put": op(["organization"], "Set a user's departments and primary one (admins)", json_ok(items(USER_DEPT)),
                      403, 404, 422, params=user, request=body(obj(
                          {"departments": {"type": "array", "items": INT32}, "primary": NULL_INT}, closed=True)))},
        "/api/v1/users/{user_id}/context": {"get": op(
            ["organization"], "The user context row scopes read ($user.*)", json_ok({"type": "object"}), 403, 404,
            params=user)},
        "/api/v1/tokens": {
            "get": op(["tokens"], "The caller's API tokens", json_ok(items(TOKEN))),
            "post": op(["tokens"], "Create a token (the plaintext `token` is answered once)", json_ok(
                {"allOf": [TOKEN, obj({"token": {"type": "string"}}, ["token"])]}, "Created"), 403, status=201,
                request=body(TOKEN_IN))},
        "/api/v1/tokens/{token_id}": {"delete": op(["tokens"], "Revoke one of the caller's tokens", EMPTY, 403, 404,
                                                   params=[path("token_id", ID)], status=204)},
        "/api/v1/files": {"post": op(
            ["files"], "Upload an attachment (multipart `file`); app, form and field apply that field's rules",
            json_ok({"$ref": "#/components/schemas/FileMeta"}, "Stored"), 400, 403, 404, 413, 415, status=201,
            params=[query("app"), query("form"), query("field")],
            request={"required": True, "content": {"multipart/form-data": {"schema": obj(
                {"file": {"type": "string", "format": "binary"}}, ["file"])}}})},
        "/api/v1/files/{file_id}": {"get": op(["files"], "Download an attachment", FILE, 404,
                                              params=[path("file_id")])},
        "/api/v1/audit": {"get": op(["audit"], "The audit log, newest first (admins)", json_ok(obj(
            {"items": {"type": "array", "items": ENTRY}, "next_before_id": NULL_INT}, ["items", "next_before_id"])),
            400, 403, params=[query("app"), query("action"), query("user_id", {"type": "integer", "minimum": 0}),
                              query("limit", {"type": "integer", "minimum": 1}, "at most 1000"),
                              query("before_id", {"type": "integer", "minimum": 1})])},
        f"{record}/history": {"get": op(["audit"], "A record's history (what the caller may read of it)",
                                        json_ok(items(ENTRY)), 403, 404, params=rec)},
        f"{record}/history/{{entry_id}}/revert": {"post": op(
            ["audit"], "Revert the record to the state an entry recorded", json_ok({"type": "object"}), 403, 404,
            409, 422, params=[*rec, path("entry_id", ID)])},
        f"{record}/access": {"get": op(["roles"], "Which role grants or denies each action and field (admins)",
                                       json_ok(EXPLAIN), 400, 403, 404,
                                       params=[*rec, query("user", {"type": "integer", "minimum": 0})])},
        "/api/v1/apps/{app}/roles": {"get": op(["roles"], "The app's roles (admins)", json_ok(items(ROLE_ITEM)),
                                               403, params=[app])},
        "/api/v1/apps/{app}/roles/{role}": {
            "get": op(["roles"], "A role's draft definition (admins)", json_ok(ROLE), 403, 404, params=role),
            "put": op(["roles"], "Save a role's draft (admins)", json_ok(ROLE), 403, 422, params=role,
                      request=body({"$ref": "#/components/schemas/RoleDefinition"}))},
        "/api/v1/apps/{app}/roles/{role}/publish": {"post": op(
            ["roles"], "Publish a role (admins)", json_ok({"$ref": "#/components/schemas/Version"}), 403, 404, 422,
            params=role)},
        "/api/v1/apps/{app}/roles/{role}/members": {
            "get": op(["roles"], "A role's members (admins)", json_ok(items(obj(
                {"id": {"type": "integer"}, "username": {"type": "string"}}, ["id", "username"]))), 403, 404,
                params=role),
            "put": op(["roles"], "Set a role's members to exactly these user ids (admins)",
                      json_ok(items({"type": "integer"})), 403, 404, params=role,
                      request=body({"type": "array", "items": {"type": "integer"}}))},
        "/api/v1/apps/{app}/views": {"get": op(["views"], "Saved views the caller may see", json_ok(items(VIEW)), 403,
                                               params=[app, query("form")])},
        "/api/v1/apps/{app}/views/{view}": {
            "put": op(["views"], "Save and publish a view (shared views need manage)", json_ok(VIEW), 403, 404, 422,
                      params=[app, path("view")], request=body({"$ref": "#/components/schemas/ViewDefinition"})),
            "delete": op(["views"], "Delete a view", EMPTY, 403, 404, params=[app, path("view")], status=204)},
    }
