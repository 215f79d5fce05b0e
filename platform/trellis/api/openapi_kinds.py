"""The OpenAPI description of the definitions API every kind shares
(`/api/v1/apps/{app}/definitions/{kind}/...`, definition_kinds.py): `{kind}` lists the
kinds the runtime has registered, so a kind a plugin adds is described with the rest. The
older form, role and view addresses of the same handlers are described with their areas
(openapi_definitions.py, openapi_admin.py)."""
from __future__ import annotations

from .definition_kinds import NOTE_MAX
from .openapi_parts import EMPTY, ID, STAMP, body, items, json_ok, obj, op, path

TAGS = ["definitions"]
BASE = "/api/v1/apps/{app}/definitions/{kind}"
ONE = f"{BASE}/{{key}}"
DEFINITION = {"type": "object", "description": "a definition of the kind, as its meta-schema describes it "
                                               "(GET /api/v1/definition-kinds; metadata/<kind>.schema.json)"}
LABEL = {"type": ["object", "null"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
ITEM = obj({"id": {"type": "string"}, "label": LABEL, "published_version": {"type": ["integer", "null"]},
            "draft_updated_at": STAMP}, ["id", "published_version", "draft_updated_at"])
KIND = obj({"key": {"type": "string"}, "label": obj({"zh": {"type": "string"}, "en": {"type": "string"}}, ["zh", "en"]),
            "removable": {"type": "boolean"}, "impact": {"type": "boolean", "description": "has a publish preview"}},
           ["key", "label", "removable", "impact"])
VERSION_ITEM = obj({"version": {"type": "integer"}, "published_at": STAMP, "published_by": {"type": ["integer", "null"]},
                    "note": {"type": ["string", "null"]}}, ["version", "published_at"])
NOTE = obj({"note": {"type": ["string", "null"], "maxLength": NOTE_MAX}}, closed=False)
RESTORE = obj({"as_draft": {"type": ["boolean", "null"], "description": "make the version the draft instead of "
                                                                        "publishing it again"}}, closed=False)
RESTORED = obj({"version": {"type": ["integer", "null"]}, "draft": DEFINITION}, ["version"])
EXPORT = {"description": "the definition as a JSON file (published, else the draft; default values left out)",
          "content": {"application/json": {"schema": DEFINITION}}}
SCHEMAS: dict = {}


def paths(app: dict, kinds: list[str]) -> dict:
    """`app` is the app path parameter; `kinds` the registered kinds' keys."""
    one = [app, path("kind", {"type": "string", "enum": kinds} if kinds else None), path("key")]
    num = [*one, path("version", ID)]
    version = {"$ref": "#/components/schemas/Version"}
    return {
        "/api/v1/definition-kinds": {"get": op(TAGS, "The kinds of definition", json_ok(items(KIND)))},
        BASE: {"get": op(TAGS, "The app's definitions of a kind that the caller may see (unknown kind: 404)",
                         json_ok(items(ITEM)), 403, 404, params=one[:2])},
        ONE: {
            "get": op(TAGS, "The draft (needs the right to edit the definition)", json_ok(DEFINITION), 403, 404,
                      params=one),
            "put": op(TAGS, "Save the draft (checked against the kind's meta-schema: 422 naming each JSON path)",
                      json_ok(DEFINITION), 403, 404, 422, params=one, request=body(DEFINITION)),
            "delete": op(TAGS, "Delete the definition and its versions (kinds that allow it; else 400)", EMPTY,
                         400, 403, 404, params=one, status=204)},
        f"{ONE}/publish": {"post": op(TAGS, "Publish the draft (the kind's publish hook checks and applies it)",
                                      json_ok(version), 403, 404, 409, 422, params=one,
                                      request=body(NOTE, required=False))},
        f"{ONE}/publish/preview": {"get": op(TAGS, "What publishing the draft would change or refuse (kinds with "
                                                   "a preview; else 404)", json_ok({"type": "object"}), 403, 404,
                                             422, params=one)},
        f"{ONE}/versions": {"get": op(TAGS, "Published versions, newest first", json_ok(items(VERSION_ITEM)),
                                      403, 404, params=one)},
        f"{ONE}/versions/{{version}}": {"get": op(TAGS, "One published version's definition", json_ok(DEFINITION),
                                                  403, 404, params=num)},
        f"{ONE}/versions/{{version}}/restore": {"post": op(
            TAGS, "Publish an earlier version again as a new version, or make it the draft ({\"as_draft\": true})",
            json_ok(RESTORED), 403, 404, 409, 422, params=num, request=body(RESTORE, required=False))},
        f"{ONE}/export": {"get": op(TAGS, "The definition as a JSON file", EXPORT, 403, 404, params=one)},
    }
