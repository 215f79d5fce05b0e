"""Reports over REST, computed in the caller's scope (reports/engine.py):

    GET /api/v1/apps/<app>/reports                              the published reports the caller may read
    GET /api/v1/apps/<app>/reports/<key>/data?filters=<JSON>    {"columns", "rows", "totals", "fresh_at", ...}
    GET /api/v1/apps/<app>/reports/<key>/spec?filters=&lang=zh|en   {"chart", "spec": Vega-Lite, "data"}
    GET /api/v1/apps/<app>/reports/<key>/xlsx?filters=&lang=    the figures as a workbook
    POST /api/v1/apps/<app>/reports/preview                    {"report": draft, "filters"?, "lang"?}: the spec answer
    GET /api/v1/apps/<app>/reports/<key>/drill?filters=&at=<JSON {dimension: value}>
                                                                {"form", "filter"}: the records behind a group

`filters` is a JsonLogic rule over the report's form (a dashboard's global filters), applied
with the report's own filter; a field the caller may not see is refused as unknown (400).
Editing a report is the definitions API's (kind `report`)."""
from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..kernel.errors import BadRequest
from ..reports.chart_type import LANGS
from ..reports.engine import parse_filters, parse_json
from ..reports.workbook import workbook
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_reports", __name__, url_prefix="/api/v1/apps/<app>/reports")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def lang_param() -> str:
    lang = request.args.get("lang") or "zh"
    if lang not in LANGS:
        raise BadRequest("lang 应为 zh 或 en", "lang is zh or en", code="malformed", details={"param": "lang"})
    return lang


@bp.get("")
@login_required
def listing(app):
    return jsonify({"items": runtime().reports.listing(app, actor())})


@bp.get("/<key>/data")
@login_required
def data(app, key):
    return jsonify(runtime().reports.data(app, key, actor(), parse_filters(request.args.get("filters"))))


@bp.get("/<key>/spec")
@login_required
def spec(app, key):
    lang = lang_param()
    return jsonify(runtime().reports.spec(app, key, actor(), parse_filters(request.args.get("filters")), lang))


@bp.get("/<key>/xlsx")
@login_required
def xlsx(app, key):
    lang = lang_param()
    found = runtime().reports.data(app, key, actor(), parse_filters(request.args.get("filters")))
    return Response(workbook(found, lang), mimetype=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{key}.xlsx"'})


@bp.get("/<key>/drill")
@login_required
def drill(app, key):
    at = parse_json(request.args.get("at"), "at", "维度取值", "{dimension: value}")
    return jsonify(runtime().reports.drill(app, key, actor(), parse_filters(request.args.get("filters")), at))


@bp.post("/preview")
@login_required
def preview(app):
    body = body_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("report"), dict):
        raise BadRequest("请求体应为 {\"report\": 报表定义}", "the body is {\"report\": a report definition}",
                         code="malformed", details={"param": "report"})
    lang = body.get("lang") or "zh"
    if lang not in LANGS:
        raise BadRequest("lang 应为 zh 或 en", "lang is zh or en", code="malformed", details={"param": "lang"})
    filters = body.get("filters")
    if filters is not None and not isinstance(filters, dict):
        raise BadRequest("filters 应为筛选条件", "filters is a filter rule", code="malformed", details={"param": "filters"})
    return jsonify(runtime().reports.preview(app, body["report"], actor(), filters, lang))
