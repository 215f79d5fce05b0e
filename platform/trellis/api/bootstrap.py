"""What the web UI's shell needs to show a page, in one request (`GET /api/v1/bootstrap`):
the caller (`me`), the apps they may open, the department tree and, for the app / form of
the page being opened (`?app=&form=`), the app's forms and saved views and the form's
published definition: each exactly as its own endpoint answers it. A part the caller may
not read, or that does not exist, is `null` and its error is listed under `errors` (the
UI then asks that endpoint itself and shows the error as usual). `timezone` is the
instance's zone, in which the browser's rules read `now` / `today`."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, TrellisError
from . import definition_kinds, definitions, org, people
from .auth import login_required, runtime
from .views import visible_views

bp = Blueprint("trellis_bootstrap", __name__, url_prefix="/api/v1")


def _reply(view, *args):
    """The JSON body a signed-in caller's endpoint answers (its handler run without the
    sign-in check, which this request has passed)."""
    return view.__wrapped__(*args).get_json()


def _name(param: str) -> str | None:
    value = request.args.get(param)
    if value is None or value == "":
        return None
    if len(value) > 200 or "/" in value:
        raise BadRequest(f"参数 {param} 不是有效的标识", f"parameter {param} is not a valid id", code="malformed",
                         details={"param": param})
    return value


@bp.get("/bootstrap")
@login_required
def bootstrap():
    app, form = _name("app"), _name("form")
    if form and not app:
        raise BadRequest("指定 form 时必须同时指定 app", "form needs app", code="malformed", details={"param": "app"})
    out = {"me": _reply(people.me), "apps": _reply(definitions.apps)["items"],
           "departments": _reply(org.tree)["items"], "timezone": runtime().timezone}
    errors = {}

    def part(name: str, load):
        try:
            out[name] = load()
        except TrellisError as e:
            out[name] = None
            errors[name] = dict(e.to_dict(), status=e.status)
    if app:
        out["app"] = app
        part("forms", lambda: _reply(definition_kinds.list_kind, app, "form")["items"])
        part("views", lambda: visible_views(app))
    if form:
        out["form"] = form
        part("definition", lambda: _reply(definitions.published_form, app, form))
    out["errors"] = errors
    return jsonify(out)
