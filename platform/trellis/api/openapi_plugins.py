"""`GET /api/v1/plugins` in the OpenAPI document (see api/plugins.py)."""
from __future__ import annotations

from .openapi_parts import json_ok, obj, op

SCHEMAS = {"Plugin": obj({
    "name": {"type": "string"}, "version": {"type": "string"},
    "status": {"type": "string", "enum": ["active", "disabled"]},
    "core": {"type": "boolean", "description": "one of the platform's own engines"},
    "frontend": {"type": "array", "items": {"type": "string"},
                 "description": "URLs of the ES modules the web UI imports at start-up (/plugins/<name>/<file>?v=...)"},
    "origin": {"type": "string", "description": "administrators: core, the entry point's distribution, or "
                                                "TRELLIS_PLUGINS"},
    "error": {"type": ["string", "null"], "description": "administrators: why the plugin is disabled"},
    "provides": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                 "description": "what it registered, by registry: {\"channels\": [\"email\"], \"field_types\": [...]}"},
}, ["name", "version", "status", "core", "frontend", "provides"])}

PATHS = {"/api/v1/plugins": {"get": op(
    ["plugins"], "The platform's engines and the installed plugins: version, status and browser modules; "
    "administrators also see each one's origin and error",
    json_ok(obj({"items": {"type": "array", "items": {"$ref": "#/components/schemas/Plugin"}}}, ["items"])))}}


def add_to(paths: dict, schemas: dict) -> None:
    paths.update(PATHS)
    schemas.update(SCHEMAS)
