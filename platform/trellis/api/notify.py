"""Notifications for administrators of an app: channel types, the app's channels (save,
delete, send a test), the delivery log, what the outbox recorded, a template preview
against a record, and sending a message. Channel secrets are never in an answer."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..kernel.timestamps import stamp
from ..notify import log as delivery_log
from ..notify import outbox_store
from ..notify.rendering import link_of, record_context, render_texts
from .auth import actor, login_required, runtime
from .params import body_json, int_param, whole_number

bp = Blueprint("trellis_notify", __name__, url_prefix="/api/v1")
APP = "/apps/<app>"


def _admin(app: str | None = None):
    who = actor()
    if not who.is_admin:
        raise Forbidden("只有管理员可以管理消息通知", "only administrators manage notifications")
    rt = runtime()
    if app is not None and rt.store.published(app, "app", app) is None:
        raise NotFound(f"应用 {app} 不存在", f"app {app} not found", code="app_not_found")
    return rt, who


def _record_of(body: dict):
    """The body's `record` (a record id, or absent)."""
    record = body.get("record")
    return None if record is None else whole_number(record, "record")


def _channel_json(rt, conn, row) -> dict:
    out = rt.notify.channels.public(conn, row, rt.clock.now())
    out["updated_at"] = stamp(out["updated_at"])
    return out


@bp.get("/notify/channel-types")
@login_required
def channel_types():
    rt = runtime()
    return jsonify({"items": [cls.describe() for _, cls in rt.registries.channels.items()]})


@bp.get(f"{APP}/channels")
@login_required
def channels(app):
    rt, _ = _admin(app)
    with rt.engine.connect() as conn:
        return jsonify({"items": [_channel_json(rt, conn, r) for r in rt.notify.channels.rows(conn, app)]})


@bp.put(f"{APP}/channels/<name>")
@login_required
def save_channel(app, name):
    rt, who = _admin(app)
    body = body_json(request)
    with rt.transaction() as conn:
        row = rt.notify.channels.save(conn, app, name, body, who.id, rt.clock.now().replace(microsecond=0))
        rt.record_event("channel.save", app=app, target=name, note=row["type"], actor=who, conn=conn)
        return jsonify(_channel_json(rt, conn, row))


@bp.delete(f"{APP}/channels/<name>")
@login_required
def delete_channel(app, name):
    rt, who = _admin(app)
    with rt.transaction() as conn:
        rt.notify.channels.delete(conn, app, name)
        rt.record_event("channel.delete", app=app, target=name, actor=who, conn=conn)
    return "", 204


@bp.post(f"{APP}/channels/<name>/test")
@login_required
def test_channel(app, name):
    rt, who = _admin(app)
    body = request.get_json(silent=True) if request.get_data() else {}
    to = (body or {}).get("to") if isinstance(body, dict) else None
    if to is not None and (not isinstance(to, str) or len(to) > 200):
        raise BadRequest("to 应为收件地址文本", "to is an address (text)", code="malformed", details={"field": "to"})
    out = rt.notify.test(app, name, who, (to or "").strip() or None)
    with rt.engine.connect() as conn:
        if out["delivery_id"] is None:
            raise BadRequest("测试消息没有生成投递", "the test made no delivery", code="no_delivery")
        return jsonify(delivery_log.one(conn, app, out["delivery_id"]))


@bp.get(f"{APP}/deliveries")
@login_required
def deliveries(app):
    rt, _ = _admin(app)
    args = request.args
    state = args.get("state") or None
    if state is not None and state not in delivery_log.STATES:
        raise BadRequest(f"参数 state 应为 {', '.join(delivery_log.STATES)} 之一",
                         f"state is one of {', '.join(delivery_log.STATES)}", code="malformed",
                         details={"param": "state"})
    limit = int_param(args, "limit", 100, maximum=1000)
    filters = {"channel": args.get("channel") or None, "form": args.get("form") or None,
               "record": int_param(args, "record"), "state": state}
    with rt.engine.connect() as conn:
        items = delivery_log.listing(conn, app, limit=limit, before_id=int_param(args, "before_id"), **filters)
        counts = delivery_log.counts(conn, app, **filters)
    return jsonify({"items": items, "counts": counts,
                    "next_before_id": items[-1]["id"] if len(items) == limit else None})


