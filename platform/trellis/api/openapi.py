"""`GET /api/v1/openapi.json`: the OpenAPI 3.1 document, with every published form's
record endpoints described by that form's own JSON Schema. Rebuilt whenever a publish
changes the definitions (the runtime's form cache tells)."""
from __future__ import annotations

from flask import Blueprint, jsonify

from .. import __version__
from ..security.access import visible_schema
from .auth import optional_actor, runtime
from .openapi_sheets import PATHS as SHEET_PATHS, SCHEMAS as SHEET_SCHEMAS

bp = Blueprint("trellis_openapi", __name__, url_prefix="/api/v1")

ERROR = {"$ref": "#/components/schemas/Error"}
LIST_PARAMS = [
    ("filter", "JsonLogic filter (JSON)", {"type": "string"}),
    ("sort", "sort keys, e.g. -equity,name", {"type": "string"}),
    ("limit", "page size (1-1000)", {"type": "integer"}),
    ("cursor", "keyset cursor from `next`", {"type": "string"}),
    ("page", "page number (offset paging)", {"type": "integer"}),
    ("q", "text search", {"type": "string"}),
    ("fields", "comma-separated field ids", {"type": "string"}),
    ("expand", "comma-separated relation/user fields to expand", {"type": "string"}),
    ("count", "exact | estimate | none", {"type": "string", "enum": ["exact", "estimate", "none"]}),
    ("deleted", "only: list the soft-deleted records (the recycle bin; needs the delete permission)",
     {"type": "string", "enum": ["only"]}),
]


def _responses(ok: dict, *codes: int) -> dict:
    out = {"200": ok}
    for c in codes:
        out[str(c)] = {"description": str(c), "content": {"application/json": {"schema": ERROR}}}
    return out


def _json(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def form_paths(app: str, form) -> dict:
    name = f"{app}__{form.id}"
    rec = {"$ref": f"#/components/schemas/{name}"}
    inp = {"$ref": f"#/components/schemas/{name}_input"}
    base = f"/api/v1/apps/{app}/forms/{form.id}/records"
    tag = [f"{app}.{form.id}"]
    rid = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
    listing = {"type": "object", "properties": {"items": {"type": "array", "items": rec},
                                                "next": {"type": ["string", "null"]},
                                                "count": {"type": "integer"}, "count_exact": {"type": "boolean"}}}
    return {
        base: {
            "get": {"tags": tag, "summary": f"List {form.label.get('en') or form.id}",
                    "parameters": [{"name": n, "in": "query", "description": d, "schema": s} for n, d, s in LIST_PARAMS],
                    "responses": _responses(_json(listing), 400, 401)},
            "post": {"tags": tag, "summary": "Create", "requestBody": {"content": {"application/json": {"schema": inp}}},
                     "responses": {"201": _json(rec, "Created"), **_responses(_json(rec), 400, 401, 422)}},
        },
        f"{base}/{{id}}": {
            "get": {"tags": tag, "summary": "Get", "parameters": rid, "responses": _responses(_json(rec), 401, 404)},
            "patch": {"tags": tag, "summary": "Update (optimistic: send version)", "parameters": rid,
                      "requestBody": {"content": {"application/json": {"schema": inp}}},
                      "responses": _responses(_json(rec), 401, 404, 409, 422)},
            "delete": {"tags": tag, "summary": "Delete (soft)", "parameters": rid,
                       "responses": {"204": {"description": "Deleted"}, **_responses(_json({}), 401, 404, 409)}},
        },
        f"{base}/bulk": {
            "post": {"tags": tag, "summary": "Bulk create / update / delete in one transaction",
                     "requestBody": {"content": {"application/json": {"schema": {
                         "type": "object", "properties": {"create": {"type": "array", "items": inp},
                                                          "update": {"type": "array", "items": inp},
                                                          "delete": {"type": "array", "items": {"type": "integer"}}}}}}},
                     "responses": _responses(_json({"type": "object"}), 400, 401, 409, 422)},
        },
    }


def form_schemas(app: str, form, access) -> dict:
    inp = {k: v for k, v in visible_schema(form, access).items() if k != "$schema"}
    system = {"id": {"type": "integer"}, "version": {"type": "integer"},
              "created_at": {"type": "string", "format": "date-time"},
              "updated_at": {"type": "string", "format": "date-time"},
              "created_by": {"type": ["integer", "null"]}, "updated_by": {"type": ["integer", "null"]}}
    rec = {"type": "object", "title": inp.get("title"), "properties": {**system, **inp["properties"]}}
    return {f"{app}__{form.id}": rec, f"{app}__{form.id}_input": inp}


def build(rt, actor=None) -> dict:
    """The document as `actor` may use it: only readable forms, only visible fields
    (anonymous callers see no form at all)."""
    paths, schemas = {}, {"Error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "object"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "code": {"type": "string"}, "message": {"type": "object"}}}}}}}
    for app in rt.apps() if actor is not None else []:
        for form in rt.forms_of(app["id"]):
            access = rt.access(actor, form)
            if not access.allowed("read"):
                continue
            paths.update(form_paths(app["id"], form))
            schemas.update(form_schemas(app["id"], form, access))
    if paths:  # the import / export endpoints of the forms listed
        paths.update(SHEET_PATHS)
        schemas.update(SHEET_SCHEMAS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Trellis API", "version": __version__},
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {"jwt": {"type": "http", "scheme": "bearer"}}},
        "security": [{"jwt": []}],
    }


@bp.get("/openapi.json")
def openapi():
    return jsonify(build(runtime(), optional_actor()))
