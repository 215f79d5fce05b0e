"""The data action nodes on both databases: create_record, update_records (the run's record
and a set by condition, values per record) and query_records (a condition reading the
run's data, into a variable a loop reads); each write made as the flow, its audit entry
naming the flow; a refused write fails the step with a bilingual error naming the node,
unless the flow goes on after failures; a step taken twice writes once; saving checks
the nodes' configurations."""
from __future__ import annotations

import pytest

from actionkit import causes, make, records
from flowkit import client, flow, path, publish, run_jobs, runs, steps
from trellis.flows import runs as run_rows
from trellis.kernel.errors import DefinitionInvalid
from trellis.runtime import Runtime


def test_records_are_created_updated_and_queried_as_the_flow(engine):
    rt = make(engine)
    publish(rt, flow("deals", {"type": "record_created"}, [
        {"id": "mk", "type": "create_record", "form": "deal",
         "values": {"client": {"var": "id"}, "lots": {"*": [{"var": "equity"}, 2]}}},
        {"id": "note", "type": "update_records", "target": "trigger",
         "values": {"note": {"cat": ["deal ", {"var": "$steps.mk.id"}]}, "active": True}},
        {"id": "bump", "type": "update_records", "values": {"lots": {"+": [{"var": "lots"}, 1]}}, "target": "records",
         "form": "deal", "where": {"==": [{"var": "client"}, {"var": "$trigger.id"}]}, "limit": 10},
        {"id": "peers", "type": "query_records", "form": "client", "fields": ["name", "equity"],
         "where": {"and": [{"==": [{"var": "risk_level"}, {"var": "$trigger.risk_level"}]},
                           {"!=": [{"var": "id"}, {"var": "$trigger.id"}]}]},
         "sort": ["-equity"], "limit": 5, "into": "peers"},
        {"id": "each", "type": "for_each", "items": {"var": "$vars.peers"}, "steps": [
            {"id": "acc", "type": "set_variable", "name": "names",
             "value": {"cat": [{"var": ["$vars.names", ""]}, {"var": "$item.name"}]}}]},
    ], condition={"==": [{"var": "risk_level"}, "C5"]}))
    client(rt, name="甲", risk_level="C5", equity=10)
    client(rt, name="乙", risk_level="C5", equity=30)
    client(rt, name="丙", risk_level="C4", equity=50)
    c = client(rt, name="丁", risk_level="C5", equity=7)
    run_jobs(rt)
    last = runs(rt, "deals")[-1]
    assert last["state"] == "done", steps(rt, last["id"])
    (deal,) = records(rt, "deal", client=c["id"])
    assert deal["lots"] == 15  # 7 * 2, then + 1 by the update over its own lots
    me = records(rt, "client", id=c["id"])[0]
    assert me["note"] == f"deal {deal['id']}" and me["active"] is True
    out = last["context"]["steps"]
    assert out["mk"] == {"id": deal["id"], "form": "deal"}
    assert out["bump"] == {"updated": 1, "ids": [deal["id"]]}
    assert [p["name"] for p in out["peers"]["records"]] == ["乙", "甲"] and out["peers"]["count"] == 2
    assert set(out["peers"]["records"][0]) >= {"id", "name", "equity"} and "risk_level" not in out["peers"]["records"][0]
    assert last["context"]["vars"]["names"] == "乙甲"
    flow_link = {"kind": "automation", "id": f"deals#{last['id']}", "label": "deals"}
    assert [chain[-1] for chain in causes(rt, "deal", deal["id"])] == [flow_link, flow_link]  # created, bumped
    assert causes(rt, "client", c["id"])[-1][-1] == flow_link


def test_a_refused_write_fails_the_step_naming_the_node_or_the_run_goes_on(engine):
    rt = make(engine)
    ann = rt.people["ann"]
    publish(rt, flow("strict", {"type": "record_created"}, [
        {"id": "long", "type": "create_record", "form": "client", "values": {"name": {"cat": [{"var": "name"}, "x" * 30]}}},
        {"id": "after", "type": "set_variable", "name": "after", "value": True}]),
        flow("lenient", {"type": "record_created"}, [
            {"id": "own", "type": "update_records", "target": "trigger", "values": {"note": "mine"}},
            {"id": "mgr", "type": "update_records", "target": "trigger", "values": {"manager": {"var": "$run.id"}}},
            {"id": "after", "type": "set_variable", "name": "after", "value": True}],
            on_failure="continue", run_as={"user": ann}))
    c = client(rt, name="甲", manager=ann)
    run_jobs(rt)
    strict, lenient = runs(rt, "strict")[0], runs(rt, "lenient")[0]
    assert strict["state"] == "failed" and path(rt, strict["id"]) == ["long"]
    (log,) = [s for s in steps(rt, strict["id"]) if s["result"] == "failed"]
    assert log["error"].startswith("节点 long:数据校验失败") and " / node long: Validation failed" in log["error"]
    assert strict["error"] == log["error"] and "after" not in strict["context"]["vars"]
    # the flow acts as ann, a rep: her client's note she may change, its manager is read-only to her
    assert lenient["state"] == "done" and lenient["context"]["vars"]["after"] is True
    failed = [s for s in steps(rt, lenient["id"]) if s["result"] == "failed"]
    assert [s["node"] for s in failed] == ["mgr"] and "node mgr: " in failed[0]["error"]
    me = records(rt, "client", id=c["id"])[0]
    assert me["note"] == "mine" and me["manager"] == ann
    assert causes(rt, "client", c["id"])[-1][-1] == ({"kind": "automation", "id": f"lenient#{lenient['id']}",
                                                     "label": "lenient"})


