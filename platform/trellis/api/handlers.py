"""The API's error handlers: every answer under /api/ that is not a success is JSON
`{"code", "message": {"zh", "en"}}`. Domain errors carry their own status and message;
a database uniqueness race is a 409; werkzeug's HTTP errors (404, 405, 413, 415, ...)
get a bilingual message for their status; anything unexpected is logged with its
traceback and answered 500 (other paths keep Flask's pages)."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, request
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from ..kernel.errors import TrellisError, bilingual

log = logging.getLogger("trellis.api")

HTTP_MESSAGES = {
    400: ("请求无效", "bad request"),
    401: ("未登录或登录已过期", "not signed in, or the sign-in has expired"),
    403: ("无权访问", "forbidden"),
    404: ("找不到该地址", "no such endpoint"),
    405: ("不支持该方法", "method not allowed"),
    406: ("无法提供所要求的格式", "the requested format cannot be produced"),
    408: ("请求超时", "request timeout"),
    409: ("请求冲突", "conflict"),
    411: ("缺少 Content-Length", "Content-Length required"),
    412: ("前提条件不满足", "precondition failed"),
    413: ("上传内容过大", "request too large"),
    414: ("请求地址过长", "request URI too long"),
    415: ("不支持的内容类型(请求体应为 application/json)",
          "unsupported media type (the request body should be application/json)"),
    416: ("请求的范围无效", "range not satisfiable"),
    422: ("内容无法处理", "unprocessable content"),
    429: ("请求过于频繁,请稍后再试", "too many requests; try again later"),
    431: ("请求头过大", "request header fields too large"),
    501: ("不支持该功能", "not implemented"),
    503: ("服务暂不可用,请稍后再试", "service unavailable; try again later"),
}


def _api() -> bool:
    return request.path.startswith("/api/")


def http_error(err: HTTPException):
    """A werkzeug HTTP error as the API's JSON (other paths: werkzeug's own page)."""
    if not _api() or err.code is None:
        return err
    message = getattr(err, "message", None)
    if not isinstance(message, dict):
        zh, en = HTTP_MESSAGES.get(err.code, (f"请求无法处理({err.code})", (err.name or "error").lower()))
        message = bilingual(zh, en)
    resp = jsonify({"code": str(err.code), "message": message})
    resp.status_code = err.code
    for key, value in err.get_headers():
        if key in ("Allow", "Retry-After", "WWW-Authenticate"):  # what a 405 / 429 / 401 tells the client
            resp.headers[key] = value
    return resp


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(TrellisError)
    def _domain_error(err: TrellisError):
        return jsonify(err.to_dict()), err.status

    @app.errorhandler(IntegrityError)
    def _integrity(err: IntegrityError):
        # a concurrent write won the race for a unique value the checks had seen free
        log.warning("integrity error: %s", err.orig)
        return jsonify({"code": "conflict", "message": bilingual(
            "数据冲突(可能是唯一值已被并发写入占用),请重试", "conflicting write (a unique value was taken concurrently); retry")}), 409

    app.register_error_handler(HTTPException, http_error)

    @app.errorhandler(PoolTimeout)
    def _pool_exhausted(err: PoolTimeout):
        # every pooled connection stayed busy past the pool's time-out: overload, not a bug
        log.warning("database pool exhausted on %s %s: %s", request.method, request.path, err)
        return _busy()

    @app.errorhandler(OperationalError)
    def _operational(err: OperationalError):
        if "database is locked" not in str(err.orig):
            return _unexpected(err)
        log.warning("database locked on %s %s", request.method, request.path)
        return _busy()

    def _busy():
        resp = jsonify({"code": "busy", "message": bilingual("服务器繁忙,请稍后重试", "the server is busy; try again shortly")})
        resp.status_code, resp.headers["Retry-After"] = 503, "1"
        return resp

    @app.errorhandler(Exception)
    def _unexpected(err: Exception):
        if isinstance(err, HTTPException):
            return http_error(err)
        log.exception("unhandled error on %s %s", request.method, request.path)
        if not _api():
            return InternalServerError(original_exception=err)
        return jsonify({"code": "internal", "message": bilingual("服务器内部错误,已记录", "internal error (logged)")}), 500
