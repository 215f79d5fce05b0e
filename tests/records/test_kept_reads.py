"""Reading a record through what is kept between requests (the SELECT of `by_ids`, kept on
the form or on the actor's Access; a time-reading formula's SQL, kept for its moment)
answers what a fresh read answers: a formula over TODAY() follows the clock from one day to
the next, one over NOW() from one second to the next, and a fresh publish (a new form
model) is read at once. SQLite and PostgreSQL."""
from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

import pytest

from samples import APP, BROKER, CLIENT, DEAL
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime

CLOCKED = [
    {"id": "age", "type": "formula", "label": {"zh": "开户天数", "en": "Days open"},
     "expression": 'DATEDIF(开户日期, TODAY(), "D")'},
    {"id": "older", "type": "formula", "label": {"zh": "开户较久", "en": "Long open"},
     "expression": 'IF(开户天数 > 30, "久", "新")'},
    {"id": "seen", "type": "formula", "label": {"zh": "读取时刻", "en": "Read at"}, "expression": "NOW()"},
]


def _publish(rt, client_fields):
    rt.store.save_draft("demo", "app", "demo", APP)
    rt.publish("demo", "app", "demo")
    client = dict(CLIENT, fields=CLIENT["fields"] + copy.deepcopy(client_fields))
    for f in (BROKER, client, DEAL):
        rt.store.save_draft("demo", "form", f["id"], f)
    for f in (BROKER, client, DEAL):
        rt.publish("demo", "form", f["id"])


@pytest.fixture
def rt(engine):
    runtime = Runtime(engine, ttl=60, clock=SimulatedClock(datetime(2031, 5, 4, 23, 59, 58)), timezone="UTC")
    _publish(runtime, CLOCKED)
    return runtime


def test_a_time_reading_formula_follows_the_clock_through_the_kept_statement(rt):
    svc = rt.records("demo", "client")
    rid = svc.create({"name": "甲", "opened_at": "2031-04-04"})["id"]
    first = rt.records("demo", "client").get(rid)
    assert (first["age"], first["older"], first["seen"][:19]) == (30, "新", "2031-05-04T23:59:58")
    again = rt.records("demo", "client").get(rid)
    assert again == first  # the same second: the kept statement
    rt.clock.advance(timedelta(seconds=1))
    later = rt.records("demo", "client").get(rid)
    assert (later["age"], later["seen"][:19]) == (30, "2031-05-04T23:59:59")
    rt.clock.advance(timedelta(seconds=1))  # midnight: TODAY() moves on, and what reads it
    next_day = rt.records("demo", "client").get(rid)
    assert (next_day["age"], next_day["older"], next_day["seen"][:19]) == (31, "久", "2031-05-05T00:00:00")
    listed = rt.records("demo", "client").list(count="none")["items"]
    assert [(r["age"], r["older"]) for r in listed] == [(31, "久")]


def test_a_formula_that_reads_only_today_is_kept_for_the_day(rt):
    form = rt.form("demo", "client")
    assert form.computed.clock_unit("age") == form.computed.clock_unit("older") == "day"
    assert form.computed.clock_unit("seen") == "second"
    with rt.logic_time():
        assert form.computed.moment("age")[1] == date(2031, 5, 4)


def test_a_publish_is_read_at_once(rt):
    rid = rt.records("demo", "client").create({"name": "乙", "opened_at": "2031-05-01"})["id"]
    assert rt.records("demo", "client").get(rid)["age"] == 3
    _publish(rt, [dict(CLOCKED[0], expression='DATEDIF(开户日期, TODAY(), "D") * 10')])
    got = rt.records("demo", "client").get(rid)
    assert got["age"] == 30 and "seen" not in got
