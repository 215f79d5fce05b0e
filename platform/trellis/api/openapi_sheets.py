"""The import / export endpoints in the OpenAPI document: the same for every form, so they
are described once with `{app}` and `{form}` path parameters."""
from __future__ import annotations

from .openapi_parts import EMPTY, ID, NULL_STAMP, WORKBOOK, XLSX, body, items, json_ok, obj, op, path, query

BASE = "/api/v1/apps/{app}/forms/{form}"
TAG = ["import / export"]
BATCH = {"$ref": "#/components/schemas/ImportBatch"}
MODES = {"enum": ["insert", "upsert", "update"]}
ON_ERROR = {"enum": ["all", "skip"]}
NULL_NUM = {"type": ["number", "null"]}

SCHEMAS = {"ImportBatch": obj({
    "id": {"type": "integer"}, "status": {"enum": ["queued", "running", "done", "failed", "cancelled", "rolled_back"]},
    "mode": MODES, "keys": {"type": "array", "items": {"type": "string"}},
    "dry_run": {"type": "boolean"}, "on_error": ON_ERROR,
    "total": {"type": ["integer", "null"]}, "done": {"type": "integer"}, "eta_seconds": NULL_NUM,
    "rows_per_second": NULL_NUM, "inserted": {"type": "integer"}, "updated": {"type": "integer"},
    "skipped": {"type": "integer"}, "failed": {"type": "integer"}, "errors_url": {"type": ["string", "null"]},
    "message": {"type": ["object", "null"]}, "can_cancel": {"type": "boolean"}, "can_rollback": {"type": "boolean"},
    "created_at": NULL_STAMP, "started_at": NULL_STAMP, "finished_at": NULL_STAMP, "rolled_back_at": NULL_STAMP,
    "problems": {"type": "array", "description": "the first refused cells (row, column, field, message)",
                 "items": {"type": "object"}}},
    ["id", "status"])}

START = obj({
    "upload": {"type": "string", "minLength": 1}, "sheet": {"type": ["string", "null"]},
    "header_row": {"type": ["integer", "null"], "minimum": 0},
    "mapping": {"type": "object", "additionalProperties": {"type": ["string", "null"]}},
    "mode": MODES, "keys": {"type": "array", "items": {"type": "string"}}, "dry_run": {"type": "boolean"},
    "on_error": ON_ERROR, "save_mapping": {"type": ["string", "null"]},
    "match": {"type": "object", "additionalProperties": {"type": "string"}}}, ["upload", "mapping"])
INSPECT = obj({"upload": {"type": "string", "minLength": 1}, "sheet": {"type": ["string", "null"]},
               "header_row": {"type": ["integer", "null"], "minimum": 0}, "mapping_id": {"type": "integer"}},
              ["upload"])
MAPPING = obj({"name": {"type": "string", "minLength": 1},
               "mapping": {"type": "object", "additionalProperties": {"type": "string"}}}, ["name", "mapping"])
EXPORT = {"description": "the records as a workbook or CSV (UTF-8)",
          "content": {XLSX: {"schema": {}}, "text/csv": {"schema": {"type": "string"}}}}


def paths(app: dict, form: dict) -> dict:
    af = [app, form]
    batch = [*af, path("id", ID)]
    return {
        f"{BASE}/imports/inspect": {"post": op(
            TAG, "Upload a sheet (multipart `file`) or re-inspect one: sheets, header row, preview, automatic mapping",
            json_ok({"type": "object"}), 400, 403, 404, 413, 415, params=af, request={"required": True, "content": {
                "multipart/form-data": {"schema": obj({"file": {"type": "string", "format": "binary"},
                                                       "sheet": {"type": "string"},
                                                       "header_row": {"type": "integer", "minimum": 0}}, ["file"])},
                "application/json": {"schema": INSPECT}}})},
        f"{BASE}/imports": {
            "get": op(TAG, "Import batches of the form, newest first", json_ok({"type": "array", "items": BATCH}),
                      403, 404, params=af),
            "post": op(TAG, "Start an import (or a dry run) as a background task", json_ok(BATCH, "Accepted"),
                       403, 404, 422, params=af, status=202, request=body(START))},
        f"{BASE}/imports/{{id}}": {"get": op(TAG, "One batch: status, progress, counts", json_ok(BATCH), 403, 404,
                                             params=batch)},
        f"{BASE}/imports/{{id}}/cancel": {"post": op(TAG, "Cancel a running batch", json_ok(BATCH), 403, 404, 409,
                                                     params=batch)},
        f"{BASE}/imports/{{id}}/rollback": {"post": op(
            TAG, "Roll a batch back (inserted rows deleted, updated rows restored from the audit log)", json_ok(BATCH),
            403, 404, 409, params=[*batch, query("force", {"enum": ["1", "true", "0", "false"]})])},
        f"{BASE}/imports/{{id}}/errors.xlsx": {"get": op(TAG, "The batch's error workbook", WORKBOOK, 403, 404,
                                                         params=batch)},
        f"{BASE}/imports/mappings": {
            "get": op(TAG, "Saved column mappings", json_ok(items({"type": "object"})), 403, 404, params=af),
            "post": op(TAG, "Save a column mapping {name, mapping: {header: field}}", json_ok({"type": "object"},
                                                                                               "Saved"),
                       403, 404, 422, params=af, status=201, request=body(MAPPING))},
        f"{BASE}/imports/mappings/{{mapping_id}}": {"delete": op(
            TAG, "Delete a saved mapping (its owner or an admin)", EMPTY, 403, 404,
            params=[*af, path("mapping_id", ID)], status=204)},
        f"{BASE}/template.xlsx": {"get": op(TAG, "The form's import template", WORKBOOK, 403, 404,
                                            params=[*af, query("lang", {"enum": ["zh", "en"]})])},
        f"{BASE}/export": {"get": op(
            TAG, "Export records (filter, sort, q, fields, view) as xlsx or csv, streamed; scopes and field "
                 "permissions apply", EXPORT, 400, 403, 404,
            params=[*af, query("format", {"enum": ["xlsx", "csv"]}), query("filter"), query("sort"), query("q"),
                    query("fields"), query("view"), query("lang", {"enum": ["zh", "en"]})])},
    }
