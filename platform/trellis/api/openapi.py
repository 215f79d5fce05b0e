"""`GET /api/v1/openapi.json`: the OpenAPI 3.1 document of every endpoint under /api/v1.
Each published form the caller may read has its record endpoints described by that form's
own JSON Schema (only the fields the caller sees); the endpoints shared by every form take
`{app}` and `{form}` path parameters listing the caller's apps and forms. Anonymous callers
see the endpoints but no form. Rebuilt whenever a publish changes the definitions (the
runtime's form cache tells); the parts live in `openapi_*.py` by area."""
from __future__ import annotations

from flask import Blueprint, has_request_context, jsonify

from .. import __version__
from . import (openapi_admin, openapi_bootstrap, openapi_decisions, openapi_definitions, openapi_flow_hooks,
               openapi_flows, openapi_formulas, openapi_indexes, openapi_jobs, openapi_kinds, openapi_notify,
               openapi_plugins, openapi_reports, openapi_sheets, openapi_calendar, openapi_flow_bpmn, openapi_tasks,
               openapi_users, openapi_personal, openapi_public_forms, openapi_timeline, openapi_workbench, openapi_role_admin, openapi_audit_admin)
from .auth import optional_actor, runtime
from .openapi_meta import components as meta_components
from .openapi_parts import COMPONENTS, path
from .openapi_records import form_paths, form_schemas

bp = Blueprint("trellis_openapi", __name__, url_prefix="/api/v1")

DESCRIPTION = (
    "Errors answer JSON {code, message: {zh, en}} (422 adds `errors`, one per field). Every address answers 404 "
    "in that form when unknown and 405 (with Allow) for a method it does not take. Sign in with "
    "`POST /api/v1/security/login` and send `Authorization: Bearer <access_token>`, or use an API token "
    "(`Bearer trl_...`). Timestamps carry their UTC offset. Any operation may answer 503 with Retry-After when the "
    "database is too busy to take the request in time.")


def _named(name: str, values: list[str]) -> dict:
    schema = {"type": "string", "enum": values} if values else {"type": "string"}
    return path(name, schema)


def build(rt, actor=None) -> dict:
    """The document as `actor` may use it: only readable forms, only visible fields."""
    paths, schemas = {}, {**COMPONENTS, **meta_components()}
    apps, forms = [], []
    for app in rt.apps() if actor is not None else []:
        for form in rt.forms_of(app["id"]):
            access = rt.access(actor, form)
            if not access.allowed("read"):
                continue
            if app["id"] not in apps:
                apps.append(app["id"])
            if form.id not in forms:
                forms.append(form.id)
            paths.update(form_paths(app["id"], form))
            schemas.update(form_schemas(app["id"], form, access))
    app_param, form_param = _named("app", apps), _named("form", forms)
    for area in (openapi_definitions, openapi_admin, openapi_sheets, openapi_jobs, openapi_notify, openapi_decisions,
                 openapi_formulas, openapi_flows, openapi_flow_hooks, openapi_calendar, openapi_flow_bpmn,
                 openapi_tasks, openapi_reports, openapi_users, openapi_personal, openapi_public_forms, openapi_timeline, openapi_workbench, openapi_role_admin, openapi_audit_admin):
        for address, methods in area.paths(app_param, form_param).items():  # areas may share an address
            paths.setdefault(address, {}).update(methods)
        schemas.update(area.SCHEMAS)
    paths.update(openapi_kinds.paths(app_param, list(rt.definition_kinds)))
    openapi_indexes.add_to(paths, schemas, actor, app_param, form_param)
    openapi_bootstrap.add_to(paths, schemas)
    openapi_plugins.add_to(paths, schemas)
    responses = {}
    if has_request_context():
        from .openapi_fab import fab_part

        fab = fab_part()
        paths.update(fab["paths"])
        schemas.update(fab["schemas"])
        responses.update(fab["responses"])
    return {
        "openapi": "3.1.0",
        "info": {"title": "Trellis API", "version": __version__, "description": DESCRIPTION},
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": schemas, "responses": responses,
                       "securitySchemes": {"jwt": {"type": "http", "scheme": "bearer"}}},
        "security": [{"jwt": []}],
    }


@bp.get("/openapi.json")
def openapi():
    return jsonify(build(runtime(), optional_actor()))
