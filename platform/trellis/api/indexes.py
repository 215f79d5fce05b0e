"""Index advice and one-click index creation for a form (administrators only).

`GET .../index-advice`: the fields saved views and slow list queries filter or sort on,
with the views and slow queries that would use an index, whether one exists, and the
cost of creating it. `POST .../indexes` `{"fields": [...]}`: sets the fields' `indexed`
flag through the definition path (a published version; the schema sync builds them).
"""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden
from ..forms.indexes import advise, create_indexes
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_indexes", __name__, url_prefix="/api/v1/apps/<app>/forms/<form>")


def _admin() -> None:
    if not actor().is_admin:
        raise Forbidden("只有系统管理员可以查看索引建议和建立索引",
                        "only administrators see index advice and create indexes")


@bp.get("/index-advice")
@login_required
def index_advice(app, form):
    _admin()
    return jsonify(advise(runtime(), app, form))


@bp.post("/indexes")
@login_required
def create(app, form):
    _admin()
    body = body_json(request)
    if not isinstance(body, dict) or "fields" not in body:
        raise BadRequest("请求体应为 {\"fields\": [字段标识, ...]}", "the request body is {\"fields\": [field id, ...]}",
                         code="malformed", details={"param": "fields"})
    rt = runtime()
    done = create_indexes(rt, app, form, body["fields"], actor().id)
    done["advice"] = advise(rt, app, form)
    return jsonify(done)