def test_a_record_outside_the_flows_scope_is_not_updated(engine):
    rt = make(engine)
    publish(rt, flow("theirs", {"type": "record_created"}, [
        {"id": "touch", "type": "update_records", "target": "trigger", "values": {"note": "x"}},
        {"id": "bulk", "type": "update_records", "target": {"form": "client"}, "values": {"note": "y"}}],
        run_as={"user": rt.people["bob"]}, on_failure="continue"))
    c = client(rt, name="甲", manager=rt.people["ann"])
    run_jobs(rt)
    (run,) = runs(rt, "theirs")
    failed = [s for s in steps(rt, run["id"]) if s["result"] == "failed"]
    assert [s["node"] for s in failed] == ["touch"] and "node touch: record" in failed[0]["error"]
    assert run["context"]["steps"]["bulk"] == {"updated": 0, "ids": []}  # bob's rows: none
    assert records(rt, "client", id=c["id"])[0]["note"] is None


def test_a_step_taken_by_another_worker_writes_nothing_and_runs_once(engine, monkeypatch):
    rt = make(engine)
    publish(rt, flow("once", {"type": "record_created"}, [
        {"id": "mk", "type": "create_record", "form": "deal", "values": {"client": {"var": "id"}, "lots": 1}}]))
    real = run_rows.save_step
    taken = []

    def other_worker_first(conn, run, seq, log, **kw):
        if log is not None and log["node"] == "mk" and not taken:
            taken.append(seq)
            raise run_rows.Stale(run["id"])  # as when another worker moved the run meanwhile
        return real(conn, run, seq, log, **kw)

    monkeypatch.setattr(run_rows, "save_step", other_worker_first)
    c = client(rt, name="甲")
    (run,) = runs(rt, "once")
    assert rt.flows.runner.advance(run["id"]) == {"state": "taken", "steps": 0}
    assert records(rt, "deal") == []  # the taken step's write rolled back with it
    second = Runtime(engine, ttl=0, secret="test-instance-secret", clock=rt.clock)
    second.flows.runner.advance(run["id"])
    rt.flows.runner.advance(run["id"])  # a repeated job finds the run done
    run_jobs(rt)
    assert [d["client"] for d in records(rt, "deal")] == [c["id"]]
    assert runs(rt, "once")[0]["state"] == "done" and path(rt, run["id"]) == ["mk"]


@pytest.mark.parametrize("node, where", [
    ({"type": "create_record", "form": "deal", "values": {"Bad": 1}}, "/steps/0/values"),
    ({"type": "update_records", "target": "everything", "values": {"a": 1}}, "/steps/0/target"),
    ({"type": "update_records", "target": "records", "values": {"a": 1}}, "/steps/0/form"),
    ({"type": "update_records", "target": "trigger", "where": True, "values": {"a": 1}}, "/steps/0/target"),
    ({"type": "query_records", "form": "client", "limit": 5000}, "/steps/0/limit"),
    ({"type": "notify", "template": "margin_call", "recipients": [{"nobody": 1}]}, "/steps/0/recipients/0"),
    ({"type": "assign_owner", "strategy": "by_field"}, "/steps/0/by_field"),
    ({"type": "http_request", "method": "POST", "url": "ftp://example.com/x"}, "/steps/0/url"),
    ({"type": "create_task", "assignee": {"user": 1, "role": "rep"}}, "/steps/0/assignee"),
    ({"type": "call_flow", "flow": "child", "wait": "yes"}, "/steps/0/wait"),
])
def test_saving_checks_each_action_nodes_configuration(sqlite_engine, node, where):
    rt = make(sqlite_engine)
    body = flow("bad", {"type": "record_created"}, [dict(node, id="n")])
    with pytest.raises(DefinitionInvalid) as e:
        rt.store.save_draft("demo", "flow", "bad", body)
    found = [p for p in e.value.errors if p["pointer"].startswith(where)]
    assert found and found[0]["node"] == "n", e.value.errors
    assert found[0]["message"]["zh"] and found[0]["message"]["en"]


ACTIONS = {"create_record": "data", "update_records": "data", "query_records": "data", "notify": "message",
           "create_task": "people", "assign_owner": "people", "http_request": "integration", "call_flow": "flow"}


def test_each_action_type_is_registered_with_its_labels_category_and_a_valid_schema(sqlite_engine):
    import jsonschema

    rt = make(sqlite_engine)
    kinds = rt.registries.node_types
    for key, category in ACTIONS.items():
        cls = kinds.get(key)
        assert cls.category == category and cls.label["zh"] and cls.label["en"], key
        jsonschema.Draft202012Validator.check_schema(cls.config_schema)
        assert cls.config_schema.get("additionalProperties") is False, key
        for name, prop in cls.config_schema["properties"].items():
            assert set(prop.get("x-label", {})) == {"zh", "en"} or name == "by_field" and prop["x-label"], (key, name)
    assert rt.registries.triggers.get("called").needs_form is False
