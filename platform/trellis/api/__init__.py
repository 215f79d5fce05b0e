"""The REST API (`/api/v1`): one blueprint per resource family, thin handlers, and one
error handler turning domain errors into JSON with an HTTP status and a bilingual message
(`handlers.py`); JSON bodies are parsed with a nesting limit (`jsonbody.py`).

Authentication: a JWT from FAB's `/api/v1/security/login` (Authorization: Bearer ...),
an API token (Authorization: Bearer trl_...), or the browser's logged-in session.
"""
from __future__ import annotations

from flask import Flask

from .auth import check_api_login, limit_api_login
from .handlers import register_error_handlers
from .jsonbody import JsonRequest
from .pathids import Int32Converter, Int64Converter


def register_api(app: Flask) -> None:
    app.request_class = JsonRequest  # JSON bodies past the nesting limit are refused (400)
    app.url_map.converters["int"] = Int64Converter  # path numbers past their id column: 404
    app.url_map.converters["int32"] = Int32Converter
    from .audit import bp as audit_bp
    from .bootstrap import bp as bootstrap_bp
    from .definition_kinds import bp as definition_kinds_bp
    from .definitions import bp as definitions_bp
    from .field_types import bp as field_types_bp
    from .files import bp as files_bp
    from .openapi import bp as openapi_bp
    from .org import bp as org_bp
    from .records import bp as records_bp
    from .people import bp as people_bp
    from .roles import bp as roles_bp
    from .views import bp as views_bp
    from .tokens import bp as tokens_bp
    from .sheets import bp as sheets_bp
    from .imports import bp as imports_bp
    from .indexes import bp as indexes_bp
    from .jobs import bp as jobs_bp
    from .plugins import bp as plugins_bp
    from .notify import bp as notify_bp
    from .messages import bp as messages_bp
    from .decisions import bp as decisions_bp
    from .formulas import bp as formulas_bp
    from .flow_hooks import bp as flow_hooks_bp
    from .flows import bp as flows_bp
    from .flow_bpmn import bp as flow_bpmn_bp
    from .calendar import bp as calendar_bp
    from .tasks import bp as tasks_bp
    from .reports import bp as reports_bp
    from .dashboards import bp as dashboards_bp
    from .users import bp as users_bp
    from .personal import bp as personal_bp
    from .public_forms import bp as public_forms_bp
    from .timeline import bp as timeline_bp
    from .workbench import bp as workbench_bp
    from .role_admin import bp as role_admin_bp
    from .audit_admin import bp as audit_admin_bp

    for bp in (definitions_bp, records_bp, openapi_bp, files_bp, roles_bp, people_bp, views_bp, org_bp, tokens_bp):
        app.register_blueprint(bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(sheets_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(indexes_bp)
    app.register_blueprint(jobs_bp)
    app.register_blueprint(bootstrap_bp)
    app.register_blueprint(definition_kinds_bp)
    app.register_blueprint(plugins_bp)
    app.register_blueprint(field_types_bp)
    app.register_blueprint(notify_bp)
    app.register_blueprint(messages_bp)
    app.register_blueprint(decisions_bp)
    app.register_blueprint(formulas_bp)
    app.register_blueprint(flow_hooks_bp)
    app.register_blueprint(flows_bp)
    app.register_blueprint(flow_bpmn_bp)
    app.register_blueprint(calendar_bp)
    app.register_blueprint(tasks_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(dashboards_bp)
    for bp in (users_bp, personal_bp, public_forms_bp, timeline_bp, workbench_bp, role_admin_bp, audit_admin_bp):
        app.register_blueprint(bp)
    limit_api_login(app)
    app.before_request(check_api_login)  # a JSON login without its provider is a 400, not FAB's 500

    register_error_handlers(app)
