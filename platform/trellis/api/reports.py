"""Reports over REST, computed in the caller's scope (reports/engine.py):

    GET /api/v1/apps/<app>/reports                              the published reports the caller may read
    GET /api/v1/apps/<app>/reports/<key>/data?filters=<JSON>    {"columns", "rows", "totals", "fresh_at", ...}
    GET /api/v1/apps/<app>/reports/<key>/spec?filters=&lang=zh|en   {"chart", "spec": Vega-Lite, "data"}

`filters` is a JsonLogic rule over the report's form (a dashboard's global filters), applied
with the report's own filter; a field the caller may not see is refused as unknown (400).
Editing a report is the definitions API's (kind `report`)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest
from ..reports.chart_type import LANGS
from ..reports.engine import parse_filters
from .auth import actor, login_required, runtime

bp = Blueprint("trellis_reports", __name__, url_prefix="/api/v1/apps/<app>/reports")


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
    lang = request.args.get("lang") or "zh"
    if lang not in LANGS:
        raise BadRequest("lang 应为 zh 或 en", "lang is zh or en", code="malformed", details={"param": "lang"})
    return jsonify(runtime().reports.spec(app, key, actor(), parse_filters(request.args.get("filters")), lang))
