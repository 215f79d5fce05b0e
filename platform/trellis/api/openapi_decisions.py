"""Decision tables in the OpenAPI document: evaluating a published one (decisions.py).
Their definitions are served by the generic definitions API (openapi_kinds.py)."""
from __future__ import annotations

from .openapi_parts import body, json_ok, obj, op, path

TAG = ["decisions"]
VALUE = {"type": ["number", "string", "boolean", "null"]}
OUTPUTS = {"type": "object", "additionalProperties": VALUE}
SCHEMAS = {
    "DecisionResult": obj({
        "outputs": {"oneOf": [OUTPUTS, {"type": "array", "items": OUTPUTS}],
                    "description": "{output: value} (first, unique); one such object per matching rule (collect)"},
        "rule": {"type": ["integer", "null"], "description": "0-based index of the deciding rule (first, unique)"},
        "rules": {"type": "array", "items": {"type": "integer"}, "description": "every matching rule's index"},
        "version": {"type": "integer", "description": "the published version evaluated"}},
        ["outputs", "rule", "rules", "version"]),
}


def paths(app: dict, form: dict) -> dict:
    """`app` is the app path parameter (with the caller's apps listed); `form` is unused."""
    return {
        "/api/v1/apps/{app}/decisions/{key}/evaluate": {"post": op(
            TAG, "Evaluate a published decision table for the given inputs (members of the app)",
            json_ok({"$ref": "#/components/schemas/DecisionResult"}), 403, 404,
            params=[app, path("key", {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"})],
            request=body(obj({"inputs": {"type": "object", "additionalProperties": VALUE,
                                         "description": "input id -> value; left out: null"}})))},
    }
