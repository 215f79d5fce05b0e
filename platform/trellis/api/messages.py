"""The caller's own messages and notification settings: the message center behind the bell
(`/api/v1/me/messages`, the unread count the bell polls, marking read) and which events
come by which channel, with quiet hours (`/api/v1/me/notify-settings`)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest
from ..notify import inbox, prefs
from .auth import actor, login_required, runtime
from .params import body_json, int_param

bp = Blueprint("trellis_messages", __name__, url_prefix="/api/v1/me")


def _me() -> int:
    who = actor()
    if who.id is None:
        raise BadRequest("系统身份没有消息", "the system identity has no messages", code="no_user")
    return who.id


@bp.get("/messages")
@login_required
def messages():
    user_id = _me()
    state = request.args.get("state") or "all"
    if state not in inbox.STATES:
        raise BadRequest(f"参数 state 应为 {', '.join(inbox.STATES)} 之一", f"state is one of {', '.join(inbox.STATES)}",
                         code="malformed", details={"param": "state"})
    limit = int_param(request.args, "limit", 50, maximum=500)
    rt = runtime()
    with rt.engine.connect() as conn:
        items = inbox.listing(conn, user_id, state, limit, int_param(request.args, "before_id"))
        unread = inbox.unread(conn, user_id)
    return jsonify({"items": items, "unread": unread,
                    "next_before_id": items[-1]["id"] if len(items) == limit else None})


@bp.get("/messages/unread")
@login_required
def unread():
    rt = runtime()
    with rt.engine.connect() as conn:
        return jsonify({"unread": inbox.unread(conn, _me())})


@bp.post("/messages/<int:message_id>/read")
@login_required
def read(message_id):
    user_id = _me()
    rt = runtime()
    with rt.transaction() as conn:
        return jsonify(inbox.mark_read(conn, user_id, message_id, rt.clock.now().replace(microsecond=0)))


@bp.post("/messages/read-all")
@login_required
def read_all():
    user_id = _me()
    rt = runtime()
    with rt.transaction() as conn:
        inbox.mark_all_read(conn, user_id, rt.clock.now().replace(microsecond=0))
    return jsonify({"unread": 0})


def _settings(rt, conn, user_id: int) -> dict:
    found = prefs.get(conn, user_id)
    events, channels = [], set()
    for app in rt.apps():
        for d in rt.store.list(app["id"], "template"):
            body = rt.store.published(app["id"], "template", d["key"], conn=conn)
            if body:
                events.append({"key": d["key"], "app": app["id"], "label": body[0].get("label"),
                               "urgency": body[0].get("urgency") or "medium"})
        channels.update(r["name"] for r in rt.notify.channels.rows(conn, app["id"]) if r["enabled"])
    return {"events": found.get("events") or {}, "quiet_hours": found.get("quiet_hours"),
            "available": {"events": events, "channels": sorted(channels)}}


@bp.get("/notify-settings")
@login_required
def settings():
    rt = runtime()
    with rt.engine.connect() as conn:
        return jsonify(_settings(rt, conn, _me()))


@bp.put("/notify-settings")
@login_required
def save_settings():
    user_id = _me()
    rt = runtime()
    body = body_json(request)
    with rt.transaction() as conn:
        prefs.save(conn, user_id, body, rt.clock.now().replace(microsecond=0))
        return jsonify(_settings(rt, conn, user_id))
