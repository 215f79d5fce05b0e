"""`runtime.notify`: the one way anything sends a message. `send` resolves the recipients,
routes each by urgency (routing.py), renders the template per recipient and channel
(rendering.py) and writes, in the caller's transaction, the message, one delivery row per
recipient and channel, and a `notify.deliver` job per delivery (its key is the delivery's
idempotency key). Delivering, retrying and falling back happen in the job (delivery.py).
A high-urgency message also creates the routing's call task record, once per message."""
from __future__ import annotations

import re
import time

import sqlalchemy as sa

from ..kernel.actor import SYSTEM
from ..kernel.errors import BadRequest, Conflict, NotFound
from ..kernel.templating import render
from ..storage import models
from . import prefs as user_prefs
from .channel_store import ChannelStore
from .delivery import Delivering
from .recipients import resolve
from .rendering import fields_used, link_of, record_contexts, render_texts
from .template_kind import texts_of
from .routing import DEFAULT, address_kind, plan, signals

M, D = models.message, models.delivery
URGENCIES = ("high", "medium", "low")
JOB = "notify.deliver"


class Notify:
    def __init__(self, runtime, secret):
        self.rt = runtime
        self.channels = ChannelStore(runtime.registries.channels, secret, changed=self.forget_channels)
        self.delivering = Delivering(self)
        self._channels: dict[str, tuple[float, dict]] = {}  # app -> (when read, its configured channels)

    # -- definitions ------------------------------------------------------------------------
    def routing(self, app: str) -> dict:
        return self.rt.published.body(app, "routing", "default") or DEFAULT

    def base(self, routing: dict) -> str:
        """What links back to records start with: the routing's `link_base`, else the
        instance's TRELLIS_BASE_URL (empty: links are paths)."""
        return routing.get("link_base") or self.rt.base_url or ""

    def template(self, app: str, key: str) -> dict:
        found = self.rt.published.body(app, "template", key)
        if not found:
            raise NotFound(f"消息模板 {key} 不存在或未发布", f"message template {key} does not exist or is not published",
                           code="template_not_found", details={"field": "template"})
        return found

    def configured(self, conn, app: str) -> dict:
        """{name: (row, channel type class or None when not installed, configuration or the
        Conflict saying it cannot be read)} of the app's channels, kept for the runtime's TTL
        (a save or delete in this process drops it): what routing and delivery both read."""
        now = time.monotonic()
        found = self._channels.get(app)
        if found is None or now - found[0] > self.rt.ttl:
            if conn is None:
                with self.rt.engine.connect() as c:
                    return self.configured(c, app)
            reg, out = self.rt.registries.channels, {}
            for r in self.channels.rows(conn, app):
                try:
                    config = self.channels.config(r)
                except Conflict as e:  # the instance secret changed: the channel page says so
                    config = e
                out[r["name"]] = (r, reg.get(r["type"]) if r["type"] in reg else None, config)
            found = (now, out)
            self._channels[app] = found
        return found[1]

    def enabled_channels(self, conn, app: str) -> dict:
        """{name: (channel type class, the contact it sends to)} of the app's enabled
        channels whose type is installed and whose configuration can be read."""
        return {name: (kind, address_kind(name, kind, config))
                for name, (row, kind, config) in self.configured(conn, app).items()
                if row["enabled"] and kind is not None and not isinstance(config, Conflict)}

    def forget_channels(self) -> None:
        self._channels.clear()

    # -- sending ----------------------------------------------------------------------------
    def send(self, app: str, template: str | dict, *, recipients, form: str | None = None, record=None,
             urgency: str | None = None, data: dict | None = None, dedupe: str | None = None, conn=None,
             actor=None, cause=None, only: str | None = None, queue: bool = True) -> dict:
        """Route, render and enqueue one message; {"message_id", "deliveries": [ids]}.
        `template`: a published template's key, or a template body (a test or preview);
        `only`: send on this channel alone; `queue`: False when the caller delivers at once
        (a channel's test: no job that a worker could run beside it)."""
        return self.send_many(app, template, [{"record": record, "data": data, "dedupe": dedupe}],
                              recipients=recipients, form=form, urgency=urgency, conn=conn, actor=actor,
                              cause=cause, only=only, queue=queue)[0]

    def send_many(self, app: str, template: str | dict, items: list[dict], *, recipients, form: str | None = None,
                  urgency: str | None = None, conn=None, actor=None, cause=None, only: str | None = None,
                  queue: bool = True) -> list[dict]:
        """One message per item ({"record", "data", "dedupe"}) to `recipients` (specs, see
        recipients.py, resolved against each item's record), in one transaction: the way a
        flow sends to a segment. [{"message_id", "deliveries": [ids]}] in item order."""
        if conn is None:
            with self.rt.transaction() as c:
                return self.send_many(app, template, items, recipients=recipients, form=form, urgency=urgency,
                                      conn=c, actor=actor, cause=cause, only=only, queue=queue)
        body = self.template(app, template) if isinstance(template, str) else template
        event = body.get("id") or "message"
        urgency = urgency or body.get("urgency") or "medium"
        if urgency not in URGENCIES:
            raise BadRequest(f"紧急程度应为 {'/'.join(URGENCIES)} 之一", f"urgency is one of {', '.join(URGENCIES)}",
                             code="malformed", details={"field": "urgency"})
        form = form or body.get("form")
        model = self.rt.form(app, form) if form else None
        routing = self.routing(app)
        rule = dict(routing["urgencies"][urgency])
        if only:
            rule.update(mode="first", channels=[only], fallback=False, daily_cap=None, dedupe_hours=None,
                        quiet_hours=None)
        zone = routing.get("timezone") or self.rt.timezone
        now = self.rt.clock.now().replace(microsecond=0)
        records = [it.get("record") for it in items]
        needed = self._needed(model, body, routing, recipients, urgency == "high" and not only)
        contexts = {"zh": record_contexts(self.rt, app, form, records, "zh", conn, needed)}
        cache: dict = {}
        people = []
        for it in items:
            base = contexts["zh"].get(int(it["record"])) if it.get("record") is not None else None
            base = base or {"record": {}, "raw": {}, "related": {}}
            people.append(resolve(conn, app, recipients, form=model, form_id=form, raw=base["raw"],
                                  shown=base["record"], contacts=routing.get("contacts"),
                                  preference_map=routing.get("preference_map"), cache=cache))
        for lang in {p["lang"] for group in people for p in group} - {"zh"}:
            contexts[lang] = record_contexts(self.rt, app, form, records, lang, conn, needed)
        channels = self.enabled_channels(conn, app)
        everyone = {p["key"]: p for group in people for p in group}
        settings = user_prefs.of_users(conn, [p["user_id"] for p in everyone.values()])
        activity = signals(conn, everyone, now) if rule["mode"] == "most_active" else {}
        message_ids = [r.id for r in conn.execute(M.insert().returning(M.c.id, sort_by_parameter_order=True), [
            {"app": app, "event": event, "urgency": urgency, "form": form, "record": it.get("record"),
             "data": it.get("data"), "cause": cause, "created_at": now, "created_by": getattr(actor, "id", None)}
            for it in items])]
        rows, owners = [], []
        for n, (it, group, message_id) in enumerate(zip(items, people, message_ids)):
            record = it.get("record")
            link = link_of(self.base(routing), app, form, record)
            dedupe = it.get("dedupe") or f"{event}:{form or ''}:{record if record is not None else ''}"
            for person in group:
                lang = person["lang"]
                found = contexts[lang].get(int(record)) if record is not None else None
                ctx = {**(found or {"record": {}, "raw": {}, "related": {}}), "recipient": self._shown(person),
                       "app": app, "link": link, "now": now, "data": it.get("data") or {}}
                for planned in plan(conn, rule=rule, urgency=urgency, recipient=person, channels=channels,
                                    prefs=settings.get(person["user_id"]), event=event, dedupe=dedupe, now=now,
                                    zone=zone, activity=activity.get(person["key"], {})):
                    texts = render_texts(body, planned["channel"], lang, ctx)
                    kind = channels.get(planned["channel"], (None,))[0]
                    rows.append({"message_id": message_id, "key": f"{message_id}:{person['key']}:{planned['channel']}",
                                 "app": app, "event": event, "channel": planned["channel"],
                                 "channel_type": kind.type if kind else None, "urgency": urgency,
                                 "recipient_key": person["key"], "recipient": person, "to": planned["to"],
                                 "subject": texts["subject"], "body": texts["text"], "html": texts["html"],
                                 "link": link, "fallbacks": planned["fallbacks"], "dedupe": dedupe,
                                 "state": planned["state"], "note": planned["note"], "attempts": 0, "form": form,
                                 "record": record, "run_at": planned["run_at"], "created_at": now})
                    owners.append(n)
        ids = self.delivering.enqueue(conn, rows, cause, jobs=queue)
        out = [{"message_id": m, "deliveries": []} for m in message_ids]
        for n, delivery_id in zip(owners, ids):
            out[n]["deliveries"].append(delivery_id)
        task = routing["urgencies"]["high"].get("task") if urgency == "high" and not only else None
        for it in items if task else ():
            if it.get("record") is not None:
                base = contexts["zh"].get(int(it["record"])) or {"record": {}, "raw": {}, "related": {}}
                self._task(conn, app, task, {**base, "app": app, "now": now, "data": it.get("data") or {},
                                             "link": link_of(self.base(routing), app, form, it["record"])})
        return out

    @staticmethod
    def _needed(model, body: dict, routing: dict, recipients, task: bool) -> set[str] | None:
        """The record fields a send reads: those its texts (and the call task's values) name,
        the title, the contacts and the user fields recipients are taken from; None: all."""
        if model is None:
            return None
        texts = [text for _, text in texts_of(body)]
        if task and routing["urgencies"]["high"].get("task"):
            texts += [v for v in routing["urgencies"]["high"]["task"]["values"].values() if isinstance(v, str)]
        used = fields_used(texts)
        if used is None:
            return None
        used |= {model.title_field} | set((routing.get("contacts") or {}).values())
        used |= {t.id for t in model.active if t.key in ("email", "mobile")}
        for spec in recipients if isinstance(recipients, list) else ():
            if isinstance(spec, dict):
                used |= {v for k, v in spec.items() if k == "field" and isinstance(v, str)}
                used |= set((spec.get("contacts") or {}).values()) if isinstance(spec.get("contacts"), dict) else set()
        return {f for f in used if model.field(f) is not None}

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
                    "subject": {"zh": "Trellis 测试消息 / test message"},
                    "body": {"zh": "这是渠道 {{ data.channel }} 的测试消息,发送给 {{ recipient.name }}。\n"
                                   "A test message of channel {{ data.channel }} for {{ recipient.name }}."}}
        out = self.send(app, template, recipients=[spec], data={"channel": name}, actor=actor, only=name, queue=False)
        for delivery_id in out["deliveries"]:
            self.delivering.deliver(delivery_id, final=True)
        with self.rt.engine.connect() as c:
            row = c.execute(sa.select(D.c.id).where(D.c.message_id == out["message_id"])).scalar()
        return {"message_id": out["message_id"], "delivery_id": row}
