"""The OpenAPI description of the definitions API every kind shares
(`/api/v1/apps/{app}/definitions/{kind}/...`, definition_kinds.py): `{kind}` lists the
kinds the runtime has registered, so a kind a plugin adds is described with the rest. The
older form, role and view addresses of the same handlers are described with their areas
(openapi_definitions.py with `definition_paths`, openapi_admin.py)."""
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


def definition_paths(base: str, params: list, request: dict = DEFINITION, response: dict = DEFINITION, *,
                     draft: str = "", generic: bool = True) -> dict:
    """The operations on one definition at `base` (its draft at `base + draft`); `generic`
    adds what only the generic address serves (delete, export)."""
    num = [*params, path("version", ID)]
    version = {"$ref": "#/components/schemas/Version"}
    draft_ops = {
        "get": op(TAGS, "The draft (needs the right to edit the definition)", json_ok(response), 403, 404,
                  params=params),
        "put": op(TAGS, "Save the draft (checked against the kind's meta-schema: 422 naming each JSON path)",
                  json_ok(response), 403, 404, 422, params=params, request=body(request))}
    if generic:
        draft_ops["delete"] = op(TAGS, "Delete the definition and its versions (kinds that allow it; else 400)",
                                 EMPTY, 400, 403, 404, params=params, status=204)
    out = {
        f"{base}{draft}": draft_ops,
        f"{base}/publish": {"post": op(TAGS, "Publish the draft (the kind's publish hook checks and applies it)",
                                       json_ok(version), 403, 404, 409, 422, params=params,
                                       request=body(NOTE, required=False))},
        f"{base}/publish/preview": {"get": op(TAGS, "What publishing the draft would change or refuse (kinds "
                                                    "with a preview; else 404)", json_ok({"type": "object"}), 403,
                                              404, 422, params=params)},
        f"{base}/versions": {"get": op(TAGS, "Published versions, newest first", json_ok(items(VERSION_ITEM)),
                                       403, 404, params=params)},
        f"{base}/versions/{{version}}": {"get": op(TAGS, "One published version's definition", json_ok(response),
                                                   403, 404, params=num)},
        f"{base}/versions/{{version}}/restore": {"post": op(
            TAGS, "Publish an earlier version again as a new version, or make it the draft ({\"as_draft\": true})",
            json_ok(RESTORED), 403, 404, 409, 422, params=num, request=body(RESTORE, required=False))},
    }
    if generic:
        out[f"{base}/export"] = {"get": op(TAGS, "The definition as a JSON file", EXPORT, 403, 404, params=params)}
    return out


def paths(app: dict, kinds: list[str]) -> dict:
    """`app` is the app path parameter; `kinds` the registered kinds' keys."""
    one = [app, path("kind", {"type": "string", "enum": kinds} if kinds else None), path("key")]
    return {
        "/api/v1/definition-kinds": {"get": op(TAGS, "The kinds of definition", json_ok(items(KIND)))},
        BASE: {"get": op(TAGS, "The app's definitions of a kind that the caller may see (unknown kind: 404)",
                         json_ok(items(ITEM)), 403, 404, params=one[:2])},
        **definition_paths(ONE, one),
    }
