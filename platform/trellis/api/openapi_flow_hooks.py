"""Flow webhooks in the OpenAPI document (flow_hooks.py): no user signs in; the flow's
secret (or an HMAC signature of the body under it) is the credential."""
from __future__ import annotations

from .openapi_parts import error, json_ok, obj, path

TAG = ["flows"]
ID_PATTERN = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}
SCHEMAS = {
    "FlowHookAccepted": obj({"run": {"type": ["integer", "null"],
                                     "description": "the run started (or started before for this Idempotency-Key); "
                                                    "null when the flow's entry condition declined"}}, ["run"]),
}


def _header(name: str, description: str) -> dict:
    return {"name": name, "in": "header", "required": False, "schema": {"type": "string"}, "description": description}


def paths(app: dict, form: dict) -> dict:
    """`app` and `form` are unused: a webhook names its app in the path as the caller was told."""
    responses = {"202": json_ok({"$ref": "#/components/schemas/FlowHookAccepted"}, "Accepted")}
    responses.update({str(c): error(c) for c in (400, 403, 404, 413)})
    return {
        "/api/v1/hooks/flows/{app}/{key}": {"post": {
            "tags": TAG, "security": [],
            "summary": "Start a flow whose trigger is a webhook, with a JSON object (at most 256 KB)",
            "parameters": [
                path("app", ID_PATTERN), path("key", ID_PATTERN),
                _header("X-Trellis-Secret", "the flow's secret"),
                _header("X-Trellis-Signature", "sha256=<hex HMAC-SHA256 of the raw body under the secret>"),
                _header("Idempotency-Key", "a retried delivery with the same key starts one run (≤ 100 characters)"),
            ],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": responses}},
    }
