"""The people and message action nodes on both databases: create_task (a follow-up for the
record's manager or a role's least busy member, due in working days, linked to the
client), assign_owner (in turn, by load, by a field's value, only on working days, on a
record an earlier node created) and notify (a published template to a user field and a
fixed address, in the step's transaction: sent once even when a step is taken twice)."""
from __future__ import annotations

from datetime import datetime

from actionkit import causes, deliveries, make, messages, records
from flowkit import client, flow, path, publish, run_jobs, runs, steps
from trellis.flows import runs as run_rows


def test_a_follow_up_task_for_the_manager_and_for_a_roles_least_busy_member(engine):
    rt = make(engine)
    ann, bob = rt.people["ann"], rt.people["bob"]
    publish(rt, flow("onboard", {"type": "record_created"}, [
        {"id": "task", "type": "create_task", "assignee": {"field": "manager"}, "purpose": "onboarding",
         "due": {"amount": 2, "unit": "business_days"}, "summary": {"cat": ["新客回访:", {"var": "name"}]}},
        {"id": "pool", "type": "create_task", "assignee": {"role": "rep"}, "purpose": "routine", "method": "wechat",
         "summary": "常规回访"}]))
    c = client(rt, name="甲", manager=ann)
    run_jobs(rt)
    (run,) = runs(rt, "onboard")
    assert run["state"] == "done", steps(rt, run["id"])
    first, second = records(rt, "follow_up")
    assert (first["client"], first["by"], first["purpose"], first["method"]) == (c["id"], ann, "onboarding", "phone")
    assert first["summary"] == "新客回访:甲" and first["at"].startswith("2026-03-04T09:00")  # Monday + 2 working days
    assert (second["by"], second["method"], second["at"][:16]) == (bob, "wechat", "2026-03-02T09:00")  # ann has one
    assert run["context"]["steps"]["task"]["id"] == first["id"]
    assert causes(rt, "follow_up", first["id"])[0][-1]["id"] == f"onboard#{run['id']}"
    client(rt, name="乙")  # no manager: no one to give the task to
    run_jobs(rt)
    failed = runs(rt, "onboard")[-1]
    assert failed["state"] == "failed" and failed["error"].startswith("节点 task:记录的 manager 为空")
    assert "node task: the record's manager is empty" in failed["error"]


def test_owners_are_assigned_in_turn_by_load_and_by_field(engine):
    rt = make(engine)
    ann, bob, cat, dan = (rt.people[k] for k in ("ann", "bob", "cat", "dan"))
    publish(rt, flow("turns", {"type": "record_created"}, [
        {"id": "rr", "type": "assign_owner", "field": "manager", "users": [cat, ann, bob], "strategy": "round_robin"}],
        condition={"==": [{"var": "note"}, "rr"]}),
        flow("load", {"type": "record_created"}, [
            {"id": "ll", "type": "assign_owner", "field": "manager", "users": {"role": "rep"},
             "strategy": "least_loaded", "count_where": {"==": [{"var": "active"}, True]}}],
            condition={"==": [{"var": "note"}, "ll"]}),
        flow("mapped", {"type": "record_created"}, [
            {"id": "bf", "type": "assign_owner", "field": "manager", "strategy": "by_field", "only_if_empty": True,
             "by_field": {"field": "risk_level", "map": {"C5": cat}, "default": dan}}],
            condition={"==": [{"var": "note"}, "bf"]}))
    made = [client(rt, name=f"r{i}", note="rr") for i in range(4)]
    run_jobs(rt)
    assert [records(rt, "client", id=c["id"])[0]["manager"] for c in made] == [cat, ann, bob, cat]
    for who, active in ((ann, True), (ann, True), (bob, True), (bob, False), (bob, False), (cat, True), (cat, True)):
        client(rt, name="x", manager=who, active=active)
    fresh = client(rt, name="new", note="ll")  # active: ann 2, bob 1, cat 2 (those in turn: not)
    run_jobs(rt)
    assert records(rt, "client", id=fresh["id"])[0]["manager"] == bob
    risky, plain = client(rt, name="风", note="bf", risk_level="C5"), client(rt, name="平", note="bf", risk_level="C1")
    kept = client(rt, name="留", note="bf", risk_level="C5", manager=ann)
    run_jobs(rt)
    assert [records(rt, "client", id=c["id"])[0]["manager"] for c in (risky, plain, kept)] == [cat, dan, ann]
    assert runs(rt, "mapped")[-1]["context"]["steps"]["bf"] == {"user": ann, "record": kept["id"], "reason": "kept"}
    last = runs(rt, "turns")[-1]
    assert last["context"]["steps"]["rr"] == {"user": cat, "record": made[-1]["id"]}
    assert causes(rt, "client", made[-1]["id"])[-1][-1]["id"] == f"turns#{last['id']}"


