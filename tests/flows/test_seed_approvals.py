"""The futures CRM's people flows end to end over its seeded data, on working time:

- 工单: intake by an account manager → routing by category (出金延迟 → 财务 handles) →
  closed → the satisfaction survey to the client on their preferred channel → the answer
  (through the survey webhook) stored in `survey`, linked to the ticket and the client;
  交易权限申请 with a client below the product's risk level is sent back with the reason,
  and one that matches goes to risk/compliance;
- 开户审核: a prospect an account manager enters and submits goes 材料审核 → 适当性评估 → 开户确认 in
  turn (a return sends it back to the account manager);
- 高风险事件处理: the risk alert's ticket → the account manager's call notes → risk review;
- 大额出金审批: a withdrawal over 500,000 → branch head and finance both sign."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from flowkit import run_jobs
from trellis.imports.batches import actor_for
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.provision.seed import seed_app
from trellis.runtime import Runtime
from trellis.storage import migrate, models
from trellis.storage.database import make_engine

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
APP = "futures_crm"
T0 = datetime(2026, 7, 1, 2, 0)  # Wednesday 10:00 in Shanghai


@pytest.fixture(scope="module")
def rt(tmp_path_factory):
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('seedapprovals') / 'crm.db'}")
    migrate.upgrade(eng)
    fab_models.User.metadata.create_all(eng)
    rt = Runtime(eng, ttl=0, secret="seed-approvals-secret", clock=SimulatedClock(T0))
    seed_app(rt, str(SEEDS), APP, 60, progress=lambda *a: None, chunk=500)
    run_jobs(rt, until=T0)
    return rt


def who(rt, username: str):
    with rt.engine.connect() as conn:
        uid = conn.execute(sa.select(fab_models.User.__table__.c.id)
                           .where(fab_models.User.__table__.c.username == username)).scalar_one()
        return actor_for(conn, uid, username)


def a_client(rt, am: str = "am0001", **where) -> dict:
    items = rt.records(APP, "client", who(rt, am)).list(limit=200, count="none")["items"]
    return next(c for c in items if all(c.get(k) == v for k, v in where.items()))


def my_task(rt, username: str, flow: str) -> dict:
    me = who(rt, username)
    items = [i for i in rt.flows.inbox.listing(me.id, "pending")["items"] if i["flow"] == flow]
    assert items, f"{username} has no pending task of {flow}"
    return items[0]


def act(rt, username: str, flow: str, action: str, **body) -> None:
    task = my_task(rt, username, flow)
    rt.flows.people.act(task["id"], action, who(rt, username), body)
    run_jobs(rt, until=rt.clock.now())


def ticket(rt, **values) -> dict:
    out = rt.records(APP, "ticket", who(rt, "am0001")).create({"channel": "wechat", "priority": "medium",
                                                               "opened_at": "2026-07-01T10:00:00", **values})
    run_jobs(rt, until=rt.clock.now())
    return rt.records(APP, "ticket", SYSTEM).get(out["id"])


def test_a_withdrawal_delay_ticket_goes_to_finance_then_the_survey_comes_back(rt):
    client = a_client(rt)
    t = ticket(rt, subject="出金两天未到账", client=client["id"], category="withdrawal_delay")
    assert t["status"] == "in_progress"
    task = my_task(rt, "fin01", "ticket_routing")
    assert task["due_at"] and task["minutes_left"] == 4 * 60 and "handle" in task["actions"]
    seen = rt.flows.inbox.task_detail(rt.flows.people.__class__ and _task_row(rt, task["id"]), who(rt, "fin01"))
    assert seen["record"]["subject"] == "出金两天未到账" and seen["fields"]["resolution"] == "editable"
    act(rt, "fin01", "ticket_routing", "handle", values={"resolution": "银行退汇,已重新划款"}, comment="已处理")
    t = rt.records(APP, "ticket", SYSTEM).get(t["id"])
    assert t["status"] == "closed" and t["resolution"] == "银行退汇,已重新划款" and t["resolved_at"]
    with rt.engine.connect() as conn:
        sent = conn.execute(sa.select(models.delivery.c.channel, models.delivery.c.body)
                            .where(models.delivery.c.record == client["id"], models.delivery.c.event == "survey_invite")
                            ).all()
    assert len(sent) == 1 and "出金两天未到账" in sent[0].body
    flow = rt.flows.catalog.get(APP, "survey_answer")
    run = flow.trigger.receive(rt.flows, flow, {"ticket": t["id"], "nps": 9, "csat": 5, "comment": "很快", "channel": "wechat"},
                               "answer-1")
    run_jobs(rt, until=rt.clock.now())
    assert run
    surveys = [s for s in rt.records(APP, "survey", SYSTEM).list(limit=500, count="none")["items"] if s.get("ticket") == t["id"]]
    assert [(s["client"], s["nps"], s["trigger"]) for s in surveys] == [(client["id"], 9, "ticket_close")]


def _task_row(rt, task_id: int) -> dict:
    from trellis.flows import task_store

    with rt.engine.connect() as conn:
        return task_store.get(conn, task_id)


def test_a_permission_request_below_the_clients_risk_level_is_sent_back_with_the_reason(rt):
    client = a_client(rt, risk_level="C2")
    t = ticket(rt, subject="申请开通期权权限", client=client["id"], category="permission", product_risk="R4")
    assert t["status"] == "pending_client" and "C2" in t["resolution"] and "R4" in t["resolution"]
    ok = ticket(rt, subject="申请开通商品期货", client=client["id"], category="permission", product_risk="R2")
    act(rt, "risk01", "ticket_routing", "approve", comment="适当性匹配")
    assert rt.records(APP, "ticket", SYSTEM).get(ok["id"])["status"] == "closed"


def test_account_opening_goes_through_three_reviews_in_turn_and_can_be_returned(rt):
    svc = rt.records(APP, "client", who(rt, "am0001"))
    values = {"name": "待开户客户", "mobile": "13900000101", "id_type": "id_card", "id_number": "110105199001010101",
              "client_type": "individual", "risk_level": "C3", "status": "prospect", "opened_at": "2026-07-01"}
    rec = svc.create(values)
    run_jobs(rt, until=rt.clock.now())
    assert svc.get(rec["id"]).get("opening_status") is None          # saved, not yet submitted
    rt.flows.status.submit(APP, "client", rec["id"], who(rt, "am0001"))  # 提交审批
    run_jobs(rt, until=rt.clock.now())
    assert svc.get(rec["id"])["opening_status"] == "pending"
    act(rt, "cs01", "account_opening", "approve")
    act(rt, "risk01", "account_opening", "return", to="start", comment="请补充风险测评问卷")
    assert svc.get(rec["id"])["opening_status"] == "returned"
    rt.flows.status.submit(APP, "client", rec["id"], who(rt, "am0001"))
    run_jobs(rt, until=rt.clock.now())
    act(rt, "cs01", "account_opening", "approve")
    act(rt, "risk01", "account_opening", "approve")
    head = rt.flows.inbox.listing(who(rt, "bh_sh").id, "pending")["items"]
    assert [i["flow"] for i in head if i["record"] == rec["id"]] == ["account_opening"]
    act(rt, "bh_sh", "account_opening", "approve")
    done = svc.get(rec["id"])
    assert done["opening_status"] == "approved" and done["status"] == "active"


def test_a_high_risk_event_ticket_gets_the_call_notes_then_a_risk_review(rt):
    client = a_client(rt)
    rt.records(APP, "pnl_event", SYSTEM).create({"client": client["id"], "occurred_on": "2026-07-01", "kind": "drawdown",
                                                  "drawdown": 0.3, "product": "rb", "amount": -300000})
    run_jobs(rt, until=rt.clock.now())
    act(rt, "am0001", "risk_event_ticket", "handle", values={"resolution": "已电话沟通,客户情绪稳定,减仓一半"})
    act(rt, "risk01", "risk_event_ticket", "approve")
    tickets = [t for t in rt.records(APP, "ticket", SYSTEM).list(limit=500, count="none")["items"]
               if t.get("client") == client["id"] and t.get("category") == "risk_event"]
    assert tickets and tickets[-1]["status"] == "closed" and "减仓" in tickets[-1]["resolution"]


def test_a_large_withdrawal_needs_the_branch_head_and_finance(rt):
    client = a_client(rt)
    svc = rt.records(APP, "deposit", who(rt, "fin01"))
    small = svc.create({"client": client["id"], "direction": "out", "amount": "20000", "occurred_at": "2026-07-01T10:00:00",
                        "bank": "icbc", "status": "processing"})
    big = svc.create({"client": client["id"], "direction": "out", "amount": "800000", "occurred_at": "2026-07-01T10:00:00",
                      "bank": "icbc", "status": "processing"})
    run_jobs(rt, until=rt.clock.now())
    assert svc.get(small["id"]).get("approval_status") is None and svc.get(big["id"])["approval_status"] == "pending"
    act(rt, "bh_sh", "large_withdrawal", "approve")
    assert svc.get(big["id"])["approval_status"] == "pending"
    act(rt, "fin01", "large_withdrawal", "approve", comment="资金核对无误")
    done = svc.get(big["id"])
    assert done["approval_status"] == "approved" and done["status"] == "processing"
