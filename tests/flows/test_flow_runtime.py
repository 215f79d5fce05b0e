"""The flow runtime on both databases with a simulated clock: a record write starts a run
once per (flow version, event); branches, parallel blocks and loops move in block order;
waits park the run and a job wakes it; a journey's exit condition ends it mid-wait;
re-entry and the frequency cap hold; a run stays on the version it started on."""
from __future__ import annotations

from datetime import timedelta

from flowkit import client, flow, make_runtime, path, publish, run_jobs, runs
from trellis.kernel.actor import SYSTEM


def test_a_created_record_starts_one_run_that_branches_and_ends(engine):
    rt = make_runtime(engine)
    publish(rt, flow("big", {"type": "record_created"}, [
        {"id": "v", "type": "set_variable", "name": "doubled", "value": {"*": [{"var": "equity"}, 2]}},
        {"id": "b", "type": "branch", "branches": [
            {"id": "rich", "when": {">": [{"var": "$vars.doubled"}, 100]}, "steps": [
                {"id": "r", "type": "set_variable", "name": "tier", "value": "rich"}]}],
         "default": {"steps": [{"id": "p", "type": "set_variable", "name": "tier", "value": "plain"}]}},
        {"id": "after", "type": "set_variable", "name": "seen", "value": True},
    ], condition={">": [{"var": "equity"}, 0]}))
    client(rt, equity=80)
    client(rt, equity=10)
    client(rt, equity=0)  # the entry condition says no
    run_jobs(rt)
    done = runs(rt, "big")
    assert [r["state"] for r in done] == ["done", "done"]
    assert [r["context"]["vars"]["tier"] for r in done] == ["rich", "plain"]
    assert path(rt, done[0]["id"]) == ["v", "b", "r", "after"]
    assert path(rt, done[1]["id"]) == ["v", "b", "p", "after"]


def test_parallel_branches_join_and_loops_run_per_item(engine):
    rt = make_runtime(engine)
    publish(rt, flow("fan", {"type": "record_created"}, [
        {"id": "par", "type": "parallel", "branches": [
            {"id": "a", "steps": [{"id": "a1", "type": "set_variable", "name": "a", "value": 1}]},
            {"id": "b", "steps": [{"id": "b1", "type": "wait", "for": {"amount": 2, "unit": "hours"}},
                                  {"id": "b2", "type": "set_variable", "name": "b", "value": 2}]},
            {"id": "c", "steps": []}]},
        {"id": "loop", "type": "for_each", "items": [1, 2, 3], "steps": [
            {"id": "acc", "type": "set_variable", "name": "sum",
             "value": {"+": [{"var": ["$vars.sum", 0]}, {"var": "$item"}]}}]},
        {"id": "last", "type": "set_variable", "name": "joined", "value": True},
    ]))
    client(rt)
    run_jobs(rt)
    (run,) = runs(rt, "fan")
    assert run["state"] == "waiting"
    assert "joined" not in run["context"]["vars"]
    run_jobs(rt, days=1)
    (run,) = runs(rt, "fan")
    assert run["state"] == "done"
    assert run["context"]["vars"] == {"a": 1, "b": 2, "sum": 6, "joined": True}
    assert path(rt, run["id"])[-5:] == ["loop", "acc", "acc", "acc", "last"]


def test_a_wait_parks_the_run_and_wakes_on_time_in_trading_days(engine):
    rt = make_runtime(engine)  # Monday 2026-03-02 09:00
    publish(rt, flow("later", {"type": "record_created"}, [
        {"id": "w", "type": "wait", "for": {"amount": 5, "unit": "trading_days"}},
        {"id": "x", "type": "set_variable", "name": "woke", "value": True}]))
    client(rt)
    run_jobs(rt)
    (run,) = runs(rt, "later")
    assert run["state"] == "waiting"
    assert run["wake_at"].date().isoformat() == "2026-03-09"  # the next Monday, weekends off
    run_jobs(rt, days=6.9)
    assert runs(rt, "later")[0]["state"] == "waiting"
    run_jobs(rt, days=0.2)
    (run,) = runs(rt, "later")
    assert run["state"] == "done" and run["context"]["vars"]["woke"] is True


def test_a_journey_exits_when_its_condition_turns_true_mid_wait_and_reentry_holds(engine):
    rt = make_runtime(engine)
    publish(rt, flow("care", {"type": "record_updated", "fields": ["active"]}, [
        {"id": "w", "type": "wait", "for": {"amount": 7, "unit": "days"}},
        {"id": "nudge", "type": "set_variable", "name": "nudged", "value": True}],
        kind="journey", condition={"!": [{"var": "active"}]}, exit={"==": [{"var": "active"}, True]}))
    c = client(rt, active=True)
    svc = rt.records("demo", "client", SYSTEM)
    c = svc.update(c["id"], {"active": False})
    run_jobs(rt)
    c = svc.update(c["id"], {"note": "x", "active": None})  # re-entry: still one live run
    run_jobs(rt, days=1)
    assert [r["state"] for r in runs(rt, "care")] == ["waiting"]
    svc.update(c["id"], {"active": True})
    run_jobs(rt, days=1)
    (run,) = runs(rt, "care")
    assert run["state"] == "exited"
    assert "nudged" not in run["context"]["vars"]


def test_the_frequency_cap_and_the_version_a_run_started_on(engine):
    rt = make_runtime(engine)
    body = flow("capped", {"type": "record_updated"}, [
        {"id": "w", "type": "wait", "for": {"amount": 1, "unit": "days"}},
        {"id": "x", "type": "set_variable", "name": "v", "value": 1}], cap={"times": 1, "days": 7})
    publish(rt, body)
    c = client(rt)
    svc = rt.records("demo", "client", SYSTEM)
    for i in range(3):
        c = svc.update(c["id"], {"note": str(i)})
    run_jobs(rt)
    assert len(runs(rt, "capped")) == 1
    body["steps"][1]["value"] = 2
    publish(rt, body)
    run_jobs(rt, days=2)
    (run,) = runs(rt, "capped")
    assert run["version"] == 1 and run["context"]["vars"]["v"] == 1  # stayed on its version
    rt.clock.set(rt.clock.now() + timedelta(days=7))
    svc.update(c["id"], {"note": "again"})
    run_jobs(rt, days=2)
    later = runs(rt, "capped")
    assert len(later) == 2 and later[1]["version"] == 2 and later[1]["context"]["vars"]["v"] == 2


def test_purge_deletes_long_ended_runs_and_their_log_only(engine):
    from trellis.flows import runs as run_store

    rt = make_runtime(engine)
    publish(rt, flow("short", {"type": "record_created"}, [
        {"id": "x", "type": "set_variable", "name": "v", "value": 1}]),
        flow("long", {"type": "record_created"}, [{"id": "w", "type": "wait", "for": {"amount": 30, "unit": "days"}}]))
    client(rt)
    run_jobs(rt)
    rt.clock.set(rt.clock.now() + timedelta(days=10))
    with rt.transaction() as conn:
        assert run_store.purge(conn, rt.clock.now() - timedelta(days=30)) == 0  # ended only 10 days ago
        assert run_store.purge(conn, rt.clock.now() - timedelta(days=5)) == 1
    assert [r["flow"] for r in runs(rt)] == ["long"]  # the waiting run stays
    with rt.engine.connect() as conn:
        left = conn.exec_driver_sql("SELECT count(*) FROM trellis_flow_steps WHERE run_id NOT IN "
                                    "(SELECT id FROM trellis_flow_runs)").scalar()
    assert left == 0
