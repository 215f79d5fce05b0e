"""Dashboards over REST (reports/dashboards.py), each tile computed in the caller's scope:

    GET /api/v1/apps/<app>/dashboards                      the published dashboards
    GET /api/v1/apps/<app>/dashboards/<key>                the page: filters (with options), tiles, refresh
    GET /api/v1/apps/<app>/dashboards/<key>/tiles/<tile>?values=<JSON {filter: value}>&lang=zh|en
                                                           the tile's report spec answer + the rule applied;
                                                           a widget tile's content {"tile", "widget", "data"}
    PUT /api/v1/apps/<app>/dashboards/<key>/layout         {"tiles": [{"id", "x", "y", "w", "h", "widget"?}],
                                                            "remove": [tile ids]}: a new version (tiles moved,
                                                           resized, widgets added or set, tiles removed)
    POST /api/v1/apps/<app>/dashboards/<key>/deliveries/<id>/send
                                                           send a scheduled delivery now (administrators):
                                                           202 {"jobs": [send job ids, one per recipient]}

Editing the rest of a dashboard is the definitions API's (kind `dashboard`)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..reports.engine import parse_json
from .auth import actor, login_required, runtime
from .params import body_json
from .reports import lang_param

bp = Blueprint("trellis_dashboards", __name__, url_prefix="/api/v1/apps/<app>/dashboards")


@bp.get("")
@login_required
def listing(app):
    return jsonify({"items": runtime().dashboards.listing(app, actor())})


@bp.get("/<key>")
@login_required
def view(app, key):
    return jsonify(runtime().dashboards.view(app, key, actor()))


@bp.get("/<key>/tiles/<tile>")
@login_required
def tile(app, key, tile):
    lang = lang_param()
    values = parse_json(request.args.get("values"), "values", "筛选值", "{filter: value}")
    return jsonify(runtime().dashboards.tile(app, key, tile, actor(), values, lang))


@bp.put("/<key>/layout")
@login_required
def layout(app, key):
    body = body_json(request)
    body = body if isinstance(body, dict) else {}
    version = runtime().dashboards.save_layout(app, key, actor(), body.get("tiles"), body.get("remove"))
    return jsonify({"version": version})


@bp.post("/<key>/deliveries/<delivery>/send")
@login_required
def send_delivery(app, key, delivery):
    return jsonify({"jobs": runtime().deliveries.send_now(app, key, delivery, actor())}), 202
