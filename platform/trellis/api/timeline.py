"""A record's 360: its key figures, the counts of its related records, the merged activity
timeline, and comments with @mentions. Each answer is what the caller may read: the record
first (403 / 404 otherwise), then records in their row scope and fields they may see."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..activity import related, summary, timeline
from ..activity.comments import Comments
from .auth import actor, login_required, runtime
from .params import body_json, int_param, list_param

bp = Blueprint("trellis_timeline", __name__, url_prefix="/api/v1")

RECORD = "/apps/<app>/forms/<form>/records/<int:record_id>"


@bp.get(RECORD + "/summary")
@login_required
def key_figures(app, form, record_id):
    """The form's `summary` figures of the record, those the caller may see."""
    rt, who = runtime(), actor()
    model = rt.form(app, form)
    record = rt.records(app, form, who).get(record_id)
    with rt.engine.connect() as conn:
        return jsonify({"items": summary.figures(rt, model, record, who, conn)})


@bp.get(RECORD + "/related-counts")
@login_required
def related_counts(app, form, record_id):
    """How many records of each related form point at the record, in the caller's scope."""
    rt, who = runtime(), actor()
    rt.records(app, form, who).get(record_id)
    with rt.engine.connect() as conn:
        return jsonify({"items": related.counts(rt, app, form, record_id, who, conn)})


@bp.get(RECORD + "/timeline")
@login_required
def activity(app, form, record_id):
    """Newest first: `before` (the `next` of the page before), `limit` (1..100), `types`."""
    rt, who = runtime(), actor()
    model = rt.form(app, form)
    rt.records(app, form, who).get(record_id)
    limit = int_param(request.args, "limit", 30, maximum=timeline.MAX_LIMIT)
    with rt.engine.connect() as conn:
        return jsonify(timeline.page(rt, model, record_id, who, conn, before=request.args.get("before"),
                                     limit=limit, types=list_param(request.args, "types")))


@bp.get(RECORD + "/comments")
@login_required
def comments(app, form, record_id):
    limit = int_param(request.args, "limit", 100, maximum=500)
    return jsonify({"items": Comments(runtime(), app, form, record_id, actor()).listing(limit)})


@bp.post(RECORD + "/comments")
@login_required
def comment(app, form, record_id):
    return jsonify(Comments(runtime(), app, form, record_id, actor()).create(body_json(request))), 201


@bp.patch(RECORD + "/comments/<int:comment_id>")
@login_required
def edit_comment(app, form, record_id, comment_id):
    return jsonify(Comments(runtime(), app, form, record_id, actor()).edit(comment_id, body_json(request)))


@bp.delete(RECORD + "/comments/<int:comment_id>")
@login_required
def delete_comment(app, form, record_id, comment_id):
    Comments(runtime(), app, form, record_id, actor()).delete(comment_id)
    return "", 204
