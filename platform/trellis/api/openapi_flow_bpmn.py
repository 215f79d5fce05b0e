"""BPMN 2.0 export of flows in the OpenAPI document (flow_bpmn.py): a published flow (or
one of its versions) or a draft body as `application/xml`, for administrators."""
from __future__ import annotations

from .openapi_parts import body, obj, op, path, query

TAG = ["flows"]
KEY = path("key", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"})
XML = {"description": "BPMN 2.0 XML (process and diagram), as an attachment `<key>.bpmn`",
       "content": {"application/xml": {"schema": {"type": "string"}}}}
SCHEMAS: dict = {}


def paths(app: dict, form: dict) -> dict:
    return {
        "/api/v1/apps/{app}/flows/{key}/bpmn": {"get": op(
            TAG, "A published flow (or one version of it) as BPMN 2.0 XML (administrators)", XML, 400, 403, 404,
            params=[app, KEY, query("version", {"type": "integer", "minimum": 1},
                                    "a published version (default: the current one)")])},
        "/api/v1/apps/{app}/flows/bpmn": {"post": op(
            TAG, "A draft flow definition as BPMN 2.0 XML (administrators)", XML, 403, params=[app],
            request=body(obj({"body": {"type": "object", "description": "a flow definition (metadata/flow.schema.json)",
                                       "properties": {"steps": {"type": "array"}, "trigger": {"type": "object"}},
                                       "required": ["steps"]}}, ["body"])))},
    }
