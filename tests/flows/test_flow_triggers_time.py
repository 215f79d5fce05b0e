"""Time triggers on both databases with a simulated clock: a run relative to a date
field follows the field when it moves (the old job finds the value gone and does
nothing; the new value's job fires), publishing arms the records there already; a
schedule fires at its cron times on the wall clock of Asia/Shanghai and skips the days
the exchanges are closed (National Day, a make-up Saturday), one run per matching record
when the flow has a form."""
from __future__ import annotations

from datetime import datetime

from flowkit import client, flow, make_runtime, publish, run_jobs, runs
from trellis.flows.calendar import to_local, to_wall
from trellis.flows.triggers.date_relative import due_at
from trellis.kernel.actor import SYSTEM

ZONE = "Asia/Shanghai"
SET = [{"id": "s", "type": "set_variable", "name": "seen", "value": True}]


def wall(*parts) -> datetime:
    return to_local(datetime(*parts), ZONE)


def test_a_date_relative_run_follows_its_moved_date(engine):
    rt = make_runtime(engine, wall(2026, 3, 2, 9, 0))  # Monday
    before = client(rt, opened_at="2026-03-20")  # there before the publish: armed by it
    client(rt, opened_at="2026-03-02")  # two trading days before is past: nothing
    publish(rt, flow("remind", {"type": "date_relative", "field": "opened_at", "at": "10:00",
                                "offset": {"amount": -2, "unit": "trading_days"}}, SET))
    svc = rt.records("demo", "client", SYSTEM)
    c = client(rt, opened_at="2026-03-10")  # Tuesday: due Friday 03-06 10:00
    assert runs(rt, "remind") == []  # never at write time
    svc.update(c["id"], {"opened_at": "2026-03-13"})  # Friday: due Wednesday 03-11 10:00
    run_jobs(rt, until=wall(2026, 3, 10, 23, 0))
    assert runs(rt, "remind") == []  # the 03-06 job found the date moved
    run_jobs(rt, until=wall(2026, 3, 11, 9, 59))
    assert runs(rt, "remind") == []
    run_jobs(rt, until=wall(2026, 3, 11, 10, 1))
    (run,) = runs(rt, "remind")
    assert run["record_id"] == c["id"] and run["started_at"] == wall(2026, 3, 11, 10, 0)
    assert run["context"]["event"]["value"] == "2026-03-13" and run["state"] == "done"
    run_jobs(rt, until=wall(2026, 3, 20, 0, 0))
    assert [r["record_id"] for r in runs(rt, "remind")] == [c["id"], before["id"]]
    assert to_wall(runs(rt, "remind")[1]["started_at"], ZONE) == datetime(2026, 3, 18, 10, 0)


def test_due_moments_of_dates_and_date_times():
    days = {"field": "d", "offset": {"amount": 3, "unit": "days"}}
    assert to_wall(due_at(days, "2026-03-02", ZONE), ZONE) == datetime(2026, 3, 5, 9, 0)  # `at` defaults to 09:00
    hours = {"field": "d", "offset": {"amount": -90, "unit": "minutes"}}
    assert due_at(hours, "2026-03-02T15:00:00", ZONE) == datetime(2026, 3, 2, 13, 30)  # server-local, as stored
    working = {"field": "d", "offset": {"amount": 1, "unit": "business_days"}, "at": "08:30"}
    assert to_wall(due_at(working, "2026-10-09", ZONE), ZONE) == datetime(2026, 10, 10, 8, 30)  # a make-up Saturday
    assert due_at(days, "not a date", ZONE) is None


def test_a_schedule_fires_on_trading_days_at_its_wall_clock_time(engine):
    rt = make_runtime(engine, wall(2026, 9, 28, 8, 0))  # Monday before National Day
    body = flow("open", {"type": "schedule", "cron": "30 9 * * *", "trading_days_only": True}, SET)
    del body["form"]
    publish(rt, body)
    run_jobs(rt, until=wall(2026, 10, 12, 12, 0))
    fired = [to_wall(r["started_at"], ZONE) for r in runs(rt, "open")]
    assert [f.strftime("%m-%d %H:%M") for f in fired] == [
        "09-28 09:30", "09-29 09:30", "09-30 09:30", "10-08 09:30", "10-09 09:30", "10-12 09:30"]
    assert all(r["record_id"] is None and r["state"] == "done" for r in runs(rt, "open"))
    assert runs(rt, "open")[0]["context"]["event"] == {"type": "schedule", "fire": "2026-09-28T09:30"}


def test_a_schedule_on_a_form_starts_one_run_per_matching_record(engine):
    rt = make_runtime(engine, wall(2026, 3, 2, 8, 0))
    risky = [client(rt, risk_level="C5"), client(rt, risk_level="C5")]
    client(rt, risk_level="C1")
    publish(rt, flow("daily", {"type": "schedule", "cron": "0 9 * * 1-5", "limit": 10,
                               "condition": {"==": [{"var": "risk_level"}, "C5"]}}, SET))
    run_jobs(rt, until=wall(2026, 3, 3, 12, 0))
    got = runs(rt, "daily")
    assert sorted(r["record_id"] for r in got) == sorted([r["id"] for r in risky] * 2)
    assert {to_wall(r["started_at"], ZONE).date().isoformat() for r in got} == {"2026-03-02", "2026-03-03"}
    publish(rt, flow("daily", {"type": "schedule", "cron": "0 18 * * *"}, SET))  # a new version: the old jobs stop
    run_jobs(rt, until=wall(2026, 3, 4, 12, 0))
    assert len(runs(rt, "daily")) == 4 + 3  # 03-03 18:00 by version 2, each client


def test_the_next_fire_skips_a_whole_holiday_even_every_minute():
    from trellis.flows.triggers.schedule import next_fire

    every_minute = {"cron": "* * * * *", "trading_days_only": True}
    assert next_fire(every_minute, wall(2026, 9, 30, 23, 59), ZONE) == datetime(2026, 10, 8, 0, 0)
    assert next_fire({"cron": "0 9 * * 6", "trading_days_only": True}, wall(2026, 3, 2, 0, 0), ZONE) is None
    assert next_fire({"cron": "0 9 30 2 *"}, wall(2026, 3, 2, 0, 0), ZONE) is None