@bp.get(f"{APP}/deliveries/<int:delivery_id>")
@login_required
def delivery(app, delivery_id):
    rt, _ = _admin(app)
    with rt.engine.connect() as conn:
        return jsonify(delivery_log.one(conn, app, delivery_id))


@bp.post(f"{APP}/deliveries/<int:delivery_id>/answered")
@login_required
def answered(app, delivery_id):
    """A sign that the recipient read or answered a delivery (a provider's read receipt, a
    reply picked up by an integration): routing counts it toward their most active channel."""
    rt, _ = _admin(app)
    with rt.transaction() as conn:
        delivery_log.one(conn, app, delivery_id)  # 404 unless the app has it
        delivery_log.mark_answered(conn, delivery_id, rt.clock.now().replace(microsecond=0))
        return jsonify(delivery_log.one(conn, app, delivery_id))


@bp.get(f"{APP}/outbox")
@login_required
def outbox(app):
    rt, _ = _admin(app)
    args = request.args
    with rt.engine.connect() as conn:
        items = outbox_store.listing(conn, app, form=args.get("form") or None, record=int_param(args, "record"),
                                     channel_type=args.get("channel_type") or None,
                                     limit=int_param(args, "limit", 100, maximum=1000))
    return jsonify({"items": items})


@bp.post(f"{APP}/templates/preview")
@login_required
def preview(app):
    rt, _ = _admin(app)
    body = body_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("template"), dict):
        raise BadRequest("请提供 template(模板定义)", "template (a template definition) is required", code="malformed",
                         details={"field": "template"})
    template, lang = body["template"], body.get("lang") or "zh"
    if lang not in ("zh", "en"):
        raise BadRequest("lang 应为 zh 或 en", "lang is zh or en", code="malformed", details={"field": "lang"})
    rt.definition_kinds.find("template").check({"schema_version": 1, **template})
    form = template.get("form") or body.get("form")
    record = _record_of(body)
    if form:
        rt.form(app, form)  # 404 when there is no such form
    routing = rt.notify.routing(app)
    ctx = {**record_context(rt, app, form, record, lang), "app": app, "now": rt.clock.now().replace(microsecond=0),
           "link": link_of(rt.notify.base(routing) or request.host_url, app, form, record), "data": body.get("data") or {},
           "recipient": {"name": actor().username, "email": None, "mobile": None}}
    if record is not None and form and len(ctx["record"]) <= 1:
        raise NotFound(f"记录 {record} 不存在", f"record {record} not found", code="record_not_found")
    return jsonify(render_texts(template, body.get("channel") or None, lang, ctx))


@bp.post(f"{APP}/notify")
@login_required
def send(app):
    rt, who = _admin(app)
    body = body_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("template"), str):
        raise BadRequest("请提供 template(已发布模板的标识)", "template (the key of a published template) is required",
                         code="malformed", details={"field": "template"})
    record = _record_of(body)
    data = body.get("data")
    if data is not None and not isinstance(data, dict):
        raise BadRequest("data 应为对象", "data is an object", code="malformed", details={"field": "data"})
    out = rt.notify.send(app, body["template"], recipients=body.get("recipients"), form=body.get("form"),
                         record=record, urgency=body.get("urgency"), data=data, actor=who)
    with rt.engine.connect() as conn:
        items = [delivery_log.one(conn, app, i) for i in out["deliveries"]]
    return jsonify({"message_id": out["message_id"], "deliveries": items}), 201


TIMELINE = ("id", "event", "channel", "urgency", "subject", "state", "note", "created_at", "sent_at", "read_at")


@bp.get(f"{APP}/forms/<form>/records/<int:record_id>/messages")
@login_required
def record_messages(app, form, record_id):
    """The messages sent about a record, newest first (its 360 timeline), for whoever may
    read the record: what, on which channel, to whom (by name), in which state;
    administrators also see addresses, texts and provider answers."""
    rt = runtime()
    who = actor()
    rt.records(app, form, who).get(record_id)  # 403 / 404 unless the caller may read the record
    limit = int_param(request.args, "limit", 100, maximum=1000)
    with rt.engine.connect() as conn:
        items = delivery_log.listing(conn, app, form=form, record=record_id, limit=limit)
    if not who.is_admin:
        items = [{**{k: i[k] for k in TIMELINE}, "recipient": {"name": i["recipient"].get("name")}} for i in items]
    return jsonify({"items": items})
