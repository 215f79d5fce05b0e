"""Apps and published forms as the caller may use them (a form's definition, its JSON
Schema, the forms relating to it), the CSRF token, and the field-type palette. Drafts,
publishing, versions and restore of forms (and every other kind) are in
definition_kinds.py."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..forms.computed import browser_field
from ..security.access import ACTIONS, visible_schema
from .auth import actor, login_required, runtime

bp = Blueprint("trellis_definitions", __name__, url_prefix="/api/v1")


def _readable(app: str, form: str):
    """(published form, the caller's access to it); 403 without the read action."""
    rt = runtime()
    model = rt.form(app, form)
    access = rt.access(actor(), model)
    access.require("read")
    return model, access


@bp.get("/csrf")
def csrf():
    """The CSRF token a browser session sends back in X-CSRFToken on writes."""
    from flask_wtf.csrf import generate_csrf

    return jsonify({"csrf_token": generate_csrf()})


@bp.get("/apps")
@login_required
def apps():
    me = actor()
    items = [a for a in runtime().apps() if me.is_admin or any(r.startswith(a["id"] + ".") for r in me.roles)]
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>")
@login_required
def published_form(app, form):
    """The published definition as the caller may use it (hidden fields left out)."""
    model, access = _readable(app, form)
    body = dict(model.definition)
    writable = access.writable("update")
    body["fields"] = [browser_field(model, dict(f, readonly=True) if writable is not None and f["id"] not in writable
                                    else f)
                      for f in body.get("fields", []) if not f.get("deleted") and access.can_see(f["id"])]
    body["actions"] = [a for a in ACTIONS if access.allowed(a)]
    return jsonify(body)


@bp.get("/apps/<app>/forms/<form>/relations")
@login_required
def relations(app, form):
    """Forms the caller may read whose relation fields point at this form (the 360 tabs)."""
    rt = runtime()
    _readable(app, form)
    items = []
    for other in rt.forms_of(app):
        access = rt.access(actor(), other)
        if not access.allowed("read"):
            continue
        for t in other.relations:
            if t.target == form and access.can_see(t.id):
                items.append({"form": other.id, "field": t.id, "label": t.field.get("label"),
                              "form_label": other.label})
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>/schema")
@login_required
def schema(app, form):
    """The published form's JSON Schema as the caller may use it (the browser validates with it)."""
    model, access = _readable(app, form)
    return jsonify(visible_schema(model, access))
