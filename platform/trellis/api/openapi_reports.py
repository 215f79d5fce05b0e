"""Reports in the OpenAPI document (reports.py): the list a caller may read and a report's
figures computed in their scope."""
from __future__ import annotations

from .openapi_parts import STAMP, json_ok, obj, op, path, query

TAG = ["reports"]
KEY = path("key", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"})
CELL = {"type": ["string", "number", "boolean", "null"]}
FILTERS = query("filters", description="a JsonLogic rule as JSON, applied with the report's filter")
SCHEMAS = {
    "ReportColumn": obj({"id": {"type": "string"}, "label": {"type": "object"},
                         "kind": {"type": "string", "enum": ["dimension", "measure"]},
                         "bucket": {"type": "string"}, "labels": {"type": "object"},
                         "format": {"type": ["string", "null"]}}, ["id", "label", "kind"]),
    "ReportData": obj({
        "report": {"type": "string"}, "version": {"type": "integer"},
        "columns": {"type": "array", "items": {"$ref": "#/components/schemas/ReportColumn"}},
        "rows": {"type": "array", "items": {"type": "array", "items": CELL}},
        "totals": {"type": "object", "additionalProperties": CELL},
        "truncated": {"type": "boolean"}, "fresh_at": STAMP, "took_ms": {"type": "number"}},
        ["report", "columns", "rows", "totals", "fresh_at"]),
}


def paths(app: dict, _form: dict) -> dict:
    return {
        "/api/v1/apps/{app}/reports": {"get": op(
            TAG, "The published reports over forms the caller may read",
            json_ok(obj({"items": {"type": "array", "items": obj({
                "id": {"type": "string"}, "label": {"type": "object"}, "description": {},
                "form": {"type": "string"}, "chart": {}, "version": {"type": "integer"}}, ["id", "form"])}})),
            params=[app])},
        "/api/v1/apps/{app}/reports/{key}/spec": {"get": op(
            TAG, "A report's Vega-Lite spec on the caller's figures (null for a table), with the figures",
            json_ok(obj({"report": {"type": "string"}, "chart": {"type": "string"},
                         "spec": {"type": ["object", "null"]}, "data": {"$ref": "#/components/schemas/ReportData"}},
                        ["report", "chart", "spec", "data"])), 400, 403, 404,
            params=[app, KEY, FILTERS, query("lang", {"type": "string", "enum": ["zh", "en"]})])},
        "/api/v1/apps/{app}/reports/{key}/data": {"get": op(
            TAG, "A report's figures in the caller's row scope (aggregated in the database)",
            json_ok({"$ref": "#/components/schemas/ReportData"}), 400, 403, 404,
            params=[app, KEY, FILTERS])},
    }
