"""The signed-in user's workbench over REST (reports/widgets/recent.py):

    GET /api/v1/me/recent?app=&limit=    my recent records: those I created, changed or restored
                                         lately, newest first, only those I may still read
                                         {"items": [{app, form, form_label, record, title, action, at}]}"""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest
from ..reports.widgets.recent import recent_records
from .auth import actor, login_required, runtime
from .params import int_param

bp = Blueprint("trellis_workbench", __name__, url_prefix="/api/v1")


@bp.get("/me/recent")
@login_required
def recent():
    app = request.args.get("app") or None
    if app is not None and len(app) > 64:
        raise BadRequest("app 最长 64 个字符", "app is at most 64 characters", code="malformed", details={"param": "app"})
    limit = int_param(request.args, "limit", 10, maximum=50)
    return jsonify({"items": recent_records(runtime(), actor(), app, limit)})
