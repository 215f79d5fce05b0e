"""Record endpoints: list, create, get, patch, delete, restore, bulk."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..errors import BadRequest
from .auth import actor, login_required, runtime
from .params import body_json, list_param, list_params

bp = Blueprint("trellis_records", __name__, url_prefix="/api/v1/apps/<app>/forms/<form>/records")


def _svc(app: str, form: str):
    return runtime().records(app, form, actor())


@bp.get("")
@login_required
def list_records(app, form):
    return jsonify(_svc(app, form).list(**list_params(request.args)))


@bp.post("")
@login_required
def create(app, form):
    return jsonify(_svc(app, form).create(body_json(request))), 201


@bp.get("/<int:record_id>")
@login_required
def get(app, form, record_id):
    svc = _svc(app, form)
    return jsonify(svc.get(record_id, fields=list_param(request.args, "fields"),
                           expand=list_param(request.args, "expand")))


def _version(body: dict):
    version = body.pop("version", None)
    header = request.headers.get("If-Match")
    if version is None and header:
        version = header.strip('"W/ ')
    try:
        return int(version) if version is not None else None
    except ValueError:
        raise BadRequest("版本号必须是整数", "version must be an integer", code="malformed") from None


@bp.patch("/<int:record_id>")
@login_required
def patch(app, form, record_id):
    body = body_json(request)
    if not isinstance(body, dict):
        raise BadRequest("请求体必须是对象", "the request body must be an object", code="malformed")
    version = _version(body)
    return jsonify(_svc(app, form).update(record_id, body, version=version))


@bp.delete("/<int:record_id>")
@login_required
def delete(app, form, record_id):
    version = request.args.get("version") or request.headers.get("If-Match")
    _svc(app, form).delete(record_id, version=int(version.strip('"W/ ')) if version else None)
    return "", 204


@bp.post("/<int:record_id>/restore")
@login_required
def restore(app, form, record_id):
    return jsonify(_svc(app, form).restore(record_id))


@bp.post("/bulk")
@login_required
def bulk(app, form):
    """{"create": [...]} and/or {"update": [{"id", "version"?, ...}]}, or a bare list to create;
    {"delete": [ids]}. All in one transaction."""
    body = body_json(request)
    if isinstance(body, list):
        body = {"create": body}
    if not isinstance(body, dict) or not set(body) <= {"create", "update", "delete"}:
        raise BadRequest("批量请求应为 {create, update, delete}", "a bulk request is {create, update, delete}",
                         code="malformed")
    svc = _svc(app, form)
    out = {}
    with runtime().transaction() as conn:
        if body.get("create"):
            out["created"] = svc.bulk_create(body["create"], conn=conn, return_records=False)
        if body.get("update"):
            out["updated"] = [r["id"] for r in svc.bulk_update(body["update"], conn=conn)]
        if body.get("delete"):
            out["deleted"] = [r["id"] for r in svc.delete_many([int(i) for i in body["delete"]], conn=conn)]
    return jsonify(out), 200
