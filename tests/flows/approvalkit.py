"""Helpers of the approval tests: the demo app with an expense form (amount, reason, a
note the approver may fill, a secret field, the approver's user field and the approval
status), users in a department tree, flows saved and published, tasks read and acted on."""
from __future__ import annotations

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from actionkit import add_users
from flowkit import START, publish, run_jobs
from samples import APP, BROKER, CLIENT, DEAL, install
from trellis.kernel.actor import Actor
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.security.roles import fab_role_name
from trellis.storage import models

STATUS_OPTIONS = [{"value": v, "label": {"zh": zh, "en": v}} for v, zh in
                  (("pending", "审批中"), ("approved", "已通过"), ("rejected", "已驳回"), ("withdrawn", "已撤回"),
                   ("returned", "已退回"))]
EXPENSE = {
    "schema_version": 1, "id": "expense", "label": {"zh": "报销", "en": "Expense"}, "title_field": "reason",
    "fields": [
        {"id": "reason", "type": "text", "label": {"zh": "事由", "en": "Reason"}, "required": True},
        {"id": "amount", "type": "decimal", "label": {"zh": "金额", "en": "Amount"}},
        {"id": "note", "type": "text", "label": {"zh": "审批备注", "en": "Approver's note"}},
        {"id": "secret", "type": "text", "label": {"zh": "内部信息", "en": "Internal"}},
        {"id": "reviewer", "type": "user", "label": {"zh": "复核人", "en": "Reviewer"}},
        {"id": "status", "type": "single_select", "label": {"zh": "审批状态", "en": "Approval status"},
         "options": STATUS_OPTIONS},
    ],
}
REQUESTER = {"schema_version": 1, "id": "staff", "label": {"zh": "员工", "en": "Staff"},
             "forms": {"expense": {"actions": ["read", "create", "update"],
                                   "scope": {"==": [{"var": "created_by"}, {"var": "$user.id"}]}}}}


def make(engine, start=START, ttl: float = 0) -> Runtime:
    """Users ann (requester), bob (ann's department head), cat (head one level up),
    dan and eve (finance role `rep`), and the expense form."""
    rt = Runtime(engine, ttl=ttl, secret="test-instance-secret", clock=SimulatedClock(start))
    install(rt, BROKER, CLIENT, DEAL, EXPENSE, app=dict(APP, forms=APP["forms"] + ["expense"]))
    rt.store.save_draft("demo", "role", "staff", REQUESTER)
    rt.publish("demo", "role", "staff")
    rt.people = add_users(rt, ["dan", "eve"], ["ann", "bob", "cat", "fay"])
    d, m = models.department, models.user_department
    roles, link = fab_models.Role.__table__, fab_models.assoc_user_role
    with rt.engine.begin() as conn:
        staff = conn.execute(roles.insert().values(name=fab_role_name("demo", "staff")).returning(roles.c.id)).scalar_one()
        conn.execute(link.insert(), [{"user_id": uid, "role_id": staff} for uid in rt.people.values()])
        top = conn.execute(d.insert().values(code="hq", name="总部", manager_id=rt.people["cat"], sort=0,
                                             created_at=start).returning(d.c.id)).scalar_one()
        sales = conn.execute(d.insert().values(code="sales", name="营业部", parent_id=top, manager_id=rt.people["bob"],
                                               sort=1, created_at=start).returning(d.c.id)).scalar_one()
        conn.execute(m.insert(), [{"user_id": rt.people["ann"], "department_id": sales, "is_primary": True},
                                  {"user_id": rt.people["bob"], "department_id": sales, "is_primary": True},
                                  {"user_id": rt.people["cat"], "department_id": top, "is_primary": True}])
    return rt


def user(rt, name: str) -> Actor:
    from trellis.imports.batches import actor_for

    with rt.engine.connect() as conn:
        return actor_for(conn, rt.people[name], name)


def approval_flow(key: str, steps: list, **options) -> dict:
    body = {"schema_version": 1, "id": key, "label": {"zh": "报销审批", "en": "Expense approval"}, "form": "expense",
            "trigger": {"type": "submitted", "status_field": "status", "lock": ["amount", "reason"]},
            "steps": steps}
    body.update(options)
    return body


def submit(rt, by: str = "ann", **values) -> dict:
    values.setdefault("reason", "差旅")
    values.setdefault("amount", "1200.00")
    out = rt.records("demo", "expense", user(rt, by)).create(values)
    run_jobs(rt)
    return out


def tasks(rt, **where) -> list[dict]:
    t = models.flow_task
    stmt = sa.select(t).order_by(t.c.id)
    for k, v in where.items():
        stmt = stmt.where(t.c[k] == v)
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def pending(rt, name: str) -> list[dict]:
    return tasks(rt, assignee_id=rt.people[name], state="pending")


def act(rt, name: str, action: str, **body) -> dict:
    """`name` acts on their (only) pending task, then the jobs run."""
    [task] = pending(rt, name) if action != "read" else tasks(rt, assignee_id=rt.people[name], state="cc")
    out = rt.flows.people.act(task["id"], action, user(rt, name), body)
    run_jobs(rt)
    return out


def status(rt, record_id: int) -> str | None:
    return rt.records("demo", "expense", user(rt, "ann")).get(record_id)["status"]


__all__ = ["make", "user", "approval_flow", "submit", "tasks", "pending", "act", "status", "publish", "run_jobs"]
