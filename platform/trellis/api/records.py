"""Record endpoints: list, create, get, patch, delete, restore, bulk."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest
from .auth import actor, login_required, runtime
from .params import body_json, list_param, list_params, version_param, whole_number

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


def _header_version():
    return version_param(request.headers.get("If-Match"), "If-Match")


@bp.patch("/<int:record_id>")
@login_required
def patch(app, form, record_id):
    body = body_json(request)
    if not isinstance(body, dict):
        raise BadRequest("请求体必须是对象", "the request body must be an object", code="malformed")
    version = version_param(body.pop("version", None))
    if version is None:
        version = _header_version()
    return jsonify(_svc(app, form).update(record_id, body, version=version))


@bp.delete("/<int:record_id>")
@login_required
def delete(app, form, record_id):
    version = version_param(request.args.get("version"))
    if version is None:
        version = _header_version()
    _svc(app, form).delete(record_id, version=version)
    return "", 204


@bp.post("/<int:record_id>/restore")
@login_required
def restore(app, form, record_id):
    return jsonify(_svc(app, form).restore(record_id))


def _list(body: dict, key: str) -> list:
    items = body.get(key) or []
    if not isinstance(items, list):
        raise BadRequest(f"{key} 必须是数组", f"{key} must be an array", code="malformed", details={"param": key})
    return items


def _updates(items: list) -> list[dict]:
    """Each update is an object with a whole-number `id` (and `version`, when given)."""
    out = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise BadRequest(f"update[{i}] 必须是对象(含 id)", f"update[{i}] must be an object (with an id)",
                             code="malformed", details={"param": f"update[{i}]"})
        if item.get("id") is None:
            raise BadRequest(f"update[{i}] 缺少 id", f"update[{i}] has no id", code="malformed",
                             details={"param": f"update[{i}].id"})
        item = dict(item, id=whole_number(item["id"], f"update[{i}].id"))
        if "version" in item:
            item["version"] = version_param(item["version"], f"update[{i}].version")
        out.append(item)
    return out


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
    creates = _list(body, "create")
    updates = _updates(_list(body, "update"))
    deletes = [whole_number(v, f"delete[{i}]") for i, v in enumerate(_list(body, "delete"))]
    svc = _svc(app, form)
    out = {}
    with runtime().transaction() as conn:
        if creates:
            out["created"] = svc.bulk_create(creates, conn=conn, return_records=False)
        if updates:
            out["updated"] = [r["id"] for r in svc.bulk_update(updates, conn=conn)]
        if deletes:
            out["deleted"] = [r["id"] for r in svc.delete_many(deletes, conn=conn)]
    return jsonify(out), 200
