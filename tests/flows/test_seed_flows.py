"""The futures CRM's seed flows, end to end over its seeded data with time simulated over
six weeks: every message, task and ticket they should produce (worked out here from the
data with plain SQL and Python) and none more.

- 新客户引导: three new clients: welcome mails; the deposit guide SMS to the two without a
  deposit after 3 days; a callback task for the two that deposit;
- 风险预警: margin usage over 80% (the seeded clients past it, and a client crossing,
  falling back and crossing again) -> the high-urgency margin call; a day's drawdown
  over 20% -> a high-risk ticket for the client's account manager;
- 客户激活: every client whose last trade grows 30 days old: week 1 highlights, week 2
  ideas, week 3 a callback task, as far as the six weeks reach;
- 流失风险挽留: status -> at risk: a retention task and a care SMS;
- 内容推送: new research -> each matching client once (products, risk level, stage).
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from flowkit import run_jobs
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.provision.seed import seed_app
from trellis.runtime import Runtime
from trellis.storage.database import make_engine
from trellis.storage import migrate
from trellis.storage.models import flow_run, message

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
APP = "futures_crm"
T0 = datetime(2026, 6, 30, 18, 0)  # the seed's history ends 2026-06-30; 02:00 in Shanghai
DAYS = 42


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    eng = make_engine(f"sqlite:///{tmp_path_factory.mktemp('seedflows') / 'crm.db'}")
    migrate.upgrade(eng)
    fab_models.User.metadata.create_all(eng)
    rt = Runtime(eng, ttl=0, secret="seed-flows-secret", clock=SimulatedClock(T0))
    seed_app(rt, str(SEEDS), APP, 80, progress=lambda *a: None, chunk=500)
    with eng.connect() as conn:
        before = {"tasks": conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM futures_crm__follow_up").scalar(),
                  "tickets": conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM futures_crm__ticket").scalar()}
        clients = [dict(r) for r in conn.exec_driver_sql(
            "SELECT id, status, margin_ratio, account_manager, risk_level, lifecycle_stage, preferred_products "
            "FROM futures_crm__client WHERE deleted_at IS NULL").mappings()]
    story = _play(rt, clients)
    return rt, before, clients, story


def _at(rt, days: float) -> None:
    run_jobs(rt, until=T0 + timedelta(days=days))


def _play(rt, clients: list[dict]) -> dict:
    svc = lambda form: rt.records(APP, form, SYSTEM)  # noqa: E731
    _at(rt, 1 / 24)
    managers = [c["account_manager"] for c in clients if c["account_manager"]]
    new = [svc("client").create({"name": n, "mobile": m, "email": f"{m}@example.com", "opened_at": "2026-07-01",
                                 "status": "active", "account_manager": managers[0], "id_type": "id_card",
                                 "id_number": f"11010519900101{i:03d}X"[:18], "client_type": "individual",
                                 "risk_level": "C3"})
           for i, (n, m) in enumerate((("新客甲", "13900000001"), ("新客乙", "13900000002"), ("新客丙", "13900000003")))]
    calm = next(c for c in clients if (c["margin_ratio"] or 0) < 0.5 and c["status"] == "active")
    svc("client").update(calm["id"], {"margin_ratio": 0.85})
    loser = clients[3]
    svc("pnl_event").create({"client": loser["id"], "occurred_on": "2026-07-01", "kind": "drawdown",
                             "drawdown": 0.25, "product": "rb", "amount": -250000})
    svc("pnl_event").create({"client": loser["id"], "occurred_on": "2026-07-01", "kind": "drawdown", "drawdown": 0.1, "amount": -80000})
    svc("pnl_event").create({"client": loser["id"], "occurred_on": "2026-07-01", "kind": "big_loss", "drawdown": 0.3, "amount": -300000})
    svc("content").create({"title": "螺纹与铜的季度展望", "kind": "research", "products": ["rb", "cu"],
                           "risk_levels": ["C3", "C4"], "published_at": "2026-07-01T09:00:00"})
    svc("content").create({"title": "软件操作指引", "kind": "guide", "products": ["rb"]})  # not pushed
    _at(rt, 1.2)
    svc("client").update(new[0]["id"], {"first_deposit_date": "2026-07-02"})
    _at(rt, 2.2)
    svc("client").update(calm["id"], {"margin_ratio": 0.9})   # still past the line: no second alert
    svc("client").update(calm["id"], {"margin_ratio": 0.7})   # falls back: re-armed
    _at(rt, 4.2)
    svc("client").update(calm["id"], {"margin_ratio": 0.95})  # crosses again
    _at(rt, 5.2)
    svc("client").update(new[1]["id"], {"first_deposit_date": "2026-07-06"})
    _at(rt, 10)
    churned = [c for c in clients if c["status"] == "active" and c["id"] != calm["id"]][:2]
    for c in churned:
        svc("client").update(c["id"], {"status": "at_risk"})
    _at(rt, DAYS)
    return {"new": new, "calm": calm, "loser": loser, "churned": churned}


def _messages(rt, event: str) -> list[int]:
    with rt.engine.connect() as conn:
        return sorted(conn.execute(sa.select(message.c.record).where(message.c.app == APP, message.c.event == event))
                      .scalars())


def _tasks(rt, before: dict) -> list[dict]:
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.exec_driver_sql(
            "SELECT client, by, purpose, summary FROM futures_crm__follow_up WHERE id > ?", (before["tasks"],))
            .mappings()]


def test_onboarding_welcome_deposit_guide_and_callbacks(world):
    rt, before, _clients, story = world
    a, b, c = (r["id"] for r in story["new"])
    assert _messages(rt, "welcome") == sorted([a, b, c])
    assert _messages(rt, "deposit_guide") == sorted([b, c])
    onboarding = [t for t in _tasks(rt, before) if t["purpose"] == "onboarding"]
    assert sorted(t["client"] for t in onboarding) == sorted([a, b])
    with rt.engine.connect() as conn:
        states = dict(conn.execute(sa.select(flow_run.c.record_id, flow_run.c.state)
                                   .where(flow_run.c.flow == "onboarding")).tuples().all())
    assert states == {a: "done", b: "done", c: "done"}  # c's wait for a deposit timed out after 33 days


def test_risk_alerts_once_per_crossing_and_the_drawdown_ticket(world):
    rt, before, clients, story = world
    over = [c["id"] for c in clients if (c["margin_ratio"] or 0) > 0.8]
    calm = story["calm"]["id"]
    assert _messages(rt, "margin_call") == sorted(over + [calm, calm])
    with rt.engine.connect() as conn:
        tickets = [dict(r) for r in conn.exec_driver_sql(
            "SELECT client, assignee, category, priority FROM futures_crm__ticket WHERE id > ?", (before["tickets"],))
            .mappings()]
    loser = story["loser"]
    assert tickets == [{"client": loser["id"], "assignee": loser["account_manager"], "category": "risk_event",
                        "priority": "high"}]


def test_churn_risk_gives_a_retention_task_and_a_care_sms(world):
    rt, before, _clients, story = world
    churned = sorted(c["id"] for c in story["churned"])
    assert _messages(rt, "care") == churned
    retention = [t for t in _tasks(rt, before) if (t["summary"] or "").startswith("流失风险挽留")]
    assert sorted(t["client"] for t in retention) == churned
    assert all(t["by"] == next(c["account_manager"] for c in story["churned"] if c["id"] == t["client"])
               for t in retention)


def test_content_goes_once_to_each_matching_client(world):
    rt, _before, clients, _story = world
    expected = sorted(c["id"] for c in clients if c["status"] in ("active", "dormant")
                      and c["risk_level"] in ("C3", "C4")
                      and set(json.loads(c["preferred_products"] or "[]")) & {"rb", "cu"})
    assert expected, "the seed has matching clients"
    assert _messages(rt, "research_digest") == expected


def test_reactivation_follows_each_silent_client_as_far_as_six_weeks_reach(world):
    rt, before, clients, story = world
    end = T0 + timedelta(days=DAYS)
    today_sh = (end + timedelta(hours=8)).date()
    with rt.engine.connect() as conn:
        last = dict(conn.exec_driver_sql("SELECT client, max(trade_date) FROM futures_crm__trade_day "
                                         "WHERE deleted_at IS NULL GROUP BY client").all())
        runs = {r: s for r, s in conn.execute(sa.select(flow_run.c.record_id, flow_run.c.started_at)
                                              .where(flow_run.c.flow == "activation")).tuples()}
    churned = {c["id"] for c in story["churned"]}
    expected = sorted(c["id"] for c in clients if c["status"] in ("active", "dormant") and c["id"] in last
                      and (c["id"] not in churned or _day(last[c["id"]]) + timedelta(days=30) <= date(2026, 7, 10))
                      and _day(last[c["id"]]) + timedelta(days=30) <= today_sh)
    assert sorted(runs) == expected
    assert _messages(rt, "market_highlights") == expected
    assert _messages(rt, "product_ideas") == sorted(r for r, s in runs.items() if s + timedelta(days=7) <= end)
    callbacks = [t for t in _tasks(rt, before) if (t["summary"] or "").startswith("激活关怀回访")]
    assert sorted(t["client"] for t in callbacks) == sorted(r for r, s in runs.items() if s + timedelta(days=14) <= end)


def test_nothing_else_was_sent(world):
    rt, _before, _clients, _story = world
    with rt.engine.connect() as conn:
        events = set(conn.execute(sa.select(message.c.event).where(message.c.app == APP)).scalars())
    # flow_task: the high-risk ticket's call task, to its handler; dashboard_delivery: the
    # service quality dashboard, to management on Mondays
    assert events <= {"welcome", "deposit_guide", "margin_call", "market_highlights", "product_ideas", "care",
                      "research_digest", "flow_task", "dashboard_delivery"}


def _day(value) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) else date.fromisoformat(str(value)[:10])
