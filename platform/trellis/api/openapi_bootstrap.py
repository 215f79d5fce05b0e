"""`GET /api/v1/bootstrap` in the OpenAPI document: the web UI shell's parts in one answer,
each as its own endpoint gives it (see api/bootstrap.py)."""
from __future__ import annotations

from .openapi_parts import json_ok, obj, op, query

PART_ERROR = obj({"code": {"type": "string"}, "message": {"type": "object"}, "status": {"type": "integer"},
                  "details": {}}, ["code", "message", "status"])
NULL_ARRAY = {"type": ["array", "null"], "items": {"type": "object"}}
SCHEMAS = {"Bootstrap": obj({
    "me": {"type": "object", "description": "as GET /api/v1/me"},
    "apps": {"type": "array", "items": {"type": "object"}, "description": "as GET /api/v1/apps (items)"},
    "departments": {"type": "array", "items": {"type": "object"}, "description": "as GET /api/v1/departments (items)"},
    "app": {"type": "string"}, "form": {"type": "string"},
    "timezone": {"type": "string", "description": "the instance's IANA time zone (TRELLIS_TIMEZONE): rules' now / today"},
    "forms": {**NULL_ARRAY, "description": "with app: as GET /api/v1/apps/{app}/forms (items)"},
    "views": {**NULL_ARRAY, "description": "with app: as GET /api/v1/apps/{app}/views (items)"},
    "definition": {"type": ["object", "null"], "description": "with form: as GET /api/v1/apps/{app}/forms/{form}"},
    "errors": {"type": "object", "additionalProperties": PART_ERROR,
               "description": "the error of each part that is null (forms, views, definition)"},
}, ["me", "apps", "departments", "errors"])}

NAME = {"type": "string", "maxLength": 200, "pattern": "^[^/]+$"}
PATHS = {"/api/v1/bootstrap": {"get": op(
    ["session"], "What the web UI needs to open a page, in one request: the caller, their apps, the department "
    "tree and, for the page's app and form, the app's forms and saved views and the form's definition",
    json_ok({"$ref": "#/components/schemas/Bootstrap"}), 400,
    params=[query("app", NAME, "the app of the page being opened"),
            query("form", NAME, "the form of the page being opened (needs app)")])}}


def add_to(paths: dict, schemas: dict) -> None:
    paths.update(PATHS)
    schemas.update(SCHEMAS)
