"""Audit endpoints: a record's history (what the caller may read of it), reverting a
record to an entry, and the whole log for admins."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import Forbidden, NotFound
from ..forms.types.base import INT32_MAX
from ..security import audit
from .auth import actor, login_required, runtime
from .params import int_param

bp = Blueprint("trellis_audit", __name__, url_prefix="/api/v1")

RECORD = "/apps/<app>/forms/<form>/records/<int:record_id>/history"


def _readable(svc, record_id: int) -> None:
    """The caller must be able to read the record (live or deleted) to see its history."""
    try:
        svc.get(record_id)
    except NotFound:
        svc.get(record_id, deleted=True)


def _visible(svc, entry: dict) -> dict:
    for key in ("before", "after"):
        if entry[key]:
            entry[key] = {k: v for k, v in entry[key].items() if svc.access.can_see(k)}
    return entry


@bp.get(RECORD)
@login_required
def history(app, form, record_id):
    rt = runtime()
    svc = rt.records(app, form, actor())
    _readable(svc, record_id)
    with rt.engine.connect() as conn:
        items = audit.history(conn, app, form, record_id)
    return jsonify({"items": [_visible(svc, e) for e in items]})


@bp.post(RECORD + "/<int:entry_id>/revert")
@login_required
def revert(app, form, record_id, entry_id):
    return jsonify(audit.revert(runtime(), app, form, record_id, entry_id, actor()))


@bp.get("/audit")
@login_required
def listing():
    if not actor().is_admin:
        raise Forbidden("只有管理员可以查看审计日志", "only administrators may read the audit log")
    args = request.args
    with runtime().engine.connect() as conn:
        return jsonify(audit.entries(conn, app=args.get("app") or None, action=args.get("action") or None,
                                     user_id=int_param(args, "user_id", minimum=0, maximum=INT32_MAX),
                                     limit=int_param(args, "limit", 100), before_id=int_param(args, "before_id")))
