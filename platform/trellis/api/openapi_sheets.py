"""The import / export endpoints in the OpenAPI document: the same for every form, so they
are described once with `{app}` and `{form}` path parameters."""
from __future__ import annotations

BASE = "/api/v1/apps/{app}/forms/{form}"
ERROR = {"$ref": "#/components/schemas/Error"}
TAG = ["import / export"]
PATH = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}} for n in ("app", "form")]
BATCH_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
BATCH = {"$ref": "#/components/schemas/ImportBatch"}
FILE = {"description": "a file", "content": {"application/octet-stream": {}}}


def _errors(*codes: int) -> dict:
    return {str(c): {"description": str(c), "content": {"application/json": {"schema": ERROR}}} for c in codes}


def _op(summary: str, ok: dict, *codes: int, params=(), body=None, status="200") -> dict:
    op = {"tags": TAG, "summary": summary, "parameters": [*PATH, *params], "responses": {status: ok, **_errors(*codes)}}
    if body is not None:
        op["requestBody"] = body
    return op


def _json(schema: dict) -> dict:
    return {"description": "OK", "content": {"application/json": {"schema": schema}}}


def _query(*names: str) -> list:
    return [{"name": n, "in": "query", "schema": {"type": "string"}} for n in names]


SCHEMAS = {"ImportBatch": {"type": "object", "properties": {
    "id": {"type": "integer"}, "status": {"enum": ["queued", "running", "done", "failed", "cancelled", "rolled_back"]},
    "mode": {"enum": ["insert", "upsert", "update"]}, "keys": {"type": "array", "items": {"type": "string"}},
    "dry_run": {"type": "boolean"}, "on_error": {"enum": ["all", "skip"]},
    "total": {"type": ["integer", "null"]}, "done": {"type": "integer"}, "eta_seconds": {"type": ["number", "null"]},
    "rows_per_second": {"type": ["number", "null"]}, "inserted": {"type": "integer"}, "updated": {"type": "integer"},
    "skipped": {"type": "integer"}, "failed": {"type": "integer"}, "errors_url": {"type": ["string", "null"]},
    "message": {"type": ["object", "null"]}, "can_cancel": {"type": "boolean"}, "can_rollback": {"type": "boolean"}}}}

START = {"type": "object", "required": ["upload", "mapping"], "properties": {
    "upload": {"type": "string"}, "sheet": {"type": ["string", "null"]}, "header_row": {"type": ["integer", "null"]},
    "mapping": {"type": "object", "additionalProperties": {"type": "string"}},
    "mode": {"enum": ["insert", "upsert", "update"]}, "keys": {"type": "array", "items": {"type": "string"}},
    "dry_run": {"type": "boolean"}, "on_error": {"enum": ["all", "skip"]}, "save_mapping": {"type": ["string", "null"]}}}

PATHS = {
    f"{BASE}/imports/inspect": {"post": _op(
        "Upload a sheet (multipart `file`) or re-inspect one: sheets, header row, preview, automatic mapping",
        _json({"type": "object"}), 400, 401, 403, 413,
        body={"content": {"multipart/form-data": {"schema": {"type": "object", "properties": {
            "file": {"type": "string", "format": "binary"}, "sheet": {"type": "string"},
            "header_row": {"type": "integer"}}}}}})},
    f"{BASE}/imports": {
        "get": _op("Import batches of the form, newest first", _json({"type": "array", "items": BATCH}), 401, 403),
        "post": _op("Start an import (or a dry run) as a background task", _json(BATCH), 400, 401, 403, 422,
                    status="202", body={"content": {"application/json": {"schema": START}}})},
    f"{BASE}/imports/{{id}}": {"get": _op("One batch: status, progress, counts", _json(BATCH), 401, 404,
                                          params=[BATCH_ID])},
    f"{BASE}/imports/{{id}}/cancel": {"post": _op("Cancel a running batch", _json(BATCH), 401, 404, 409,
                                                  params=[BATCH_ID])},
    f"{BASE}/imports/{{id}}/rollback": {"post": _op(
        "Roll a batch back (inserted rows deleted, updated rows restored from the audit log)", _json(BATCH),
        401, 403, 404, 409, params=[BATCH_ID, *_query("force")])},
    f"{BASE}/imports/{{id}}/errors.xlsx": {"get": _op("The batch's error workbook", FILE, 401, 404,
                                                      params=[BATCH_ID])},
    f"{BASE}/imports/mappings": {
        "get": _op("Saved column mappings", _json({"type": "object"}), 401),
        "post": _op("Save a column mapping {name, mapping: {header: field}}", _json({"type": "object"}), 401, 422,
                    body={"content": {"application/json": {"schema": {"type": "object"}}}})},
    f"{BASE}/template.xlsx": {"get": _op("The form's import template", FILE, 401, 403, params=_query("lang"))},
    f"{BASE}/export": {"get": _op(
        "Export records (filter, sort, q, fields, view) as xlsx or csv, streamed; scopes and field permissions apply",
        FILE, 400, 401, 403, params=_query("format", "filter", "sort", "q", "fields", "view", "lang"))},
}