def test_an_owner_for_a_record_an_earlier_node_made_and_none_on_a_holiday(engine):
    rt = make(engine, start=datetime(2026, 10, 1, 10, 0))  # National Day: not a working day
    ann = rt.people["ann"]
    publish(rt, flow("spawn", {"type": "record_created"}, [
        {"id": "mk", "type": "create_record", "form": "client", "values": {"name": {"cat": [{"var": "name"}, "-2"]}}},
        {"id": "own", "type": "assign_owner", "record": {"var": "$steps.mk.id"}, "field": "manager",
         "users": [ann], "strategy": "round_robin"},
        {"id": "wd", "type": "assign_owner", "field": "manager", "users": [ann], "strategy": "round_robin",
         "working_days_only": True}], condition={"!": [{"ends_with": [{"var": "name"}, "-2"]}]}))
    c = client(rt, name="甲")
    run_jobs(rt)
    run = runs(rt, "spawn")[0]
    assert run["state"] == "done", steps(rt, run["id"])
    made = run["context"]["steps"]["mk"]["id"]
    assert records(rt, "client", id=made)[0]["manager"] == ann
    assert run["context"]["steps"]["wd"] == {"user": None, "record": c["id"], "reason": "not_a_working_day"}
    assert records(rt, "client", id=c["id"])[0]["manager"] is None


def test_a_message_is_sent_once_in_the_steps_transaction(engine, monkeypatch):
    rt = make(engine)
    ann = rt.people["ann"]
    publish(rt, flow("alert", {"type": "record_created"}, [
        {"id": "tell", "type": "notify", "template": "margin_call", "urgency": "high",
         "recipients": [{"field": "manager"}, {"address": "ops@example.com", "channel": "email"}],
         "data": {"ratio": {"*": [{"var": "margin"}, 100]}}}]))
    real = run_rows.save_step
    taken = []

    def other_worker_first(conn, run, seq, log, **kw):
        if log is not None and log["node"] == "tell" and not taken:
            taken.append(seq)
            raise run_rows.Stale(run["id"])
        return real(conn, run, seq, log, **kw)

    monkeypatch.setattr(run_rows, "save_step", other_worker_first)
    c = client(rt, name="甲", manager=ann, margin=0.9)
    (run,) = runs(rt, "alert")
    rt.flows.runner.advance(run["id"])
    assert taken and messages(rt) == []  # the taken step sent nothing
    run_jobs(rt)
    (run,) = runs(rt, "alert")
    assert run["state"] == "done" and path(rt, run["id"]) == ["tell"]
    (msg,) = messages(rt)
    assert (msg["event"], msg["form"], msg["record"], msg["urgency"]) == ("margin_call", "client", c["id"], "high")
    assert msg["data"] == {"ratio": 90.0} and msg["cause"][-1]["id"] == f"alert#{run['id']}"
    sent = deliveries(rt)
    assert {d["recipient_key"] for d in sent} == {f"user:{ann}", "address:email:ops@example.com"}
    assert run["context"]["steps"]["tell"] == {"message_id": msg["id"], "deliveries": len(sent)}


def test_describe_says_what_a_node_would_do(sqlite_engine):
    from trellis.flows.step import Step

    rt = make(sqlite_engine)
    c = client(rt, name="张三", manager=rt.people["ann"])
    run = {"id": 1, "app": "demo", "flow": "f", "form": "client", "record_id": c["id"], "seq": 0}
    step = Step(rt, None, run, {"label": "f"}, {}, now=rt.clock.now(), dry=True)
    with rt.engine.connect() as conn:
        step.conn = conn
        kinds = rt.registries.node_types
        said = kinds.get("notify")().describe({"id": "n", "template": "margin_call", "recipients": [{"client": True}]},
                                              step)
        assert said == {"zh": "给 张三 发送「保证金预警」", "en": "send “Margin call” to 张三"}
        said = kinds.get("notify")().describe({"id": "n", "template": "margin_call", "channel": "sms", "urgency": "high",
                                               "recipients": [{"client": True}, {"field": "manager"}]}, step)
        assert said == {"zh": "给 张三、Ann 发送 短信「保证金预警」(高紧急度)",
                        "en": "send “Margin call” by SMS to 张三, Ann (high urgency)"}
        task = kinds.get("create_task")().describe({"id": "t", "assignee": {"field": "manager"},
                                                     "due": {"amount": 2, "unit": "business_days"}}, step)
        assert task["zh"] == "为 Ann 创建「回访记录」任务,2 个工作日后到期"
        assert task["en"] == "create a “Follow-up” task for Ann, due in 2 working days"
        others = {
            "update_records": ({"target": "trigger", "values": {"note": "x"}}, "update note of this record"),
            "query_records": ({"form": "deal", "into": "deals"}, "query “Deal” records into variable deals"),
            "assign_owner": ({"field": "manager", "users": {"role": "rep"}, "strategy": "round_robin"},
                             "set manager to one of the members of role rep, in turn"),
            "http_request": ({"method": "POST", "url": "https://crm.example.com/api/x"}, "call POST crm.example.com"),
            "call_flow": ({"flow": "child"}, "call flow child and wait for it to end"),
        }
        for key, (node, en) in others.items():
            said = kinds.get(key)().describe(dict(node, id="x"), step)
            assert said["en"] == en and said["zh"], (key, said)
        out = kinds.get("create_record")().run({"id": "mk", "form": "deal", "values": {"lots": 1}}, step)
        assert out.output["dry"] is True and out.output["would"]["en"] == "create a “Deal” record"
