"""Building blocks of the OpenAPI document: operations with their error answers, path and
query parameters, JSON bodies and the shared component schemas. Every area of the API
(records, definitions, organization, ...) describes its endpoints with these."""
from __future__ import annotations

ERROR = {"$ref": "#/components/schemas/Error"}
STAMP = {"type": "string", "format": "date-time"}
NULL_STAMP = {"type": ["string", "null"], "format": "date-time"}
BILINGUAL = {"type": "object", "required": ["zh", "en"], "properties": {"zh": {"type": "string"},
                                                                         "en": {"type": "string"}}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILE = {"description": "the file, as stored", "content": {"*/*": {"schema": {}}}}
WORKBOOK = {"description": "an xlsx workbook", "content": {XLSX: {"schema": {}}}}
EMPTY = {"description": "Done (no content)"}
# werkzeug's <int:...> converter takes digits only: anything else is an unknown address (404)
ID = {"type": "integer", "minimum": 0}
WHY = {400: "malformed request", 401: "not signed in", 403: "not permitted", 404: "not found",
       409: "conflict (stale version, a state that forbids it)", 413: "request too large",
       415: "file type refused", 422: "invalid content", 429: "too many attempts"}

COMPONENTS = {
    "Error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string"}, "message": BILINGUAL, "details": {},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "code": {"type": "string"}, "message": BILINGUAL,
            "row": {"type": "integer"}, "pointer": {"type": "string"}}}}}},
    "Items": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array"}}},
    "Version": {"type": "object", "required": ["version"], "properties": {"version": {"type": "integer"}}},
}


def error(code: int) -> dict:
    return {"description": WHY.get(code, str(code)), "content": {"application/json": {"schema": ERROR}}}


def json_ok(schema: dict, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def items(item: dict) -> dict:
    return {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": item}}}


def body(schema: dict, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def path(name: str, schema: dict | None = None) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": schema or {"type": "string"}}


def query(name: str, schema: dict | None = None, description: str | None = None) -> dict:
    out = {"name": name, "in": "query", "schema": schema or {"type": "string"}}
    if description:
        out["description"] = description
    return out


def op(tags: list, summary: str, ok: dict, *codes: int, params=(), request=None, status: int = 200) -> dict:
    """One operation: its success answer and the error statuses it may give. Every
    operation needs a signed-in caller (401); one with a body may meet a malformed or
    oversized request (400, 413); one with a number in its path, an address that names
    nothing (404: the number is negative, or past 64 bits)."""
    errors = {401, *codes}
    if any(p.get("in") == "path" and p["schema"].get("type") == "integer" for p in params):
        errors.add(404)
    if request is not None:
        errors |= {400, 413}
    out = {"tags": tags, "summary": summary, "responses": {str(status): ok, **{str(c): error(c) for c in sorted(errors)}}}
    if params:
        out["parameters"] = list(params)
    if request is not None:
        out["requestBody"] = request
    return out


def obj(props: dict, required=(), closed: bool = False) -> dict:
    """An object schema; `closed` when the server refuses keys it does not know."""
    out = {"type": "object", "properties": props}
    if required:
        out["required"] = list(required)
    if closed:
        out["additionalProperties"] = False
    return out
