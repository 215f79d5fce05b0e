"""The REST API (`/api/v1`): one blueprint per resource family, thin handlers, and one
error handler turning domain errors into JSON with an HTTP status and a bilingual message.

Authentication: a JWT from FAB's `/api/v1/security/login` (Authorization: Bearer ...),
an API token (Authorization: Bearer trl_...), or the browser's logged-in session.
"""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from sqlalchemy.exc import IntegrityError

from ..errors import TrellisError, bilingual
from .auth import limit_api_login

log = logging.getLogger(__name__)


def register_api(app: Flask) -> None:
    from .audit import bp as audit_bp
    from .bootstrap import bp as bootstrap_bp
    from .definitions import bp as definitions_bp
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

    for bp in (definitions_bp, records_bp, openapi_bp, files_bp, roles_bp, people_bp, views_bp, org_bp, tokens_bp):
        app.register_blueprint(bp)
    app.register_blueprint(audit_bp)
    app.register_blueprint(sheets_bp)
    app.register_blueprint(imports_bp)
    app.register_blueprint(indexes_bp)
    app.register_blueprint(bootstrap_bp)
    limit_api_login(app)

    @app.errorhandler(TrellisError)
    def _domain_error(err: TrellisError):
        return jsonify(err.to_dict()), err.status

    @app.errorhandler(IntegrityError)
    def _integrity(err: IntegrityError):
        # a concurrent write won the race for a unique value the checks had seen free
        log.warning("integrity error: %s", err.orig)
        return jsonify({"code": "conflict", "message": bilingual(
            "数据冲突(可能是唯一值已被并发写入占用),请重试", "conflicting write (a unique value was taken concurrently); retry")}), 409

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        from flask import request
        from werkzeug.exceptions import HTTPException

        if isinstance(err, HTTPException) or not request.path.startswith("/api/"):
            return err
        log.exception("unhandled error on %s", request.path)
        return jsonify({"code": "internal", "message": bilingual("服务器内部错误,已记录", "internal error (logged)")}), 500

    for status, zh, en in ((404, "找不到该地址", "no such endpoint"), (405, "不支持该方法", "method not allowed"),
                           (413, "上传内容过大", "request too large"),
                           (429, "请求过于频繁,请稍后再试", "too many requests; try again later")):
        app.register_error_handler(status, _http_error(status, zh, en))


def _http_error(status: int, zh: str, en: str):
    def handler(_err):
        from flask import request

        if not request.path.startswith("/api/"):
            return _err
        return jsonify({"code": str(status), "message": bilingual(zh, en)}), status
    return handler
