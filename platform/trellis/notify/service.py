"""`runtime.notify`: the one way anything sends a message. `send` resolves the recipients,
routes each by urgency (routing.py), renders the template per recipient and channel
(rendering.py) and writes, in the caller's transaction, the message, one delivery row per
recipient and channel, and a `notify.deliver` job per delivery (its key is the delivery's
idempotency key). Delivering, retrying and falling back happen in the job (delivery.py).
A high-urgency message also creates the routing's call task record, once per message."""
from __future__ import annotations

import re

import sqlalchemy as sa

from ..kernel.actor import SYSTEM
from ..kernel.errors import BadRequest, NotFound
from ..kernel.templating import render
from ..storage import models
from . import prefs as user_prefs
from .channel_store import ChannelStore
from .delivery import Delivering
from .recipients import resolve
from .rendering import link_of, record_context, render_texts
from .routing import DEFAULT, plan

M, D = models.message, models.delivery
URGENCIES = ("high", "medium", "low")
JOB = "notify.deliver"


class Notify:
    def __init__(self, runtime, secret):
        self.rt = runtime
        self.channels = ChannelStore(runtime.registries.channels, secret)
        self.delivering = Delivering(self)

    # -- definitions ------------------------------------------------------------------------
    def routing(self, app: str, conn=None) -> dict:
        found = self.rt.store.published(app, "routing", "default", conn=conn)
        return found[0] if found else DEFAULT

    def template(self, app: str, key: str, conn=None) -> dict:
        found = self.rt.store.published(app, "template", key, conn=conn)
        if not found:
            raise NotFound(f"消息模板 {key} 不存在或未发布", f"message template {key} does not exist or is not published",
                           code="template_not_found", details={"field": "template"})
        return found[0]

    def enabled_channels(self, conn, app: str) -> dict:
        """{name: channel type class} of the app's enabled channels whose type is installed."""
        reg = self.rt.registries.channels
        return {r["name"]: reg.get(r["type"]) for r in self.channels.rows(conn, app)
                if r["enabled"] and r["type"] in reg}

    # -- sending ----------------------------------------------------------------------------
    def send(self, app: str, template: str | dict, *, recipients, form: str | None = None, record=None,
             urgency: str | None = None, data: dict | None = None, dedupe: str | None = None, conn=None,
             actor=None, cause=None, only: str | None = None) -> dict:
        """Route, render and enqueue one message; {"message_id", "deliveries": [ids]}.
        `template`: a published template's key, or a template body (a test or preview);
        `only`: send on this channel alone (a channel's test)."""
        if conn is None:
            with self.rt.transaction() as c:
                return self.send(app, template, recipients=recipients, form=form, record=record, urgency=urgency,
                                 data=data, dedupe=dedupe, conn=c, actor=actor, cause=cause, only=only)
        body = self.template(app, template, conn) if isinstance(template, str) else template
        event = body.get("id") or "message"
        urgency = urgency or body.get("urgency") or "medium"
        if urgency not in URGENCIES:
            raise BadRequest(f"紧急程度应为 {'/'.join(URGENCIES)} 之一", f"urgency is one of {', '.join(URGENCIES)}",
                             code="malformed", details={"field": "urgency"})
        form = form or body.get("form")
        model = self.rt.form(app, form) if form else None
        routing = self.routing(app, conn)
        rule = dict(routing["urgencies"][urgency])
        if only:
            rule.update(mode="first", channels=[only], fallback=False, daily_cap=None, dedupe_hours=None,
                        quiet_hours=None)
        zone = routing.get("timezone") or self.rt.timezone
        now = self.rt.clock.now().replace(microsecond=0)
        contexts: dict[str, dict] = {}

        def context(lang: str) -> dict:
            if lang not in contexts:
                contexts[lang] = record_context(self.rt, app, form, record, lang)
            return contexts[lang]

        base = context("zh")
        people = resolve(conn, app, recipients, form=model, form_id=form, raw=base["raw"], shown=base["record"],
                         contacts=routing.get("contacts"), preference_map=routing.get("preference_map"))
        channels = self.enabled_channels(conn, app)
        message_id = conn.execute(M.insert().values(
            app=app, event=event, urgency=urgency, form=form, record=record, data=data, cause=cause,
            created_at=now, created_by=getattr(actor, "id", None))).inserted_primary_key[0]
        link = link_of(routing.get("link_base", ""), app, form, record)
        dedupe = dedupe or f"{event}:{form or ''}:{record if record is not None else ''}"
        settings = user_prefs.of_users(conn, [p["user_id"] for p in people])
        rows = []
        for person in people:
            for planned in plan(conn, rule=rule, urgency=urgency, recipient=person, channels=channels,
                                prefs=settings.get(person["user_id"]), event=event, dedupe=dedupe, now=now, zone=zone):
                ctx = {**context(person["lang"]), "recipient": self._shown(person), "app": app, "link": link,
                       "now": now, "data": data or {}}
                texts = render_texts(body, planned["channel"], person["lang"], ctx)
                kind = channels.get(planned["channel"])
                rows.append({"message_id": message_id, "key": f"{message_id}:{person['key']}:{planned['channel']}",
                             "app": app, "event": event, "channel": planned["channel"],
                             "channel_type": kind.type if kind else None, "urgency": urgency,
                             "recipient_key": person["key"], "recipient": person, "to": planned["to"],
                             "subject": texts["subject"], "body": texts["text"], "html": texts["html"], "link": link,
                             "fallbacks": planned["fallbacks"], "dedupe": dedupe, "state": planned["state"],
                             "note": planned["note"], "attempts": 0, "form": form, "record": record,
                             "run_at": planned["run_at"], "created_at": now})
        ids = self.delivering.enqueue(conn, rows, cause)
        if urgency == "high" and routing["urgencies"]["high"].get("task") and record is not None and not only:
            self._task(conn, app, routing["urgencies"]["high"]["task"],
                       {**base, "app": app, "link": link, "now": now, "data": data or {}})
        return {"message_id": message_id, "deliveries": ids}

    @staticmethod
    def _shown(person: dict) -> dict:
        c = person.get("contacts") or {}
        return {"name": person.get("name"), "email": c.get("email"), "mobile": c.get("mobile"),
                "user_id": person.get("user_id")}

    def _task(self, conn, app: str, task: dict, ctx: dict) -> None:
        """The record high urgency creates (e.g. a call task for the account manager)."""
        values = {}
        for field, text in task["values"].items():
            value = render(text, ctx) if isinstance(text, str) else text
            values[field] = int(value) if isinstance(value, str) and re.fullmatch(r"-?\d{1,15}", value) else value
            if values[field] == "":
                values[field] = None
        self.rt.records(app, task["form"], SYSTEM).create(values, conn=conn)

    # -- a channel's test -------------------------------------------------------------------
    def test(self, app: str, name: str, actor, to: str | None = None) -> dict:
        """Send a test message on channel `name` to `to` (else the caller) now; the delivery."""
        with self.rt.engine.connect() as c:
            self.channels.row(c, app, name)
        spec = {"address": to, "channel": name} if to else {"user": actor.id}
        template = {"id": "channel_test", "urgency": "high",
                    "subject": {"zh": "Trellis 测试消息", "en": "Trellis test message"},
                    "body": {"zh": "这是渠道 {{ data.channel }} 的测试消息,发送给 {{ recipient.name }}。",
                             "en": "A test message of channel {{ data.channel }} for {{ recipient.name }}."}}
        out = self.send(app, template, recipients=[spec], data={"channel": name}, actor=actor, only=name)
        for delivery_id in out["deliveries"]:
            self.delivering.deliver(delivery_id, final=True)
        with self.rt.engine.connect() as c:
            row = c.execute(sa.select(D.c.id).where(D.c.message_id == out["message_id"])).scalar()
        return {"message_id": out["message_id"], "delivery_id": row}
