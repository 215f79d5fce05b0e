"""App and form definition endpoints: list apps and forms, read/write the draft, publish
(with an impact preview), versions and restore, and the field-type palette."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..forms import sync
from ..forms.model import FormModel
from ..forms.publish import carry_deleted
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_definitions", __name__, url_prefix="/api/v1")


@bp.get("/apps")
@login_required
def apps():
    return jsonify({"items": runtime().apps()})


@bp.get("/apps/<app>/forms")
@login_required
def forms(app):
    store = runtime().store
    items = []
    for d in store.list(app, "form"):
        body = store.published(app, "form", d["key"])
        draft = store.draft(app, "form", d["key"])
        src = body[0] if body else draft
        items.append({"id": d["key"], "label": src.get("label"), "published_version": d["published_version"],
                      "draft_updated_at": d["draft_updated_at"].isoformat()})
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>/definition")
@login_required
def get_definition(app, form):
    return jsonify(runtime().store.draft(app, "form", form))


@bp.put("/apps/<app>/forms/<form>/definition")
@login_required
def put_definition(app, form):
    body = runtime().store.save_draft(app, "form", form, body_json(request), actor().id)
    return jsonify(body)


@bp.get("/apps/<app>/forms/<form>/publish/preview")
@login_required
def preview(app, form):
    """What publishing the draft would change, and what would be refused (nothing written)."""
    rt = runtime()
    draft = rt.store.draft(app, "form", form)
    previous = rt.store.published(app, "form", form)
    body = carry_deleted(dict(draft, fields=list(draft.get("fields", []))), previous[0] if previous else None)
    new = FormModel(app, body, rt.registries.field_types)
    old = FormModel(app, previous[0], rt.registries.field_types) if previous else None
    with rt.engine.connect() as conn:
        return jsonify(sync.plan(conn, new, old))


@bp.post("/apps/<app>/forms/<form>/publish")
@login_required
def publish(app, form):
    note = (request.get_json(silent=True) or {}).get("note")
    version = runtime().publish(app, "form", form, actor().id, note)
    return jsonify({"version": version})


@bp.get("/apps/<app>/forms/<form>/versions")
@login_required
def versions(app, form):
    items = runtime().store.versions(app, "form", form)
    for v in items:
        v["published_at"] = v["published_at"].isoformat()
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>/versions/<int:version>")
@login_required
def version_body(app, form, version):
    return jsonify(runtime().store.version_body(app, "form", form, version))


@bp.post("/apps/<app>/forms/<form>/versions/<int:version>/restore")
@login_required
def restore(app, form, version):
    rt = runtime()
    new_version = rt.store.restore(app, "form", form, version, actor().id)
    rt.invalidate()
    return jsonify({"version": new_version})


@bp.get("/apps/<app>/forms/<form>/schema")
@login_required
def schema(app, form):
    """The published form's JSON Schema (the browser validates with the same schema)."""
    return jsonify(runtime().form(app, form).json_schema)


@bp.get("/field-types")
@login_required
def field_types():
    items = []
    for key, cls in runtime().registries.field_types.items():
        items.append({"key": key, "widget": cls.widget, "label": cls.label, "config_schema": cls.config_schema})
    return jsonify({"items": items})
