"""The index advisor's endpoints in the OpenAPI document (listed for administrators only):
the same for every form, so described once with `{app}` and `{form}` path parameters."""
from __future__ import annotations

BASE = "/api/v1/apps/{app}/forms/{form}"
ERROR = {"$ref": "#/components/schemas/Error"}
TAG = ["indexes"]
PATH = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in ("app", "form")]
ADVICE = {"$ref": "#/components/schemas/IndexAdvice"}
WHY = {400: "malformed request", 401: "not signed in", 403: "not an administrator", 404: "form not found",
       422: "an unknown or unindexable field (each named in errors)"}


def _errors(*codes: int) -> dict:
    return {str(c): {"description": WHY[c], "content": {"application/json": {"schema": ERROR}}} for c in codes}


def _ok(schema: dict) -> dict:
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


NULLABLE_OBJECT = {"type": ["object", "null"]}
FIELD_ADVICE = {"type": "object", "properties": {
    "field": {"type": "string"}, "label": {"type": "object"}, "type": {"type": "string"},
    "indexable": {"type": "boolean"}, "indexed": {"type": "boolean", "description": "the definition indexes it"},
    "index": {"type": ["object", "null"], "description": "the existing index whose first column it is",
              "properties": {"name": {"type": "string"}, "unique": {"type": "boolean"}}},
    "views": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "label": {"type": "object"}, "shared": {"type": "boolean"},
        "owner": {"type": ["integer", "null"]}, "owner_name": {"type": "string"},
        "uses": {"type": "array", "items": {"type": "string"}}, "index_friendly": {"type": "boolean"}}}},
    "slow_queries": {"type": ["object", "null"], "properties": {
        "count": {"type": "integer"}, "max_ms": {"type": "number"}, "avg_ms": {"type": "number"},
        "last_at": {"type": "string", "format": "date-time"}, "uses": {"type": "array", "items": {"type": "string"}}}},
    "suggested": {"type": "boolean"},
    "cost": {"type": ["object", "null"], "properties": {
        "rows": {"type": "integer"}, "key_bytes": {"type": "number"}, "null_share": {"type": "number"},
        "size_bytes": {"type": "integer"}, "build_ms": {"type": "number"}, "blocks_writes": {"type": "boolean"}}}}}

SCHEMAS = {
    "IndexAdvice": {"type": "object", "properties": {
        "app": {"type": "string"}, "form": {"type": "string"}, "version": {"type": "integer"},
        "table": {"type": "string"}, "dialect": {"enum": ["sqlite", "postgresql"]},
        "rows": {"type": "integer"}, "rows_exact": {"type": "boolean"}, "threshold_ms": {"type": "number"},
        "fields": {"type": "array", "items": FIELD_ADVICE},
        "recent_slow_queries": {"type": "array", "items": {"type": "object", "properties": {
            "at": {"type": "string", "format": "date-time"}, "ms": {"type": "number"},
            "fields": {"type": "array", "items": {"type": "string"}}}}}}},
    "IndexesCreated": {"type": "object", "properties": {
        "version": {"type": "integer", "description": "the form's published version (new when an index was made)"},
        "created": {"type": "array", "items": {"type": "string"}},
        "existing": {"type": "array", "items": {"type": "string"}},
        "build_ms": {"type": "number"}, "advice": ADVICE}},
}

PATHS = {
    f"{BASE}/index-advice": {"get": {
        "tags": TAG, "parameters": PATH,
        "summary": "Index advice: fields that saved views and slow list queries filter or sort on, "
                   "whether an index exists, and the cost (rows, size, build time) of creating it",
        "responses": {"200": _ok(ADVICE), **_errors(401, 403, 404)}}},
    f"{BASE}/indexes": {"post": {
        "tags": TAG, "parameters": PATH,
        "summary": "Create indexes: set the fields' `indexed` flag and publish the definition "
                   "(a new version; the schema sync builds the indexes; a pending draft stays a draft)",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {
            "type": "object", "required": ["fields"],
            "properties": {"fields": {"type": "array", "minItems": 1, "items": {"type": "string"}}}}}}},
        "responses": {"200": _ok({"$ref": "#/components/schemas/IndexesCreated"}), **_errors(400, 401, 403, 404, 422)}}},
}


def add_to(paths: dict, schemas: dict, actor) -> None:
    """Add the advisor's operations for an administrator."""
    if actor is not None and getattr(actor, "is_admin", False):
        paths.update(PATHS)
        schemas.update(SCHEMAS)
