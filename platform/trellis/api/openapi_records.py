"""The OpenAPI description of each readable form's record endpoints (list, create, get,
update, delete, restore, bulk), every body and answer described by the form's own JSON
Schema as the caller may use it: hidden fields left out, unknown properties refused,
required fields not nullable."""
from __future__ import annotations

from ..security.access import visible_schema
from .openapi_parts import EMPTY, ID, NULL_STAMP, STAMP, body, json_ok, obj, op, path, query

LIST_PARAMS = [
    query("filter", description="JsonLogic filter (JSON)"),
    query("sort", description="sort keys, e.g. -equity,name"),
    query("limit", {"type": "integer", "minimum": 1}, "page size (at most 1000)"),
    query("cursor", description="keyset cursor from `next`"),
    query("page", {"type": "integer", "minimum": 1}, "page number (offset paging)"),
    query("q", description="text search"),
    query("fields", description="comma-separated field ids"),
    query("expand", description="comma-separated relation/user fields to expand"),
    query("count", {"type": "string", "enum": ["exact", "estimate", "none"]}),
    query("deleted", {"type": "string", "enum": ["only"]},
          "only: list the soft-deleted records (the recycle bin; needs the delete permission)"),
]
SYSTEM = {"id": {"type": "integer"}, "version": {"type": "integer"}, "created_at": STAMP, "updated_at": STAMP,
          "created_by": {"type": ["integer", "null"]}, "updated_by": {"type": ["integer", "null"]},
          "deleted_at": NULL_STAMP}
VERSION = {"type": "integer", "minimum": 0, "description": "the version read (optimistic locking)"}
EXPANDED = {"type": "object", "required": ["id"], "description": "an expanded reference",
            "properties": {"id": {"type": "integer"}, "title": {}}}


def _not_null(prop: dict) -> dict:
    """A required field's schema without its null branch."""
    any_of = prop.get("anyOf")
    if isinstance(any_of, list) and len(any_of) == 2 and {"type": "null"} in any_of:
        rest = {k: v for k, v in prop.items() if k != "anyOf"}
        return {**rest, **[s for s in any_of if s != {"type": "null"}][0]}
    return prop


def _references(form) -> set[str]:
    """Fields holding the id of a record, user or department (what `expand` turns into objects)."""
    return {t.id for t in form.active if t.references is not None}


def _expandable(prop: dict) -> dict:
    """A reference field as read: its id, or with `expand` {id, title, ...}."""
    return {"anyOf": [{k: v for k, v in prop.items() if k != "title"}, EXPANDED], "title": prop.get("title")}


def form_schemas(app: str, form, access) -> dict:
    """`<app>__<form>` (a record as read), `_input` (a new record), `_patch` (changes),
    `_update` (changes to one record of a bulk request, naming its id)."""
    schema = visible_schema(form, access)
    required = list(schema.get("required", []))
    props = {k: _not_null(v) if k in required else v for k, v in schema["properties"].items()}
    writable = {k: v for k, v in props.items() if not v.get("readOnly")}
    title = schema.get("title")
    name = f"{app}__{form.id}"
    shown = {k: _expandable(v) if k in _references(form) else v for k, v in schema["properties"].items()}
    record = {"type": "object", "title": title, "required": ["id", "version"], "properties": {**SYSTEM, **shown}}
    new = {"type": "object", "title": title, "properties": writable, "required": required,
           "additionalProperties": False}
    change = {"type": "object", "title": title, "properties": {**writable, "version": VERSION},
              "additionalProperties": False}
    one = {**change, "properties": {"id": {"type": "integer", "minimum": 0}, **change["properties"]}, "required": ["id"]}
    return {name: record, f"{name}_input": new, f"{name}_patch": change, f"{name}_update": one}


def form_paths(app: str, form) -> dict:
    name = f"{app}__{form.id}"
    rec = {"$ref": f"#/components/schemas/{name}"}
    new = {"$ref": f"#/components/schemas/{name}_input"}
    change = {"$ref": f"#/components/schemas/{name}_patch"}
    base = f"/api/v1/apps/{app}/forms/{form.id}/records"
    tag = [f"{app}.{form.id}"]
    rid = [path("id", ID)]
    listing = obj({"items": {"type": "array", "items": rec}, "next": {"type": ["string", "null"]},
                   "count": {"type": ["integer", "null"]}, "count_exact": {"type": "boolean"}}, ["items"])
    label = (form.label or {}).get("en") or form.id
    bulk_in = {"oneOf": [
        {"type": "array", "items": new, "description": "records to create"},
        obj({"create": {"type": "array", "items": new},
             "update": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}_update"}},
             "delete": {"type": "array", "items": {"type": "integer", "minimum": 0}}}, closed=True)]}
    bulk_out = obj({"created": {"type": "array", "items": {"type": "integer"}},
                    "updated": {"type": "array", "items": {"type": "integer"}},
                    "deleted": {"type": "array", "items": {"type": "integer"}}}, closed=True)
    return {
        base: {
            "get": op(tag, f"List {label}", json_ok(listing), 400, 403, params=LIST_PARAMS),
            "post": op(tag, "Create", json_ok(rec, "Created"), 403, 409, 422, status=201, request=body(new)),
        },
        f"{base}/{{id}}": {
            "get": op(tag, "Get", json_ok(rec), 400, 403, 404, params=[*rid, query("fields"), query("expand")]),
            "patch": op(tag, "Update (optimistic: send version or If-Match)", json_ok(rec), 403, 404, 409, 422,
                        params=rid, request=body(change)),
            "delete": op(tag, "Delete (soft; optimistic with ?version= or If-Match)", EMPTY, 400, 403, 404, 409,
                         params=[*rid, query("version", {"type": "integer", "minimum": 0})], status=204),
        },
        f"{base}/{{id}}/restore": {
            "post": op(tag, "Restore a deleted record", json_ok(rec), 403, 404, 409, 422, params=rid)},
        f"{base}/bulk": {
            "post": op(tag, "Bulk create / update / delete in one transaction", json_ok(bulk_out), 403, 404, 409, 422,
                       request=body(bulk_in))},
    }
