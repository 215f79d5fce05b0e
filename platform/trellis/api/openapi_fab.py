"""The endpoints Flask-AppBuilder registers under /api/v1 (the JSON login and refresh, its
security CRUD resources, the menu), described by Flask-AppBuilder's own specification
generator and brought into this OpenAPI 3.1 document: `nullable` becomes a null type,
its reusable answers are kept under their names, and the login's rate limit (429) is
added. Built once per app."""
from __future__ import annotations

import warnings

from flask import current_app

from .openapi_parts import error

RATE_LIMITED = ("/api/v1/security/login", "/api/v1/security/refresh")
ANSWERS = ("401", "403", "404", "422")


def _nullable(node):
    """OpenAPI 3.0's `nullable: true` as 3.1's `type: [..., "null"]`, everywhere below `node`."""
    if isinstance(node, list):
        return [_nullable(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _nullable(v) for k, v in node.items() if k != "nullable"}
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif "$ref" in out or "allOf" in out:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def _generate() -> dict:
    from flask_appbuilder.api import BaseApi
    from flask_appbuilder.api.manager import OpenApi

    spec = OpenApi._create_api_spec("v1")
    with warnings.catch_warnings():  # FAB's schemas resolve to clashing names; apispec renames them
        warnings.simplefilter("ignore")
        for view in current_app.appbuilder.baseviews:
            if isinstance(view, BaseApi) and view.version == "v1" and not isinstance(view, OpenApi):
                view.add_api_spec(spec)
    doc = _nullable(spec.to_dict())
    paths = {p: ops for p, ops in doc["paths"].items() if p.startswith("/api/v1/")}
    for p in RATE_LIMITED:
        for operation in paths.get(p, {}).values():
            operation.setdefault("responses", {})["429"] = error(429)
    for ops in paths.values():
        for operation in ops.values():
            operation["tags"] = ["security (Flask-AppBuilder)"]
            answers = operation.setdefault("responses", {})
            for code in ANSWERS:  # refused permission, a token the JWT layer cannot use, no such address
                answers.setdefault(code, {"$ref": f"#/components/responses/{code}"})
    for p, ops in paths.items():  # GET takes <int:pk>, PUT and DELETE any <pk>: a word is 405 for GET
        if p.endswith("/{pk}") and "get" in ops:
            ops["get"]["responses"].setdefault("405", {"description": "the address takes no GET for a non-number"})
    menu = paths.get("/api/v1/menu/", {}).get("get")
    if menu:  # items carry what each menu entry has (a category has no url, a link no childs)
        menu["responses"]["200"]["content"]["application/json"]["schema"] = {
            "type": "object", "properties": {"result": {"type": "array", "items": {"type": "object"}}}}
    components = doc.get("components", {})
    responses = components.get("responses", {})
    for answer in responses.values():  # `message` is text or, for a refused body, an object by field
        for media in answer.get("content", {}).values():
            media["schema"] = {"type": "object", "properties": {"message": {}}}
    return {"paths": paths, "schemas": components.get("schemas", {}), "responses": responses}


def fab_part() -> dict:
    """{"paths", "schemas", "responses"} of Flask-AppBuilder's API (cached on the app)."""
    cache = current_app.extensions.setdefault("trellis_openapi_fab", {})
    if "part" not in cache:
        cache["part"] = _generate()
    return cache["part"]
