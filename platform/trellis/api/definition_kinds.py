"""The definitions API, one code path for every kind the runtime's `DefinitionKinds` holds
(app, form, view, role, and whatever a plugin adds):

    GET    /api/v1/definition-kinds                                  the kinds
    GET    /api/v1/apps/<app>/definitions/<kind>                     the app's definitions of a kind
    GET    /api/v1/apps/<app>/definitions/<kind>/<key>               the draft
    PUT    /api/v1/apps/<app>/definitions/<kind>/<key>               save the draft (meta-schema: 422 by path)
    DELETE /api/v1/apps/<app>/definitions/<kind>/<key>               remove (kinds that allow it)
    POST   .../<key>/publish                                         publish the draft ({"note": ...})
    GET    .../<key>/publish/preview                                 what publishing would change (kinds with one)
    GET    .../<key>/versions, .../versions/<n>                      published versions, one version's body
    POST   .../<key>/versions/<n>/restore                            publish it again ({"as_draft": true}: the draft)
    GET    .../<key>/export                                          the definition as a JSON file

The kind decides who may edit (`may_edit`), what a listing shows (`may_list`), what a saved
body holds (`prepare`) and the impact preview; an unknown kind is a 404 naming it. The older
addresses of forms, roles and views (`ALIASES`) are served by the same handlers."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..kernel.errors import BadRequest, NotFound
from ..kernel.timestamps import stamp
from ..meta.io import dumps, exported
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_definition_kinds", __name__, url_prefix="/api/v1")
NOTE_MAX = 500  # the versions table's note column
BASE = "/apps/<app>/definitions/<kind>"
ONE = f"{BASE}/<key>"


def _existing(rt, app: str, kind: str, key: str) -> dict | None:
    """The published body, else the draft; None when there is no such definition."""
    found = rt.store.published(app, kind, key)
    if found is not None:
        return found[0]
    try:
        return rt.store.draft(app, kind, key)
    except NotFound:
        return None


def _editable(app: str, kind: str, key: str):
    """(runtime, kind, existing body) once the caller may edit the definition (else 403)."""
    rt = runtime()
    handler = rt.definition_kinds.find(kind)
    existing = _existing(rt, app, kind, key)
    handler.may_edit(rt, actor(), app, key, None, existing)
    return rt, handler, existing


def _optional_member(name: str, ok, zh: str, en: str):
    """Member `name` of an optional JSON object body (None when absent); 400 naming it when
    `ok(value)` refuses it or the body is not an object."""
    body = request.get_json(silent=True) if request.get_data() else None
    if body is None:
        return None
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(body, dict) or (value is not None and not ok(value)):
        raise BadRequest(f"请求体应为 {{\"{name}\": {zh}}}", f"the body must be {{\"{name}\": {en}}}",
                         code="malformed", details={"field": name})
    return value


@bp.get("/definition-kinds")
@login_required
def kinds():
    items = [{"key": key, "label": {"zh": k.label[0], "en": k.label[1]}, "removable": k.removable,
              "impact": k.has_impact} for key, k in runtime().definition_kinds.items()]
    return jsonify({"items": items})


@login_required
def list_kind(app, kind):
    """The app's definitions of `kind` the caller may see, in the order they were created."""
    rt, who = runtime(), actor()
    handler = rt.definition_kinds.find(kind)
    items = []
    for d in rt.store.list(app, kind):
        body = exported(rt.store, app, kind, d["key"])
        if handler.may_list(rt, who, app, d["key"], body):
            items.append({"id": d["key"], "label": body.get("label") if isinstance(body, dict) else None,
                          "published_version": d["published_version"],
                          "draft_updated_at": stamp(d["draft_updated_at"])})
    return jsonify({"items": items})


@login_required
def draft(app, kind, key):
    rt, _, _ = _editable(app, kind, key)
    return jsonify(rt.store.draft(app, kind, key))


def _save(app: str, kind: str, key: str, publish: bool) -> dict:
    rt, handler, existing = _editable(app, kind, key)
    who = actor()
    body = handler.prepare(rt, who, app, key, body_json(request), existing)
    handler.may_edit(rt, who, app, key, body, existing)
    with rt.transaction() as conn:
        saved = rt.store.save_draft(app, kind, key, body, who.id, conn)
        if publish:
            rt.store.publish(app, kind, key, who.id, None, conn)
    if publish:  # a draft changes nothing that is served
        rt.invalidate()
    return rt.store.published(app, kind, key)[0] if publish else saved


@login_required
def save(app, kind, key):
    return jsonify(_save(app, kind, key, publish=False))


