"""The endpoints of `public_forms.py` in the OpenAPI document: the public page, its captcha
and submissions (no sign-in: `security: []`), and the link's token for those who manage
the form."""
from __future__ import annotations

from .openapi_parts import BILINGUAL, error, json_ok, obj, op, path

TAG = ["public forms"]
TOKEN = {"type": "string", "minLength": 1, "maxLength": 200}
KEY = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}
TEXT = {"type": ["object", "null"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
SCHEMAS = {
    "PublicFormPage": obj({
        "title": TEXT, "description": TEXT, "success_message": TEXT, "captcha": {"type": "boolean"},
        "form": obj({"label": TEXT}),
        "fields": {"type": "array", "items": obj({"id": {"type": "string"}, "type": {"type": "string"},
                                                  "label": TEXT, "required": {"type": "boolean"},
                                                  "options": {"type": "array"}}, ["id", "type"])}},
        ["title", "captcha", "fields"]),
    "PublicCaptcha": obj({"id": {"type": "string"}, "image": {"type": "string", "description": "an SVG data URL"},
                          "expires_in": {"type": "integer", "description": "seconds"}}, ["id", "image"]),
    "PublicSubmission": obj({
        "data": {"type": "object", "description": "field id -> value, the page's fields only"},
        "captcha": obj({"id": {"type": "string"}, "answer": {"type": "string"}})}, ["data"]),
    "PublicSubmitted": obj({"ok": {"type": "boolean"}, "message": BILINGUAL}, ["ok", "message"]),
    "PublicLinkToken": obj({"token": {"type": "string"}, "path": {"type": "string"}}, ["token", "path"]),
    "PublicLinkItem": obj({"id": {"type": "string"}, "label": TEXT, "enabled": {"type": "boolean"},
                           "published": {"type": "boolean"}, "token": {"type": ["string", "null"]},
                           "path": {"type": ["string", "null"]}}, ["id", "enabled", "published"]),
}


def _public(summary: str, ok: dict, *codes: int, status: int = 200, request: dict | None = None) -> dict:
    out = {"tags": TAG, "security": [], "summary": summary, "parameters": [path("token", TOKEN)],
           "responses": {str(status): ok, **{str(c): error(c) for c in sorted({404, *codes})}}}
    if request is not None:
        out["requestBody"] = request
    return out


def paths(app: dict, form: dict) -> dict:
    base = "/api/v1/public/forms/{token}"
    ref = "#/components/schemas/"
    return {
        base: {"get": _public("A public form's page: title, texts and the fields it shows (no sign-in)",
                              json_ok({"$ref": ref + "PublicFormPage"}))},
        f"{base}/captcha": {"get": _public("A new captcha for the page: its id and picture (single use, expires)",
                                           json_ok({"$ref": ref + "PublicCaptcha"}))},
        f"{base}/records": {"post": _public(
            "Submit the page anonymously (at most 64 KB): the record is written through the record service, "
            "stamped with the link's source; rate limited per address and per link (429, Retry-After)",
            json_ok({"$ref": ref + "PublicSubmitted"}, "Created"), 400, 413, 422, 429, status=201,
            request={"required": True, "content": {"application/json": {"schema": {"$ref": ref + "PublicSubmission"}}}})},
        "/api/v1/apps/{app}/forms/{form}/public-links": {"get": op(
            TAG, "The form's public links with their tokens (those who manage the form)",
            json_ok({"type": "object", "required": ["items"], "properties": {
                "items": {"type": "array", "items": {"$ref": ref + "PublicLinkItem"}}}}), 403, 404,
            params=[app, form])},
        "/api/v1/apps/{app}/public-links/{key}/token": {"post": op(
            TAG, "A new token for a published link: the old address stops answering",
            json_ok({"$ref": ref + "PublicLinkToken"}), 403, 404, params=[app, path("key", KEY)])},
    }
