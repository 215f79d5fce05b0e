"""Time limits of human steps on working time, both databases: a task opened the afternoon
before 国庆 is due after the holiday (8 working hours: 3 that day, 5 on the first working
day after it), reminded 2 working hours before, and acted on when overdue as configured."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from approvalkit import approval_flow, make, pending, publish, run_jobs, status, submit, tasks
from trellis.flows.calendar import to_local

ZONE = "Asia/Shanghai"


def wall(*args) -> datetime:
    return to_local(datetime(*args), ZONE)


@pytest.fixture
def rt(engine):
    return make(engine, start=wall(2026, 9, 30, 15, 0))


def sla_flow(key: str, **sla) -> dict:
    return approval_flow(key, [{"id": "manager", "type": "approval", "approvers": [{"type": "manager"}],
                                "sla": {"amount": 8, "unit": "working_hours",
                                        "remind_before": {"amount": 2, "unit": "working_hours"}, **sla}}])


def test_due_after_the_national_day_holiday_and_approved_when_overdue(rt):
    publish(rt, sla_flow("expense_sla", on_overdue="approve"))
    rec = submit(rt)
    [task] = pending(rt, "bob")
    assert task["due_at"] == wall(2026, 10, 8, 15, 0)       # not during the 1–7 October holiday
    assert task["remind_at"] == wall(2026, 10, 8, 13, 0)    # 2 working hours before, the lunch hour skipped
    detail = rt.flows.inbox.listing(rt.people["bob"], "pending")["items"][0]
    assert detail["minutes_left"] == 8 * 60 and detail["overdue"] is False
    run_jobs(rt, until=wall(2026, 10, 8, 13, 30))
    assert tasks(rt)[0]["sla_state"] == "reminded" and status(rt, rec["id"]) == "pending"
    run_jobs(rt, until=wall(2026, 10, 8, 15, 1))
    assert status(rt, rec["id"]) == "approved"
    [done] = tasks(rt)
    assert done["state"] == "approved" and done["sla_state"] == "overdue" and "超时" in done["comment"]


def test_overdue_transfers_to_the_configured_person(rt):
    publish(rt, sla_flow("expense_sla_tr", on_overdue="transfer", transfer_to={"type": "user", "user": "fay"}))
    submit(rt)
    run_jobs(rt, until=wall(2026, 10, 8, 15, 1))
    assert not pending(rt, "bob") and pending(rt, "fay")
    [fay] = pending(rt, "fay")
    assert fay["due_at"] == wall(2026, 10, 8, 15, 0)        # the step's limit stays


def test_acted_in_time_leaves_the_timers_idle(rt):
    publish(rt, sla_flow("expense_sla_ok", on_overdue="reject"))
    rec = submit(rt)
    [task] = pending(rt, "bob")
    rt.flows.people.act(task["id"], "approve", _bob(rt), {})
    run_jobs(rt, days=30)
    assert status(rt, rec["id"]) == "approved" and tasks(rt)[0]["sla_state"] is None


def _bob(rt):
    from approvalkit import user

    return user(rt, "bob")


def test_countdown_goes_negative_once_overdue(rt):
    publish(rt, sla_flow("expense_sla_cd", on_overdue="notify_supervisor"))
    submit(rt)
    rt.clock.set(wall(2026, 10, 9, 9, 0) + timedelta(minutes=30))
    item = rt.flows.inbox.listing(rt.people["bob"], "pending")["items"][0]
    assert item["overdue"] is True and item["minutes_left"] < 0
