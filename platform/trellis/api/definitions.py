"""App and form definition endpoints: list apps and forms, read/write the draft, publish
(with an impact preview), versions and restore, and the field-type palette."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..forms import sync
from ..forms.model import FormModel
from ..forms.publish import carry_deleted
from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..security.access import ACTIONS, visible_schema
from ..kernel.timestamps import stamp
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_definitions", __name__, url_prefix="/api/v1")
NOTE_MAX = 500  # the versions table's note column


def _manage(app: str, form: str) -> None:
    """Editing a form's definition needs the `manage` action on it (admins always have it)."""
    rt = runtime()
    if actor().is_admin:
        return
    try:
        model = rt.form(app, form)
    except NotFound:
        raise Forbidden("只有系统管理员可以新建表单", "only administrators create forms") from None
    rt.access(actor(), model).require("manage")


def _may_read(app: str, form_id: str) -> bool:
    rt = runtime()
    return rt.access(actor(), rt.form(app, form_id)).allowed("read")


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


@bp.get("/apps/<app>/forms")
@login_required
def forms(app):
    store = runtime().store
    items = []
    for d in store.list(app, "form"):
        body = store.published(app, "form", d["key"])
        if not actor().is_admin and (body is None or not _may_read(app, d["key"])):
            continue
        src = body[0] if body else store.draft(app, "form", d["key"])
        items.append({"id": d["key"], "label": src.get("label"), "published_version": d["published_version"],
                      "draft_updated_at": stamp(d["draft_updated_at"])})
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>")
@login_required
def published_form(app, form):
    """The published definition as the caller may use it (hidden fields left out)."""
    model, access = _readable(app, form)
    body = dict(model.definition)
    writable = access.writable("update")
    body["fields"] = [dict(f, readonly=True) if writable is not None and f["id"] not in writable else f
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


@bp.get("/apps/<app>/forms/<form>/definition")
@login_required
def get_definition(app, form):
    _manage(app, form)
    return jsonify(runtime().store.draft(app, "form", form))


@bp.put("/apps/<app>/forms/<form>/definition")
@login_required
def put_definition(app, form):
    _manage(app, form)
    body = runtime().store.save_draft(app, "form", form, body_json(request), actor().id)
    return jsonify(body)


@bp.get("/apps/<app>/forms/<form>/publish/preview")
@login_required
def preview(app, form):
    """What publishing the draft would change, and what would be refused (nothing written)."""
    _manage(app, form)
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
    _manage(app, form)
    version = runtime().publish(app, "form", form, actor().id, _note())
    return jsonify({"version": version})


def _note() -> str | None:
    """The optional {"note": "..."} of a publish (at most NOTE_MAX characters)."""
    body = request.get_json(silent=True) if request.get_data() else None
    if body is None:
        return None
    note = body.get("note") if isinstance(body, dict) else False
    if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX):
        raise BadRequest(f"请求体应为 {{\"note\": 不超过 {NOTE_MAX} 个字符的说明}}",
                         f"the body must be {{\"note\": text of at most {NOTE_MAX} characters}}", code="malformed",
                         details={"field": "note"})
    return note


@bp.get("/apps/<app>/forms/<form>/versions")
@login_required
def versions(app, form):
    _manage(app, form)
    items = runtime().store.versions(app, "form", form)
    for v in items:
        v["published_at"] = stamp(v["published_at"])
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>/versions/<int32:version>")
@login_required
def version_body(app, form, version):
    _manage(app, form)
    return jsonify(runtime().store.version_body(app, "form", form, version))


@bp.post("/apps/<app>/forms/<form>/versions/<int32:version>/restore")
@login_required
def restore(app, form, version):
    _manage(app, form)
    rt = runtime()
    new_version = rt.store.restore(app, "form", form, version, actor().id)
    rt.invalidate()
    return jsonify({"version": new_version})


@bp.get("/apps/<app>/forms/<form>/schema")
@login_required
def schema(app, form):
    """The published form's JSON Schema as the caller may use it (the browser validates with it)."""
    model, access = _readable(app, form)
    return jsonify(visible_schema(model, access))
