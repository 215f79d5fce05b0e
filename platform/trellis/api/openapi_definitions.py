"""The OpenAPI description of the app and form definition endpoints (apps, forms, drafts,
publish and its preview, versions: the form addresses of the definitions API, described by
openapi_kinds.definition_paths), the field-type palette, and who is calling."""
from __future__ import annotations

from ..forms.types.traits import (
    AGGREGATIONS, EXAMPLE_TOKENS, EXPORTS, NUMBER_FORMATS, OPERATORS, PALETTE_GROUPS, REFERENCES, SQL_KINDS, TRAITS,
)
from .openapi_kinds import ITEM as FORM_ITEM, definition_paths
from .openapi_parts import items, json_ok, obj, op, query

TAGS = ["definitions"]
BASE = "/api/v1/apps/{app}/forms/{form}"
DEFINITION = {"$ref": "#/components/schemas/FormBody"}
DRAFT = {"$ref": "#/components/schemas/FormDefinition"}  # the meta-schema (openapi_meta.py)
LABEL = {"type": ["object", "null"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}

SCHEMAS = {
    "FormBody": {"type": "object", "description": "a form definition as stored (FormDefinition, with what "
                                                 "publishing and the caller's permissions add)",
                       "properties": {"id": {"type": "string"}, "label": LABEL, "fields": {"type": "array"}}},
    "PublishPlan": obj({"changes": {"type": "array", "items": {"type": "object"}}}),
    "Me": obj({"id": {"type": ["integer", "null"]}, "username": {"type": "string"}, "name": {"type": "string"},
               "roles": {"type": "array", "items": {"type": "string"}}, "is_admin": {"type": "boolean"},
               "timezone": {"type": "string", "description": "the instance's zone: rules read now / today in it"}},
              ["id", "username", "name", "roles", "is_admin", "timezone"]),
    "UserRef": obj({"id": {"type": "integer"}, "username": {"type": "string"}, "title": {"type": "string"}},
                   ["id", "username"]),
}

BOOL = {"type": "boolean"}
TRAIT_SCHEMAS = {  # forms/types/traits.py
    "sql_kind": {"enum": list(SQL_KINDS)},
    "operators": {"type": "array", "items": {"enum": list(OPERATORS)}},
    "sortable": BOOL, "filterable": BOOL, "searchable": BOOL, "inline_editable": BOOL,
    "references": {"enum": [*REFERENCES, None]},
    "number_format": {"enum": [*NUMBER_FORMATS, None]},
    "export": {"enum": [*EXPORTS, None]},
    "importable": BOOL, "import_key": BOOL,
    "sheet_hint": LABEL,
    "sheet_example": {"description": f"a scalar, {{zh, en}}, one of {', '.join(EXAMPLE_TOKENS)}, or null"},
    "aggregations": {"type": "array", "items": {"enum": list(AGGREGATIONS)}},
    "palette_group": {"enum": list(PALETTE_GROUPS)},
    "palette_rank": {"type": "integer", "description": "the place in the palette group, lower first"},
    "wide": BOOL, "groupable": BOOL, "generated": BOOL,
}
assert set(TRAIT_SCHEMAS) == set(TRAITS)

RELATION = obj({"form": {"type": "string"}, "field": {"type": "string"}, "label": LABEL, "form_label": LABEL})
FIELD_TYPE = obj({"key": {"type": "string"}, "widget": {"type": ["string", "null"]}, "label": LABEL,
                  "config_schema": {"type": "object"}, **TRAIT_SCHEMAS}, ["key", *TRAITS])
OPERATOR = obj({"logic": {"type": "string"}, "values": {"enum": [0, 1, 2, "list"]}, "value_first": BOOL,
                "negated": BOOL}, ["logic", "values"])
FIELD_TYPES = obj({"items": {"type": "array", "items": FIELD_TYPE},
                   "operators": {"type": "object", "additionalProperties": OPERATOR,
                                 "description": "the condition operators the types' `operators` name"}},
                  ["items", "operators"])


def paths(app: dict, form: dict) -> dict:
    """`app` and `form` are the path parameters (with the caller's apps and forms listed)."""
    af = [app, form]
    return {
        "/api/v1/csrf": {"get": _public("The CSRF token a browser session sends in X-CSRFToken on writes",
                                        json_ok(obj({"csrf_token": {"type": "string"}}, ["csrf_token"])))},
        "/api/v1/openapi.json": {"get": _public("This document (forms and fields as the caller may use them)",
                                                json_ok({"type": "object"}))},
        "/api/v1/me": {"get": op(["people"], "Who is calling", json_ok({"$ref": "#/components/schemas/Me"}))},
        "/api/v1/users": {"get": op(["people"], "Search users by name (ids and display names)",
                                    json_ok(items({"$ref": "#/components/schemas/UserRef"})), 400,
                                    params=[query("q"), query("limit", {"type": "integer", "minimum": 1},
                                                              "at most 100")])},
        "/api/v1/field-types": {"get": op(TAGS, "The field types: configuration schemas and traits (what each can do)",
                                          json_ok(FIELD_TYPES))},
        "/api/v1/apps": {"get": op(TAGS, "Apps the caller has a role in", json_ok(items({"type": "object"})))},
        "/api/v1/apps/{app}/forms": {"get": op(TAGS, "Forms of an app the caller may read", json_ok(items(FORM_ITEM)),
                                               403, params=[app])},
        BASE: {"get": op(TAGS, "The published definition as the caller may use it", json_ok(DEFINITION), 403, 404,
                         params=af)},
        f"{BASE}/relations": {"get": op(TAGS, "Forms whose relation fields point at this form",
                                        json_ok(items(RELATION)), 403, 404, params=af)},
        f"{BASE}/schema": {"get": op(TAGS, "The form's JSON Schema as the caller may use it",
                                     json_ok({"type": "object"}), 403, 404, params=af)},
        **definition_paths(BASE, af, DRAFT, DEFINITION, draft="/definition", generic=False),
    }


def _public(summary: str, ok: dict) -> dict:
    """An operation open to anyone (no 401)."""
    out = op(TAGS, summary, ok)
    del out["responses"]["401"]
    return {**out, "security": []}

