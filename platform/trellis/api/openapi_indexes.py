"""The index advisor's endpoints in the OpenAPI document (listed for administrators only):
the same for every form, so described once with `{app}` and `{form}` path parameters."""
from __future__ import annotations

from .openapi_parts import body, json_ok, obj, op

BASE = "/api/v1/apps/{app}/forms/{form}"
TAG = ["indexes"]
ADVICE = {"$ref": "#/components/schemas/IndexAdvice"}
STRINGS = {"type": "array", "items": {"type": "string"}}

FIELD_ADVICE = obj({
    "field": {"type": "string"}, "label": {"type": "object"}, "type": {"type": "string"},
    "indexable": {"type": "boolean"}, "indexed": {"type": "boolean", "description": "the definition indexes it"},
    "index": {"type": ["object", "null"], "description": "the existing index whose first column it is",
              "properties": {"name": {"type": "string"}, "unique": {"type": "boolean"}}},
    "views": {"type": "array", "items": obj({
        "id": {"type": "string"}, "label": {"type": "object"}, "shared": {"type": "boolean"},
        "owner": {"type": ["integer", "null"]}, "owner_name": {"type": "string"}, "uses": STRINGS,
        "index_friendly": {"type": "boolean"}})},
    "slow_queries": {"type": ["object", "null"], "properties": {
        "count": {"type": "integer"}, "max_ms": {"type": "number"}, "avg_ms": {"type": "number"},
        "last_at": {"type": "string", "format": "date-time"}, "uses": STRINGS}},
    "suggested": {"type": "boolean"},
    "cost": {"type": ["object", "null"], "properties": {
        "rows": {"type": "integer"}, "key_bytes": {"type": "number"}, "null_share": {"type": "number"},
        "size_bytes": {"type": "integer"}, "build_ms": {"type": "number"}, "blocks_writes": {"type": "boolean"}}}},
    ["field", "suggested"])

SCHEMAS = {
    "IndexAdvice": obj({
        "app": {"type": "string"}, "form": {"type": "string"}, "version": {"type": "integer"},
        "table": {"type": "string"}, "dialect": {"type": "string"},
        "rows": {"type": "integer"}, "rows_exact": {"type": "boolean"}, "threshold_ms": {"type": "number"},
        "fields": {"type": "array", "items": FIELD_ADVICE},
        "recent_slow_queries": {"type": "array", "items": obj({
            "at": {"type": "string", "format": "date-time"}, "ms": {"type": "number"}, "fields": STRINGS})}},
        ["form", "fields"]),
    "IndexesCreated": obj({
        "version": {"type": "integer", "description": "the form's published version (new when an index was made)"},
        "created": STRINGS, "existing": STRINGS, "build_ms": {"type": "number"}, "advice": ADVICE},
        ["version", "created", "existing"]),
}

CREATE = obj({"fields": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}}}, ["fields"])


def paths(app: dict, form: dict) -> dict:
    af = [app, form]
    return {
        f"{BASE}/index-advice": {"get": op(
            TAG, "Index advice: the fields that saved views and slow list queries filter or sort on, whether an "
                 "index exists, and the cost (rows, size, build time) of creating it (administrators)",
            json_ok(ADVICE), 403, 404, params=af)},
        f"{BASE}/indexes": {"post": op(
            TAG, "Create indexes: set the fields' `indexed` flag and publish the definition (a new version; the "
                 "schema sync builds the indexes; a pending draft stays a draft) (administrators)",
            json_ok({"$ref": "#/components/schemas/IndexesCreated"}), 403, 404, 422, params=af,
            request=body(CREATE))},
    }


def add_to(paths_: dict, schemas: dict, actor, app: dict, form: dict) -> None:
    """Add the advisor's operations for an administrator."""
    if actor is not None and getattr(actor, "is_admin", False):
        paths_.update(paths(app, form))
        schemas.update(SCHEMAS)
