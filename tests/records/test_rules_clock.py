"""Rules read the runtime's clock in the instance's time zone: a list filter with `today`
and a lifecycle handler evaluating `now` see the runtime's (simulated) time, not the
system's. SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from samples import install
from trellis.kernel.actor import Actor
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.logic import evaluate
from trellis.runtime import Runtime


@pytest.fixture
def rt(engine):
    # 2031-05-31 20:00 UTC is already June 1st in Shanghai
    runtime = Runtime(engine, ttl=0, clock=SimulatedClock(datetime(2031, 5, 31, 20, 0, tzinfo=timezone.utc)),
                      timezone="Asia/Shanghai")
    install(runtime)
    return runtime


def test_a_list_filter_reads_today_from_the_runtime(rt):
    svc = rt.records("demo", "client")
    for name, day in (("may", "2031-05-31"), ("june", "2031-06-01"), ("later", "2031-06-09")):
        svc.create({"name": name, "opened_at": day})
    names = lambda rule: sorted(r["name"] for r in svc.list(filter=rule)["items"])  # noqa: E731
    assert names({"==": [{"var": "opened_at"}, {"today": []}]}) == ["june"]
    assert names({">=": [{"var": "opened_at"}, {"start_of": [{"today": []}, "month"]}]}) == ["june", "later"]
    rt.clock.advance(7 * 86400)
    assert names({"<=": [{"date_diff": [{"today": []}, {"var": "opened_at"}, "days"]}, 7]}) == ["june", "later"]


def test_handlers_evaluate_rules_at_the_runtimes_now(rt):
    seen = []
    rt.lifecycle.subscribe("before_save", lambda ctx: seen.append(evaluate({"now": []})))
    rt.records("demo", "broker").create({"name": "a"})
    assert seen == ["2031-06-01T04:00:00"]


RECENT = {"schema_version": 1, "id": "recent", "label": {"zh": "近期客户", "en": "Recent clients"},
          "forms": {"client": {"actions": ["read"],
                               "scope": {">=": [{"var": "opened_at"}, {"date_add": [{"today": []}, -7, "days"]}]}}}}


def test_a_row_scope_reading_today_follows_the_clock(rt):
    rt.store.save_draft("demo", "role", "recent", RECENT)
    rt.publish("demo", "role", "recent")
    for name, day in (("old", "2031-05-20"), ("new", "2031-05-30")):
        rt.records("demo", "client").create({"name": name, "opened_at": day})
    reader = rt.records("demo", "client", Actor(id=9, username="r", roles=("demo.recent",)))
    assert [r["name"] for r in reader.list()["items"]] == ["new"]
    rt.clock.advance(20 * 86400)                 # the same service (and its access): not a stale literal
    assert reader.list()["items"] == []
