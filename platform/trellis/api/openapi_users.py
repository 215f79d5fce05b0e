"""The endpoints of `users.py` in the OpenAPI document: user administration, the user
import, the roles a user may be given and everyone's API tokens (administrators)."""
from __future__ import annotations

from .openapi_parts import EMPTY, ID, NULL_STAMP, body, items, json_ok, obj, op, path, query

INT32 = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}
NULL_TEXT = {"type": ["string", "null"]}
TEXT = {"type": "string"}
USER = {"$ref": "#/components/schemas/AdminUser"}
NAMES = {"type": "array", "items": TEXT}
IDS = {"type": "array", "items": INT32}
FILE_BODY = {"required": True, "content": {"multipart/form-data": {"schema": obj(
    {"file": {"type": "string", "format": "binary"}}, ["file"])}}}
ROW_ERROR = obj({"field": TEXT, "code": TEXT, "message": {"type": "object"}, "row": {"type": "integer"},
                 "column": NULL_TEXT}, ["field", "code", "message", "row"])

SCHEMAS = {
    "AdminUser": obj({
        "id": {"type": "integer"}, "username": TEXT, "name": TEXT, "email": NULL_TEXT, "active": {"type": "boolean"},
        "departments": {"type": "array", "items": obj({"id": {"type": "integer"}, "name": TEXT, "name_en": NULL_TEXT,
                                                       "is_primary": {"type": "boolean"}}, ["id", "name"])},
        "roles": NAMES, "last_login": NULL_STAMP, "created_on": NULL_STAMP, "must_change_password": {"type": "boolean"}},
        ["id", "username", "name", "email", "active", "departments", "roles", "last_login", "created_on"]),
}

NEW_USER = obj({"username": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$"},
                "name": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"\S"},
                "email": {"type": ["string", "null"], "format": "email", "maxLength": 320},
                "departments": {**IDS, "description": "department ids; the first is the primary one"},
                "roles": {**NAMES, "description": "role names: Admin, or an app role `<app>.<role>`"},
                "password": {"type": "string", "description": "left out: one is generated and answered once"},
                "must_change_password": {"type": "boolean", "description": "default true"}},
               ["username", "name"], closed=True)
CHANGES = obj({"name": NEW_USER["properties"]["name"], "email": NEW_USER["properties"]["email"],
               "active": {"type": "boolean"}, "departments": IDS, "roles": NAMES}, closed=True)
PREVIEW = obj({"rows": {"type": "array", "items": obj({
    "row": {"type": "integer"}, "username": NULL_TEXT, "name": NULL_TEXT, "email": NULL_TEXT,
    "departments": {"type": "array"}, "roles": NAMES, "errors": {"type": "array", "items": ROW_ERROR}}, ["row"])},
    "errors": {"type": "array", "items": ROW_ERROR}, "total": {"type": "integer"}, "valid": {"type": "integer"},
    "columns": {"type": "object"}}, ["rows", "errors", "total", "valid"])
CREATED = obj({"created": {"type": "array", "items": obj({
    "row": {"type": "integer"}, "id": {"type": "integer"}, "username": TEXT, "name": TEXT,
    "initial_password": TEXT}, ["row", "id", "username", "initial_password"])}, "total": {"type": "integer"}},
    ["created", "total"])
ROLE = obj({"name": TEXT, "app": NULL_TEXT, "app_label": {}, "label": {"type": "object"}}, ["name", "label"])
TOKEN = {"allOf": [{"$ref": "#/components/schemas/Token"}, obj({"user_id": {"type": "integer"},
                                                                  "username": NULL_TEXT, "user_name": NULL_TEXT})]}
BOOL_Q = {"type": "string", "enum": ["true", "false"]}


def paths(_app: dict, _form: dict) -> dict:
    user = [path("user_id", ID)]
    return {
        "/api/v1/admin/users": {
            "get": op(["users"], "Users with their departments and roles (administrators)", json_ok(obj(
                {"items": {"type": "array", "items": USER}, "total": {"type": "integer"}}, ["items", "total"])),
                400, 403, params=[query("q", description="part of the username or name"),
                                  query("department", {"type": "integer", "minimum": 1},
                                        "a department id (its sub-departments included)"),
                                  query("role", description="a role name"), query("active", BOOL_Q),
                                  query("limit", {"type": "integer", "minimum": 1, "maximum": 200}),
                                  query("offset", {"type": "integer", "minimum": 0})]),
            "post": op(["users"], "Create a user; without a password one is generated and answered once "
                       "(`initial_password`)", json_ok({"allOf": [USER, obj({"initial_password": NULL_TEXT})]},
                                                       "Created"), 403, 422, status=201, request=body(NEW_USER))},
        "/api/v1/admin/users/{user_id}": {
            "get": op(["users"], "One user (administrators)", json_ok(USER), 403, params=user),
            "patch": op(["users"], "Change a user's name, email, activation, departments or roles; an administrator "
                        "cannot deactivate themselves or drop their own admin role", json_ok(USER), 403, 422,
                        params=user, request=body(CHANGES))},
        "/api/v1/admin/users/{user_id}/password": {"post": op(
            ["users"], "Reset a user's password (a generated one is answered once)", json_ok(obj(
                {"id": {"type": "integer"}, "password": NULL_TEXT, "must_change_password": {"type": "boolean"}},
                ["id", "password"])), 403, 422, params=user, request=body(obj(
                    {"password": TEXT, "must_change_password": {"type": "boolean"}}, closed=True), required=False))},
        "/api/v1/admin/users/import/preview": {"post": op(
            ["users"], "Check a sheet of users (用户名, 姓名, 邮箱, 部门, 角色): every row's problems with its row and "
            "column", json_ok(PREVIEW), 403, 415, request=FILE_BODY)},
        "/api/v1/admin/users/import": {"post": op(
            ["users"], "Create the users of a sheet, all or none; their initial passwords are answered once",
            json_ok(CREATED, "Created"), 403, 415, 422, status=201, request=FILE_BODY)},
        "/api/v1/admin/roles": {"get": op(["users"], "Every role a user may be given, with its labels",
                                          json_ok(obj({"items": {"type": "array", "items": ROLE},
                                                       "admin_role": TEXT}, ["items"])), 403)},
        "/api/v1/admin/tokens": {"get": op(
            ["tokens"], "Every user's API tokens (administrators)", json_ok(items(TOKEN)), 400, 403,
            params=[query("user_id", {"type": "integer", "minimum": 1}), query("active", BOOL_Q)])},
        "/api/v1/admin/tokens/{token_id}": {"delete": op(
            ["tokens"], "Revoke anyone's token (administrators)", EMPTY, 403, params=[path("token_id", ID)],
            status=204)},
    }
