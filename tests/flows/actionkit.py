"""Helpers of the action node tests: the demo app with a follow-up form, users and a
sales rep role (their own clients only, the manager field read-only), a message template,
and readers of records, audit causes and messages."""
from __future__ import annotations

import copy

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from flowkit import START
from samples import APP, BROKER, CLIENT, DEAL, install
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.security.roles import fab_role_name
from trellis.storage import models

FOLLOW_UP = {
    "schema_version": 1, "id": "follow_up", "label": {"zh": "回访记录", "en": "Follow-up"}, "title_field": "summary",
    "fields": [
        {"id": "client", "type": "relation", "label": {"zh": "客户", "en": "Client"}, "target": "client",
         "on_delete": "cascade", "required": True},
        {"id": "at", "type": "datetime", "label": {"zh": "回访时间", "en": "At"}, "required": True},
        {"id": "by", "type": "user", "label": {"zh": "回访人", "en": "By"}, "indexed": True},
        {"id": "method", "type": "single_select", "label": {"zh": "回访方式", "en": "Method"}, "required": True,
         "options": [{"value": v, "label": {"zh": v, "en": v}} for v in ("phone", "wechat", "visit", "sms")]},
        {"id": "purpose", "type": "single_select", "label": {"zh": "回访目的", "en": "Purpose"}, "required": True,
         "options": [{"value": v, "label": {"zh": v, "en": v}}
                     for v in ("onboarding", "risk", "reactivation", "complaint", "routine")]},
        {"id": "summary", "type": "long_text", "label": {"zh": "回访纪要", "en": "Summary"}, "required": True},
    ],
}
REP = {"schema_version": 1, "id": "rep", "label": {"zh": "销售", "en": "Sales rep"},
       "forms": {"client": {"actions": ["read", "create", "update"], "fields": {"manager": "readonly"},
                            "scope": {"==": [{"var": "manager"}, {"var": "$user.id"}]}},
                 "deal": {"actions": ["read", "create", "update"]}}}
TEMPLATE = {"schema_version": 1, "id": "margin_call", "label": {"zh": "保证金预警", "en": "Margin call"},
            "form": "client", "urgency": "medium", "subject": {"zh": "保证金预警", "en": "Margin call"},
            "body": {"zh": "{{ record.name }}:{{ data.ratio }}", "en": "{{ record.name }}: {{ data.ratio }}"}}


def make(engine, start=START) -> Runtime:
    """The demo app (broker, client, deal, follow_up), the rep role, the template, and
    users ann, bob, cat (reps) and dan (no role)."""
    rt = Runtime(engine, ttl=0, secret="test-instance-secret", clock=SimulatedClock(start))
    install(rt, BROKER, CLIENT, DEAL, FOLLOW_UP, app=dict(APP, forms=APP["forms"] + ["follow_up"]))
    rt.store.save_draft("demo", "role", "rep", copy.deepcopy(REP))
    rt.publish("demo", "role", "rep")
    rt.store.save_draft("demo", "template", "margin_call", copy.deepcopy(TEMPLATE))
    rt.publish("demo", "template", "margin_call")
    rt.people = add_users(rt, ["ann", "bob", "cat"], ["dan"])
    return rt


def add_users(rt, reps: list[str], others: list[str]) -> dict[str, int]:
    fab_models.User.metadata.create_all(rt.engine)
    users, roles, link = fab_models.User.__table__, fab_models.Role.__table__, fab_models.assoc_user_role
    out = {}
    with rt.engine.begin() as conn:
        role_id = conn.execute(roles.insert().values(name=fab_role_name("demo", "rep")).returning(roles.c.id)).scalar_one()
        for login in reps + others:
            uid = conn.execute(users.insert().values(username=login, first_name=login.title(), last_name="",
                                                     email=f"{login}@example.com", active=True, password="x")
                               .returning(users.c.id)).scalar_one()
            out[login] = uid
            if login in reps:
                conn.execute(link.insert().values(user_id=uid, role_id=role_id))
    rt.directory._users = None
    return out


def records(rt, form: str, **where) -> list[dict]:
    items = rt.records("demo", form, SYSTEM).list(limit=1000, sort="id", count="none")["items"]
    return [r for r in items if all(r.get(k) == v for k, v in where.items())]


def causes(rt, form: str, record_id: int) -> list:
    a = models.audit
    with rt.engine.connect() as conn:
        return [r[0] for r in conn.execute(sa.select(a.c.cause).where(
            a.c.app == "demo", a.c.target == form, a.c.record_id == record_id).order_by(a.c.id))]


def messages(rt) -> list[dict]:
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(models.message).order_by(models.message.c.id)).mappings()]


def deliveries(rt) -> list[dict]:
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(models.delivery).order_by(models.delivery.c.id)).mappings()]
