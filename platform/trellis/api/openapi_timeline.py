"""The endpoints of `timeline.py` in the OpenAPI document: a record's key figures, related
counts, activity timeline and comments."""
from __future__ import annotations

from .openapi_parts import EMPTY, ID, NULL_STAMP, STAMP, body, items, json_ok, obj, op, path, query

TAG = ["records"]
PERSON = obj({"id": {"type": "integer"}, "name": {"type": "string"}}, ["id", "name"])
TYPES = ["change", "related", "message", "flow", "comment"]
COMMENT = obj({"id": {"type": "integer"}, "text": {"type": "string"}, "mentions": {"type": "array", "items": PERSON},
               "author": PERSON, "created_at": STAMP, "edited_at": NULL_STAMP, "mine": {"type": "boolean"}},
              ["id", "text", "mentions", "author", "created_at", "mine"])
SCHEMAS = {
    "KeyFigure": obj({"key": {"type": "string"}, "label": {"type": ["object", "null"]}, "value": {},
                      "kind": {"enum": ["field", "aggregate"]}, "field": {"type": "object"},
                      "related": obj({"form": {"type": "string"}, "field": {"type": "string"}})},
                     ["key", "value", "kind", "field"]),
    "RelatedCount": obj({"form": {"type": "string"}, "field": {"type": "string"}, "count": {"type": "integer"},
                         "count_exact": {"type": "boolean"}}, ["form", "field", "count"]),
    "TimelineItem": obj({"id": {"type": "string"}, "type": {"enum": TYPES}, "at": STAMP,
                         "actor": {"oneOf": [PERSON, {"type": "null"}]}, "summary": obj({"zh": {"type": "string"},
                                                                                         "en": {"type": "string"}}),
                         "link": {"type": ["string", "null"]}, "data": {"type": "object"}},
                        ["id", "type", "at", "summary", "data"]),
    "Comment": COMMENT,
}
COMMENT_BODY = obj({"text": {"type": "string", "minLength": 1, "maxLength": 2000},
                    "mentions": {"type": "array", "items": {"type": "integer"}, "maxItems": 20}}, ["text"])


def paths(app: dict, form: dict) -> dict:
    record = path("record_id", ID)
    base = "/api/v1/apps/{app}/forms/{form}/records/{record_id}"
    ref = {"$ref": "#/components/schemas/Comment"}
    return {
        f"{base}/summary": {"get": op(TAG, "The record's key figures the caller may see (the form's summary)",
                                      json_ok(items({"$ref": "#/components/schemas/KeyFigure"})), 403,
                                      params=[app, form, record])},
        f"{base}/related-counts": {"get": op(
            TAG, "How many records of each related form point at the record, in the caller's scope",
            json_ok(items({"$ref": "#/components/schemas/RelatedCount"})), 403, params=[app, form, record])},
        f"{base}/timeline": {"get": op(
            TAG, "The record's activity, newest first: changes, related records, messages, flows, comments",
            json_ok(obj({"items": {"type": "array", "items": {"$ref": "#/components/schemas/TimelineItem"}},
                         "next": {"type": ["string", "null"]}}, ["items", "next"])), 400, 403,
            params=[app, form, record, query("before", {"type": "string", "maxLength": 100},
                                             "the `next` of the page before"),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 100}),
                    query("types", {"type": "string"}, f"comma-separated, of: {', '.join(TYPES)}")])},
        f"{base}/comments": {
            "get": op(TAG, "The record's comments, newest first", json_ok(items(ref)), 400, 403,
                      params=[app, form, record, query("limit", {"type": "integer", "minimum": 1, "maximum": 500})]),
            "post": op(TAG, "Comment on the record; each mentioned user (who may read it) gets an in-app message",
                       json_ok(ref), 400, 403, params=[app, form, record], request=body(COMMENT_BODY), status=201)},
        f"{base}/comments/{{comment_id}}": {
            "patch": op(TAG, "Edit one's own comment (newly mentioned users are told)", json_ok(ref), 400, 403,
                        params=[app, form, record, path("comment_id", ID)], request=body(COMMENT_BODY)),
            "delete": op(TAG, "Delete one's own comment (administrators: any)", EMPTY, 403,
                         params=[app, form, record, path("comment_id", ID)], status=204)},
    }
