"""Organization endpoints: the department tree, department writes and members (admins
only), a user's departments, and the user context row scopes read."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden
from ..security import org
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_org", __name__, url_prefix="/api/v1")


def _admin_only():
    if not actor().is_admin:
        raise Forbidden("只有系统管理员可以维护组织架构", "only administrators change the organization")


def _object() -> dict:
    body = body_json(request)
    if not isinstance(body, dict):
        raise BadRequest("请求体必须是对象", "the request body must be an object", code="malformed")
    return body


def _read(fn, *args):
    with runtime().engine.connect() as conn:
        return fn(conn, *args)


def _write(fn, *args, **kwargs):
    """An organization change, audited in the same transaction."""
    with runtime().transaction() as conn:
        result = fn(conn, *args, **kwargs)
        runtime().record_event(f"org.{fn.__name__}", target="department", record_id=args[0] if args else None,
                               after={"args": list(args[1:]), **kwargs, "result": result}, actor=actor(), conn=conn)
        return result


@bp.get("/departments")
@login_required
def tree():
    return jsonify({"items": _read(org.tree)})


@bp.post("/departments")
@login_required
def create():
    _admin_only()
    body = _object()
    unknown = sorted(set(body) - set(org.FIELDS))
    if unknown:
        raise BadRequest(f"未知的部门属性:{', '.join(unknown)}", f"unknown department keys: {', '.join(unknown)}",
                         code="malformed")
    return jsonify(_write(org.create, **body)), 201


@bp.get("/departments/<int32:dept_id>")
@login_required
def get(dept_id):
    return jsonify(_read(org.get, dept_id))


@bp.patch("/departments/<int32:dept_id>")
@login_required
def patch(dept_id):
    _admin_only()
    return jsonify(_write(org.update, dept_id, _object()))


@bp.delete("/departments/<int32:dept_id>")
@login_required
def delete(dept_id):
    _admin_only()
    _write(org.delete, dept_id)
    return "", 204


@bp.get("/departments/<int32:dept_id>/members")
@login_required
def members(dept_id):
    return jsonify({"items": _named(_read(org.members, dept_id))})


def _named(items: list[dict]) -> list[dict]:
    """Members with their display names (last name then first name)."""
    with runtime().engine.connect() as conn:
        people = runtime().users_by_id(conn, [m["user_id"] for m in items])
    return [{**m, "name": people.get(m["user_id"], {}).get("title")} for m in items]


@bp.put("/departments/<int32:dept_id>/members")
@login_required
def set_members(dept_id):
    _admin_only()
    return jsonify({"items": _named(_write(org.set_members, dept_id, body_json(request)))})


def _self_or_admin(user_id: int):
    if not actor().is_admin and actor().id != user_id:
        raise Forbidden("只能查看自己的信息", "only administrators may look at another user")


@bp.get("/users/<int32:user_id>/departments")
@login_required
def user_departments(user_id):
    _self_or_admin(user_id)
    return jsonify({"items": _read(org.user_departments, user_id)})


@bp.put("/users/<int32:user_id>/departments")
@login_required
def set_user_departments(user_id):
    """{"departments": [ids], "primary": id} (primary may be left out for one department)."""
    _admin_only()
    body = _object()
    if set(body) - {"departments", "primary"} or not isinstance(body.get("departments", []), list):
        raise BadRequest("请求体应为 {\"departments\": [部门编号], \"primary\": 主部门编号}",
                         "the body must be {\"departments\": [ids], \"primary\": id}", code="malformed")
    items = _write(org.set_user_departments, user_id, body.get("departments", []), body.get("primary"))
    return jsonify({"items": items})


@bp.get("/users/<int32:user_id>/context")
@login_required
def context(user_id):
    _self_or_admin(user_id)
    return jsonify(_read(org.user_context, user_id))
