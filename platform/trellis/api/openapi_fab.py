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
    components = doc.get("components", {})
    return {"paths": paths, "schemas": components.get("schemas", {}), "responses": components.get("responses", {})}


def fab_part() -> dict:
    """{"paths", "schemas", "responses"} of Flask-AppBuilder's API (cached on the app)."""
    cache = current_app.extensions.setdefault("trellis_openapi_fab", {})
    if "part" not in cache:
        cache["part"] = _generate()
    return cache["part"]