@login_required
def save_and_publish(app, kind, key):
    """Save and publish at once (saved views: saving is publishing)."""
    return jsonify(_save(app, kind, key, publish=True))


@login_required
def remove(app, kind, key):
    rt, _, existing = _editable(app, kind, key)
    if existing is None:
        raise rt.store.missing(app, kind, key)
    rt.store.remove(app, kind, key, actor().id)
    rt.invalidate()
    return "", 204


@login_required
def publish(app, kind, key):
    rt, _, _ = _editable(app, kind, key)
    note = _optional_member("note", lambda v: isinstance(v, str) and len(v) <= NOTE_MAX,
                            f"不超过 {NOTE_MAX} 个字符的说明", f"text of at most {NOTE_MAX} characters")
    return jsonify({"version": rt.publish(app, kind, key, actor().id, note)})


@login_required
def preview(app, kind, key):
    """What publishing the draft would change, and what would be refused (nothing written)."""
    rt, handler, _ = _editable(app, kind, key)
    if not handler.has_impact:
        zh, en = handler.label
        raise NotFound(f"{zh}没有发布影响预览", f"{en} definitions have no publish preview", code="no_preview")
    previous = rt.store.published(app, kind, key)
    return jsonify(handler.impact(rt, app, key, rt.store.draft(app, kind, key), previous[0] if previous else None))


@login_required
def versions(app, kind, key):
    rt, _, _ = _editable(app, kind, key)
    items = rt.store.versions(app, kind, key)
    for v in items:
        v["published_at"] = stamp(v["published_at"])
    return jsonify({"items": items})


@login_required
def version(app, kind, key, version):
    rt, _, _ = _editable(app, kind, key)
    return jsonify(rt.store.version_body(app, kind, key, version))


@login_required
def restore(app, kind, key, version):
    """Publish an earlier version again as a new version; with {"as_draft": true}, make it
    the draft instead (publishing it is a separate step)."""
    rt, _, _ = _editable(app, kind, key)
    as_draft = _optional_member("as_draft", lambda v: isinstance(v, bool), "true 或 false", "true or false")
    new_version = rt.store.restore(app, kind, key, version, actor().id, as_draft=bool(as_draft))
    if as_draft:
        return jsonify({"version": None, "draft": rt.store.draft(app, kind, key)})
    rt.invalidate()
    return jsonify({"version": new_version})


@login_required
def export(app, kind, key):
    """The definition (published, else the draft) as a JSON file, as an app export writes it."""
    rt, _, existing = _editable(app, kind, key)
    if existing is None:
        raise rt.store.missing(app, kind, key)
    text = dumps(exported(rt.store, app, kind, key))
    return Response(text, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{kind}-{key}.json"'})


# (rule, method, handler) of every kind's endpoints
ROUTES = (
    (BASE, "GET", list_kind), (ONE, "GET", draft), (ONE, "PUT", save), (ONE, "DELETE", remove),
    (f"{ONE}/publish", "POST", publish), (f"{ONE}/publish/preview", "GET", preview),
    (f"{ONE}/versions", "GET", versions), (f"{ONE}/versions/<int32:version>", "GET", version),
    (f"{ONE}/versions/<int32:version>/restore", "POST", restore), (f"{ONE}/export", "GET", export),
)
FORM = "/apps/<app>/forms/<key>"
# (kind, rule, method, handler): the addresses forms, roles and views had before the generic ones
ALIASES = (
    ("form", "/apps/<app>/forms", "GET", list_kind),
    ("form", f"{FORM}/definition", "GET", draft), ("form", f"{FORM}/definition", "PUT", save),
    ("form", f"{FORM}/publish", "POST", publish), ("form", f"{FORM}/publish/preview", "GET", preview),
    ("form", f"{FORM}/versions", "GET", versions), ("form", f"{FORM}/versions/<int32:version>", "GET", version),
    ("form", f"{FORM}/versions/<int32:version>/restore", "POST", restore),
    ("role", "/apps/<app>/roles/<key>", "GET", draft), ("role", "/apps/<app>/roles/<key>", "PUT", save),
    ("role", "/apps/<app>/roles/<key>/publish", "POST", publish),
    ("view", "/apps/<app>/views/<key>", "PUT", save_and_publish),
    ("view", "/apps/<app>/views/<key>", "DELETE", remove),
)

for _rule, _method, _fn in ROUTES:
    bp.add_url_rule(_rule, endpoint=_fn.__name__, view_func=_fn, methods=[_method])
for _kind, _rule, _method, _fn in ALIASES:
    bp.add_url_rule(_rule, endpoint=f"{_kind}_{_fn.__name__}", view_func=_fn, methods=[_method],
                    defaults={"kind": _kind})
