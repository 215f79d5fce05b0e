"""Flows in the OpenAPI document (flows.py): the designer's palette, runs and their log,
operating a run, starting a manual flow, dry runs and a record's runs. Definitions are
served by the generic definitions API (openapi_kinds.py); inbound webhooks by
openapi_flow_hooks (when present)."""
from __future__ import annotations

from .openapi_parts import BILINGUAL, ID, NULL_STAMP, STAMP, body, items, json_ok, obj, op, path, query

TAG = ["flows"]
KEY = path("key", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"})
RUN_ID = path("run_id", ID)
STATE = {"enum": ["running", "waiting", "done", "failed", "cancelled", "exited"]}
RUN = obj({"id": {"type": "integer"}, "flow": {"type": "string"}, "version": {"type": "integer"},
           "form": {"type": ["string", "null"]}, "record_id": {"type": ["integer", "null"]},
           "record_title": {"type": ["string", "null"]}, "state": STATE, "seq": {"type": "integer"},
           "error": {"type": ["string", "null"]}, "started_at": STAMP, "updated_at": STAMP, "ended_at": NULL_STAMP,
           "wake_at": NULL_STAMP, "parent_run": {"type": ["integer", "null"]}},
          ["id", "flow", "version", "state", "started_at"])
STEP = obj({"seq": {"type": "integer"}, "node": {"type": "string"}, "type": {"type": "string"},
            "result": {"type": "string"}, "input": {}, "output": {}, "error": {"type": ["string", "null"]},
            "at": STAMP, "ms": {"type": ["integer", "null"]}})
SCHEMAS = {
    "FlowRun": RUN,
    "FlowRunDetail": {"allOf": [{"$ref": "#/components/schemas/FlowRun"}, obj({
        "context": {"type": "object"}, "steps": {"type": "array", "items": STEP},
        "path": {"type": "array", "items": {"type": "string"}}, "definition": {"type": "object"}})]},
    "FlowTypes": obj({"nodes": {"type": "array", "items": obj({
        "key": {"type": "string"}, "label": BILINGUAL, "category": {"type": "string"}, "config_schema": {},
        "container": {"type": ["string", "null"]}, "terminal": {"type": "boolean"}})},
        "triggers": {"type": "array", "items": obj({"key": {"type": "string"}, "label": BILINGUAL,
                                                     "config_schema": {}, "needs_form": {"type": "boolean"}})}}),
    "FlowDryRun": obj({"evaluated": {"type": "integer"}, "fired": {"type": "integer"},
                       "truncated": {"type": "boolean"}, "items": {"type": "array", "items": obj({
                           "record_id": {"type": ["integer", "null"]}, "title": {"type": ["string", "null"]},
                           "at": {"type": ["string", "null"]}, "event": {"type": ["string", "null"]},
                           "explanation": BILINGUAL, "clauses": {"type": "array"}, "actions": {"type": "array"}})}}),
}
REF = {"$ref": "#/components/schemas/FlowRun"}


def paths(app: dict, form: dict) -> dict:
    operate = {what: {"post": op(TAG, f"{what.capitalize()} a run (administrators)", json_ok(REF), 403, 409,
                                 params=[app, RUN_ID])} for what in ("cancel", "retry", "skip")}
    return {
        "/api/v1/flows/types": {"get": op(TAG, "Node and trigger types with their configuration schemas",
                                          json_ok({"$ref": "#/components/schemas/FlowTypes"}))},
        "/api/v1/apps/{app}/flows": {"get": op(
            TAG, "The app's flows with their runs over 30 days (administrators)", json_ok(items(obj({
                "key": {"type": "string"}, "label": {}, "kind": {"type": "string"}, "enabled": {"type": "boolean"},
                "form": {"type": ["string", "null"]}, "trigger": {}, "published_version": {"type": ["integer", "null"]},
                "runs": {"type": "object"}, "last_run_at": NULL_STAMP}))), 403, params=[app])},
        "/api/v1/apps/{app}/flows/{key}/runs": {"get": op(
            TAG, "A flow's runs, newest first (administrators)", json_ok(items(REF)), 400, 403,
            params=[app, KEY, query("state", STATE), query("record", {"type": "integer"}),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 500})])},
        "/api/v1/apps/{app}/flow-runs/{run_id}": {"get": op(
            TAG, "One run: context, step log, path taken, the flow version it runs on (administrators)",
            json_ok({"$ref": "#/components/schemas/FlowRunDetail"}), 403, params=[app, RUN_ID])},
        **{f"/api/v1/apps/{{app}}/flow-runs/{{run_id}}/{what}": v for what, v in operate.items()},
        "/api/v1/apps/{app}/flows/{key}/run": {"post": op(
            TAG, "Start a manual flow on records the caller may read", json_ok(obj({"runs": {
                "type": "array", "items": {"type": "integer"}}})), 403, 404, 409, params=[app, KEY], status=202,
            request=body(obj({"records": {"type": "array", "items": {"type": "integer"}, "maxItems": 500},
                              "vars": {"type": "object"}}), required=False))},
        "/api/v1/apps/{app}/flows/{key}/dry-run": {"post": op(
            TAG, "Run a flow on past data without side effects: how often it would have fired, for whom and why",
            json_ok({"$ref": "#/components/schemas/FlowDryRun"}), 403, 404, params=[app, KEY],
            request=body(obj({"from": STAMP, "to": STAMP, "record": {"type": "integer"}, "draft": {"type": "boolean"}}),
                         required=False))},
        "/api/v1/apps/{app}/forms/{form}/manual-flows": {"get": op(
            TAG, "The manual flows a record page of the form offers", json_ok(items(obj({
                "key": {"type": "string"}, "label": {}, "button": {}}))), 403, 404, params=[app, form])},
        "/api/v1/apps/{app}/forms/{form}/records/{record_id}/flow-runs": {"get": op(
            TAG, "The runs a record started, with a line for its timeline", json_ok(items(REF)), 403,
            params=[app, form, path("record_id", ID)])},
    }
