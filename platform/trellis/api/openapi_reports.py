"""Reports and dashboards in the OpenAPI document (reports.py, dashboards.py): the lists a
caller may read, a report's figures computed in their scope (JSON, a Vega-Lite spec, a
workbook), the records behind a group, a dashboard's page and tiles, its layout, sending one
of its scheduled deliveries now."""
from __future__ import annotations

from .openapi_parts import STAMP, body, json_ok, obj, op, path, query

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
        "previous": {"type": ["object", "null"]}, "range": {"type": ["array", "null"]},
        "subtotals": {"type": "array"}, "cached": {"type": "boolean"},
        "truncated": {"type": "boolean"}, "fresh_at": STAMP, "took_ms": {"type": "number"}},
        ["report", "columns", "rows", "totals", "fresh_at"]),
}


LANG = query("lang", {"type": "string", "enum": ["zh", "en"]})
DASH = path("key", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"})
SPEC = obj({"report": {"type": "string"}, "chart": {"type": "string"},
            "spec": {"type": ["object", "null"]}, "data": {"$ref": "#/components/schemas/ReportData"}},
           ["report", "chart", "spec", "data"])


def paths(app: dict, _form: dict) -> dict:
    return {**_reports(app), **_dashboards(app)}


def _dashboards(app: dict) -> dict:
    tile = path("tile", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"})
    delivery = path("delivery", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,63}$"})
    return {
        "/api/v1/apps/{app}/dashboards": {"get": op(
            TAG, "The app's published dashboards",
            json_ok(obj({"items": {"type": "array", "items": obj({
                "id": {"type": "string"}, "label": {"type": "object"}, "description": {},
                "version": {"type": "integer"}, "tiles": {"type": "integer"}}, ["id"])}})), params=[app])},
        "/api/v1/apps/{app}/dashboards/{key}": {"get": op(
            TAG, "A dashboard's page: global filters with their options, tiles (readable or not), refresh",
            json_ok(obj({"id": {"type": "string"}, "label": {"type": "object"}, "version": {"type": "integer"},
                         "refresh": {"type": "integer"}, "editable": {"type": "boolean"},
                         "filters": {"type": "array"}, "tiles": {"type": "array"}},
                        ["id", "filters", "tiles"])), 404, params=[app, DASH])},
        "/api/v1/apps/{app}/dashboards/{key}/tiles/{tile}": {"get": op(
            TAG, "One tile: its report on the caller's figures with the global filters applied, or a widget's "
                 "content for the caller (`widget`: its type; `data`: {items, ...})",
            json_ok(obj({**SPEC["properties"], "tile": {"type": "string"}, "applied": {"type": ["object", "null"]},
                         "unfiltered": {"type": "array", "items": {"type": "string"}},
                         "widget": {"type": "string"}, "data": {"type": "object"}}, ["tile", "data"])),
            400, 403, 404, params=[app, DASH, tile, LANG,
                                   query("values", description="{filter id: value} as JSON (a date range "
                                                               "[start, end] or a list of values)")])},
        "/api/v1/apps/{app}/dashboards/{key}/layout": {"put": op(
            TAG, "Move and resize tiles, add widgets (a new id with its `widget` {type, settings}) or set "
                 "their settings, remove tiles: saved and published as a new version (administrators)",
            json_ok(obj({"version": {"type": "integer"}}, ["version"])), 400, 403, 404, 422,
            params=[app, DASH],
            request=body(obj({"tiles": {"type": "array", "items": obj({
                "id": {"type": "string"}, "x": {"type": "integer"}, "y": {"type": "integer"},
                "w": {"type": "integer"}, "h": {"type": "integer"}, "title": {"type": "object"},
                "widget": obj({"type": {"type": "string"}}, ["type"]), "report": {"type": "string"}}, ["id"])},
                "remove": {"type": "array", "items": {"type": "string"}}}, ["tiles"])))},
        "/api/v1/apps/{app}/dashboards/{key}/deliveries/{delivery}/send": {"post": op(
            TAG, "Send a scheduled delivery of the dashboard now: one job per recipient, each building the "
                 "snapshot in that recipient's scope (administrators)",
            json_ok(obj({"jobs": {"type": "array", "items": {"type": "integer"}}}, ["jobs"]), "Accepted"),
            403, 404, params=[app, DASH, delivery], status=202)},
    }


def _reports(app: dict) -> dict:
    return {
        "/api/v1/apps/{app}/reports": {"get": op(
            TAG, "The published reports over forms the caller may read",
            json_ok(obj({"items": {"type": "array", "items": obj({
                "id": {"type": "string"}, "label": {"type": "object"}, "description": {},
                "form": {"type": "string"}, "chart": {}, "version": {"type": "integer"}}, ["id", "form"])}})),
            params=[app])},
        "/api/v1/apps/{app}/reports/{key}/spec": {"get": op(
            TAG, "A report's Vega-Lite spec on the caller's figures (null for a table), with the figures",
            json_ok(SPEC), 400, 403, 404, params=[app, KEY, FILTERS, LANG])},
        "/api/v1/apps/{app}/reports/{key}/xlsx": {"get": op(
            TAG, "A report's figures as a workbook, in the caller's scope",
            {"description": "the workbook", "content": {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                    "schema": {"type": "string", "format": "binary"}}}}, 400, 403, 404,
            params=[app, KEY, FILTERS, LANG])},
        "/api/v1/apps/{app}/reports/preview": {"post": op(
            TAG, "A draft report's chart and figures in the caller's scope, checked as publishing checks it (not kept)",
            json_ok(SPEC), 400, 403, 404, 422, params=[app],
            request=body(obj({"report": {"type": "object"}, "filters": {"type": ["object", "null"]},
                              "lang": {"type": "string", "enum": ["zh", "en"]}}, ["report"])))},
        "/api/v1/apps/{app}/reports/{key}/drill": {"get": op(
            TAG, "The grid filter of the records behind one group of a report",
            json_ok(obj({"form": {"type": "string"}, "filter": {"type": ["object", "null"]}}, ["form", "filter"])),
            400, 403, 404, params=[app, KEY, FILTERS,
                                   query("at", description="{dimension id: value} as JSON (a period by its label)")])},
        "/api/v1/apps/{app}/reports/{key}/data": {"get": op(
            TAG, "A report's figures in the caller's row scope (aggregated in the database)",
            json_ok({"$ref": "#/components/schemas/ReportData"}), 400, 403, 404,
            params=[app, KEY, FILTERS])},
    }
