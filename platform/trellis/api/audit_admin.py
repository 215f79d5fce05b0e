"""The audit log for administrators: the log filtered by user, app, form, record, action and
time (keyset pages, newest first), each entry with its form's label and its user's name; and
verifying the hash chain, naming the first broken entry.

`GET /api/v1/admin/audit` ?app ?form ?record_id ?user_id ?action ?since ?until ?limit ?before_id
`POST /api/v1/admin/audit/verify`
"""
from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, jsonify, request

from ..forms.types.base import INT32_MAX
from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..security import audit
from ..security.audit_history import to_json
from ..storage import models as m
from .auth import actor, login_required, runtime
from .params import int_param

bp = Blueprint("trellis_audit_admin", __name__, url_prefix="/api/v1")

_TEXT_PARAMS = {"app": 64, "form": 64, "action": 40}


def _admin_only() -> None:
    if not actor().is_admin:
        raise Forbidden("只有管理员可以查看审计日志", "only administrators may read the audit log")


def _text(args, name: str) -> str | None:
    value = args.get(name) or None
    if value is not None and len(value) > _TEXT_PARAMS[name]:
        raise BadRequest(f"参数 {name} 过长(最多 {_TEXT_PARAMS[name]} 个字符)",
                         f"parameter {name} is too long (at most {_TEXT_PARAMS[name]} characters)",
                         code="malformed", details={"param": name})
    return value


def time_param(args, name: str, *, end: bool = False) -> datetime | None:
    """An ISO 8601 date or date-time as the audit column keeps it (naive, server local time).
    A date alone is its day's start; as an end (`until`), the next day's start, so the day is in."""
    raw = args.get(name)
    if raw in (None, ""):
        return None
    try:
        if len(raw) == 10:
            day = date.fromisoformat(raw)
            return datetime.combine(day + timedelta(days=1) if end else day, datetime.min.time())
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"参数 {name} 须是日期或日期时间(ISO 8601,如 2026-12-01 或 2026-12-01T09:30:00+08:00)",
                         f"parameter {name} must be a date or date-time (ISO 8601, e.g. 2026-12-01 or "
                         f"2026-12-01T09:30:00+08:00)", code="malformed", details={"param": name}) from None
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value


def _form_labels(rt, items: list[dict]) -> dict[tuple, dict | None]:
    labels: dict[tuple, dict | None] = {}
    for e in items:
        key = (e["app"], e["target"])
        if key in labels or not e["app"] or not e["target"] or e["record_id"] is None:
            continue
        try:
            labels[key] = rt.form(*key).label or None
        except NotFound:  # a form since deleted: its id stands for it
            labels[key] = None
    return labels


def _described(rt, conn, page: dict) -> dict:
    """Each entry with `form_label` ({zh, en} of a record's form, else null) and `user`
    ({id, username, title}, null for the system or a user since deleted)."""
    items = page["items"]
    labels = _form_labels(rt, items)
    users = rt.users_by_id(conn, {e["user_id"] for e in items if e["user_id"] is not None})
    for e in items:
        e["form_label"] = labels.get((e["app"], e["target"]))
        e["user"] = users.get(e["user_id"])
    return page


@bp.get("/admin/audit")
@login_required
def listing():
    _admin_only()
    args = request.args
    since, until = time_param(args, "since"), time_param(args, "until", end=True)
    if since is not None and until is not None and since >= until:
        raise BadRequest("参数 since 须早于 until", "parameter since must come before until",
                         code="malformed", details={"param": "until"})
    rt = runtime()
    with rt.engine.connect() as conn:
        page = audit.entries(conn, app=_text(args, "app"), target=_text(args, "form"), action=_text(args, "action"),
                             user_id=int_param(args, "user_id", minimum=0, maximum=INT32_MAX),
                             record_id=int_param(args, "record_id", minimum=0),
                             since=since, until=until, limit=int_param(args, "limit", 50),
                             before_id=int_param(args, "before_id"))
        return jsonify(_described(rt, conn, page))


@bp.post("/admin/audit/verify")
@login_required
def verify():
    """Walk the whole chain; a broken one names its first broken entry (as it now reads)."""
    _admin_only()
    rt = runtime()
    started = time.monotonic()
    result = audit.verify(rt.engine)
    result["elapsed_ms"] = round((time.monotonic() - started) * 1000)
    broken = result["first_broken"]
    with rt.engine.connect() as conn:
        if broken is not None:
            row = conn.execute(sa.select(m.audit).where(m.audit.c.id == broken["id"])).mappings().first()
            broken["entry"] = _described(rt, conn, {"items": [to_json(row)]})["items"][0] if row else None
        result["last_id"] = conn.execute(sa.select(sa.func.max(m.audit.c.id))).scalar()
    return jsonify(result)
