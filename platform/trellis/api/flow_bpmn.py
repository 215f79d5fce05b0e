"""BPMN 2.0 export of flows (flows/bpmn.py), for administrators:

    GET  /api/v1/apps/<app>/flows/<key>/bpmn[?version=N]   the published (or that) version as `<key>.bpmn`
    POST /api/v1/apps/<app>/flows/bpmn                     {"body": a draft flow definition} -> its BPMN

Both answer `application/xml` as an attachment. A draft only needs the shape the export
walks (an object with a `steps` list, nodes as objects, container blocks as lists); any
other problem of a draft still exports (an unknown node type becomes a task naming it)."""
from __future__ import annotations

import re

from flask import Blueprint, Response, request

from ..flows.bpmn import to_bpmn
from ..kernel.errors import BadRequest, Forbidden, NotFound
from .auth import actor, login_required, runtime
from .params import body_json, int_param

bp = Blueprint("trellis_flow_bpmn", __name__, url_prefix="/api/v1")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def _admin() -> None:
    if not actor().is_admin:
        raise Forbidden("只有管理员可以导出流程", "only administrators export flows")


def _xml(rt, body: dict, key: str) -> Response:
    regs = rt.registries
    xml = to_bpmn(body, key, body.get("label"),
                  node_labels={k: cls.label for k, cls in regs.node_types.items()},
                  trigger_labels={k: cls.label for k, cls in regs.triggers.items()})
    return Response(xml, mimetype="application/xml",
                    headers={"Content-Disposition": f'attachment; filename="{key}.bpmn"'})


@bp.get("/apps/<app>/flows/<key>/bpmn")
@login_required
def published(app, key):
    _admin()
    rt = runtime()
    version = int_param(request.args, "version")
    if version is None:
        found = rt.store.published(app, "flow", key)
        if found is None:
            raise NotFound(f"流程 {key} 不存在或未发布", f"flow {key} not found or not published",
                           details={"flow": key})
        body = found[0]
    else:
        try:
            body = rt.store.version_body(app, "flow", key, version)
        except NotFound:
            raise NotFound(f"流程 {key} 没有版本 {version}", f"flow {key} has no version {version}",
                           details={"flow": key, "version": version}) from None
    return _xml(rt, body, key)


@bp.post("/apps/<app>/flows/bpmn")
@login_required
def draft(app):
    _admin()
    payload = body_json(request)
    if not isinstance(payload, dict) or "body" not in payload:
        raise BadRequest('请求体应为 {"body": 流程定义}', 'the request body is {"body": a flow definition}',
                         code="malformed", details={"field": "body"})
    body = payload["body"]
    found = shape_problem(body)
    if found is not None:
        pointer, zh, en = found
        raise BadRequest(f"流程定义 {pointer} {zh}", f"the flow definition's {pointer} {en}", code="malformed",
                         details={"field": "body", "pointer": pointer})
    key = body.get("id") if isinstance(body.get("id"), str) and KEY.match(body["id"]) else "flow"
    return _xml(runtime(), body, key)


def shape_problem(body) -> tuple[str, str, str] | None:
    """(JSON pointer, zh, en) of the first thing the export cannot walk, else None."""
    if not isinstance(body, dict):
        return "/", "应为对象", "is not an object"
    if "trigger" in body and not isinstance(body["trigger"], dict):
        return "/trigger", "应为对象", "is not an object"
    if not isinstance(body.get("steps"), list):
        return "/steps", "应为节点数组", "is not an array of nodes"
    return _steps(body["steps"], "/steps")


def _steps(steps: list, base: str):
    for i, node in enumerate(steps):
        here = f"{base}/{i}"
        if not isinstance(node, dict):
            return here, "不是节点对象", "is not a node object"
        if not isinstance(node.get("type"), str):
            return here + "/type", "应为节点类型文字", "is not a node type"
        for suffix, inner in _blocks(node):
            if not isinstance(inner, list):
                return here + suffix, "应为节点数组", "is not an array of nodes"
            found = _steps(inner, here + suffix)
            if found is not None:
                return found
        if "branches" in node and not isinstance(node["branches"], list):
            return here + "/branches", "应为分支数组", "is not an array of branches"
        for j, branch in enumerate(node.get("branches") or []):
            if not isinstance(branch, dict):
                return f"{here}/branches/{j}", "不是分支对象", "is not a branch object"
        if "default" in node and not isinstance(node["default"], dict):
            return here + "/default", "应为对象", "is not an object"
    return None


def _blocks(node: dict):
    """(suffix, value) of each step list a node holds or claims to hold."""
    if node.get("type") == "for_each" and "steps" in node:
        yield "/steps", node["steps"]
    branches = node.get("branches")
    for j, branch in enumerate(branches if isinstance(branches, list) else []):
        if isinstance(branch, dict) and "steps" in branch:
            yield f"/branches/{j}/steps", branch["steps"]
    if isinstance(node.get("default"), dict) and "steps" in node["default"]:
        yield "/default/steps", node["default"]["steps"]
