"""Public form links (外链): a form's public page, its captcha and anonymous submissions,
and the link's token for those who manage the form.

    GET  /api/v1/public/forms/<token>            the page: title, texts, the listed fields
    GET  /api/v1/public/forms/<token>/captcha    {"id", "image": an SVG data URL, "expires_in"}
    POST /api/v1/public/forms/<token>/records    {"data": {field: value}, "captcha": {"id", "answer"}}
                                                 (at most 64 KB) -> 201 {"ok", "message"}
    GET  /api/v1/apps/<app>/forms/<form>/public-links      the form's links with their tokens
    POST /api/v1/apps/<app>/public-links/<key>/token       a new token (the old link stops)

The three public endpoints take no session, cookie or CSRF token (nothing else opens up:
every other endpoint keeps `login_required`); an unknown or disabled link is a 404, a
captcha missing, wrong, used or expired a 400 naming `captcha`, a limit reached a 429
with Retry-After, fields the page does not show a 422 naming them. The link definitions
themselves are edited through the definitions API (kind `public_link`)."""
from __future__ import annotations

import base64

from flask import Blueprint, jsonify, request

from ..records.public_guard import CAPTCHA_TTL, TooManySubmissions
from ..records.public_links import KIND, PublicLinks
from .auth import actor, login_required, runtime
from .jsonbody import capped_body, json_object

bp = Blueprint("trellis_public_forms", __name__, url_prefix="/api/v1")

MAX_BODY = 64 * 1024


def _links() -> PublicLinks:
    return PublicLinks(runtime())


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.errorhandler(TooManySubmissions)
def _too_many(err: TooManySubmissions):
    response = jsonify(err.to_dict())
    response.status_code = err.status
    response.headers["Retry-After"] = str(err.retry_after)
    return response


@bp.get("/public/forms/<token>")
def page(token):
    return _no_store(jsonify(_links().page(token)))


@bp.get("/public/forms/<token>/captcha")
def captcha(token):
    cid, svg = _links().captcha(token)
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return _no_store(jsonify({"id": cid, "image": image, "expires_in": int(CAPTCHA_TTL.total_seconds())}))


@bp.post("/public/forms/<token>/records")
def submit(token):
    links = _links()
    links.resolve(token)  # an unknown link is a 404 before the body is read
    result = links.submit(token, _body(), request.remote_addr)
    return _no_store(jsonify(result)), 201


def _body() -> dict:
    return json_object(capped_body(MAX_BODY))


# -- for those who manage the form ---------------------------------------------------------
def _managed(app: str, key: str, body: dict | None) -> None:
    rt = runtime()
    rt.definition_kinds.find(KIND).may_edit(rt, actor(), app, key, None, body)


def _item(links: PublicLinks, app: str, key: str, body: dict, published: bool) -> dict:
    token = links.token(app, key) if published else None
    return {"id": key, "label": body.get("label"), "enabled": bool(body.get("enabled")), "published": published,
            "token": token, "path": f"/p/{token}" if token else None}


@bp.get("/apps/<app>/forms/<form>/public-links")
@login_required
def form_links(app, form):
    rt = runtime()
    rt.form(app, form)  # 404 when the form is not published
    _managed(app, "", {"form": form})
    links, items = _links(), []
    for d in rt.store.list(app, KIND):
        found = rt.store.published(app, KIND, d["key"])
        body = found[0] if found else rt.store.draft(app, KIND, d["key"])
        if isinstance(body, dict) and body.get("form") == form:
            items.append(_item(links, app, d["key"], body, found is not None))
    return jsonify({"items": items})


@bp.post("/apps/<app>/public-links/<key>/token")
@login_required
def regenerate(app, key):
    rt = runtime()
    found = rt.store.published(app, KIND, key)
    _managed(app, key, found[0] if found else None)
    links = _links()
    token = links.regenerate(app, key)
    return jsonify({"token": token, "path": f"/p/{token}"})
