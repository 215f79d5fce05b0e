"""Approval steps on the controllable clock, both databases: 或签, 会签, 依次, reject,
return, transfer, add signer, 去重, empty approvers, withdraw and urge."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from approvalkit import act, approval_flow, make, pending, publish, run_jobs, status, submit, tasks, user
from trellis.kernel.errors import Conflict, Forbidden
from trellis.storage import models

FINANCE = {"type": "role", "role": "rep"}  # dan and eve


@pytest.fixture
def rt(engine):
    return make(engine)


def node(nid: str, approvers: list, **more) -> dict:
    return {"id": nid, "type": "approval", "label": {"zh": nid, "en": nid}, "approvers": approvers, **more}


def test_any_one_of_two_approves_and_the_record_is_approved(rt):
    publish(rt, approval_flow("expense_any", [node("finance", [FINANCE], mode="any")]))
    rec = submit(rt)
    assert status(rt, rec["id"]) == "pending"
    assert {t["assignee_id"] for t in tasks(rt, state="pending")} == {rt.people["dan"], rt.people["eve"]}
    act(rt, "eve", "approve", comment="同意")
    assert status(rt, rec["id"]) == "approved"
    assert {t["state"] for t in tasks(rt)} == {"approved", "skipped"}
    with rt.engine.connect() as conn:  # the action is an entry of the audit chain
        [entry] = conn.execute(sa.select(models.audit).where(models.audit.c.action == "task.approve")).mappings().all()
    assert entry["user_id"] == rt.people["eve"] and entry["record_id"] == rec["id"] and entry["note"] == "同意"


def test_all_must_approve_and_one_rejection_rejects(rt):
    publish(rt, approval_flow("expense_all", [node("finance", [FINANCE], mode="all")]))
    rec = submit(rt)
    act(rt, "dan", "approve")
    assert status(rt, rec["id"]) == "pending" and pending(rt, "eve")
    act(rt, "eve", "reject", comment="发票不全")
    assert status(rt, rec["id"]) == "rejected"


def test_in_sequence_each_gets_the_turn_after_the_one_before(rt):
    publish(rt, approval_flow("expense_seq", [node("chain", [{"type": "manager"}, {"type": "department_head", "levels": 2}],
                                                    mode="sequence")]))
    rec = submit(rt)
    assert pending(rt, "bob") and not pending(rt, "cat")
    act(rt, "bob", "approve")
    assert pending(rt, "cat")
    act(rt, "cat", "approve")
    assert status(rt, rec["id"]) == "approved"


def test_the_same_approver_twice_in_a_row_is_approved_for_automatically(rt):
    publish(rt, approval_flow("expense_dup", [node("first", [{"type": "manager"}]),
                                              node("second", [{"type": "user", "user": "bob"}])]))
    rec = submit(rt)
    act(rt, "bob", "approve")
    assert status(rt, rec["id"]) == "approved"
    assert [t["state"] for t in tasks(rt)] == ["approved", "auto"]


@pytest.mark.parametrize("policy,expected", [("skip", "approved"), ("approve", "approved"), ("admin", "approved")])
def test_an_empty_approver_follows_the_policy(rt, policy, expected):
    publish(rt, approval_flow("expense_empty", [node("nobody", [{"type": "field", "field": "reviewer"}], empty=policy)]))
    rec = submit(rt)
    assert tasks(rt) == [] and status(rt, rec["id"]) == expected  # no admin exists here: skipped


def test_return_goes_back_to_an_earlier_step_then_on_again(rt):
    publish(rt, approval_flow("expense_ret", [node("manager", [{"type": "manager"}]), node("finance", [FINANCE], mode="any")]))
    rec = submit(rt)
    act(rt, "bob", "approve")
    act(rt, "dan", "return", to="manager", comment="请经理再看")
    assert pending(rt, "bob") and status(rt, rec["id"]) == "pending"
    act(rt, "bob", "approve")
    act(rt, "eve", "approve")
    assert status(rt, rec["id"]) == "approved"


def test_return_to_the_initiator_ends_as_returned_and_unlocks(rt):
    publish(rt, approval_flow("expense_start", [node("manager", [{"type": "manager"}])]))
    rec = submit(rt)
    with pytest.raises(Conflict) as err:
        rt.records("demo", "expense", user(rt, "ann")).update(rec["id"], {"amount": "99"})
    assert err.value.details["field"] == "amount"
    act(rt, "bob", "return", to="start", comment="补充发票")
    assert status(rt, rec["id"]) == "returned"
    rt.records("demo", "expense", user(rt, "ann")).update(rec["id"], {"amount": "99"})
    rt.flows.status.submit("demo", "expense", rec["id"], user(rt, "ann"))
    assert status(rt, rec["id"]) == "pending"


def test_transfer_and_add_signer(rt):
    publish(rt, approval_flow("expense_tr", [node("manager", [{"type": "manager"}])]))
    rec = submit(rt)
    act(rt, "bob", "transfer", to=rt.people["fay"])
    act(rt, "fay", "add_signer", users=[rt.people["cat"]], position="before")
    assert pending(rt, "cat") and not pending(rt, "fay")
    act(rt, "cat", "approve")
    assert pending(rt, "fay")
    act(rt, "fay", "add_signer", users=[rt.people["dan"]], position="after")
    assert status(rt, rec["id"]) == "pending"
    act(rt, "dan", "approve")
    assert status(rt, rec["id"]) == "approved"


def test_withdraw_until_the_first_action_and_urge(rt):
    publish(rt, approval_flow("expense_wd", [node("finance", [FINANCE], mode="all")]))
    rec = submit(rt)
    run = tasks(rt)[0]["run_id"]
    with pytest.raises(Forbidden):
        rt.flows.people.withdraw("demo", run, user(rt, "bob"))
    out = rt.flows.people.urge("demo", run, user(rt, "ann"))
    assert sorted(out["urged"]) == sorted([rt.people["dan"], rt.people["eve"]])
    with pytest.raises(Conflict):
        rt.flows.people.urge("demo", run, user(rt, "ann"))
    rt.flows.people.withdraw("demo", run, user(rt, "ann"))
    assert status(rt, rec["id"]) == "withdrawn" and not tasks(rt, state="pending")
    rec2 = submit(rt)
    act(rt, "dan", "approve")
    run2 = tasks(rt, record_id=rec2["id"])[0]["run_id"]
    with pytest.raises(Conflict):
        rt.flows.people.withdraw("demo", run2, user(rt, "ann"))


def test_someone_else_cannot_act_and_a_closed_task_refuses(rt):
    publish(rt, approval_flow("expense_who", [node("manager", [{"type": "manager"}])]))
    submit(rt)
    [task] = pending(rt, "bob")
    with pytest.raises(Forbidden):
        rt.flows.people.act(task["id"], "approve", user(rt, "dan"), {})
    act(rt, "bob", "approve")
    with pytest.raises(Conflict):
        rt.flows.people.act(task["id"], "approve", user(rt, "bob"), {})


def test_the_initiators_choice_when_submitting_again(rt):
    publish(rt, approval_flow("expense_choice", [node("manager", [{"type": "manager"}]),
                                                 node("picked", [{"type": "initiator_choice"}])]))
    rec = submit(rt)
    act(rt, "bob", "return", to="start")
    out = rt.flows.status.submit("demo", "expense", rec["id"], user(rt, "ann"), approvers={"picked": [rt.people["eve"]]})
    assert out["status"] == "pending"
    run_jobs(rt)
    act(rt, "bob", "approve")
    assert pending(rt, "eve") and status(rt, rec["id"]) == "pending"
    act(rt, "eve", "approve")
    assert status(rt, rec["id"]) == "approved"
    with pytest.raises(Conflict):  # approved: not again
        rt.flows.status.submit("demo", "expense", rec["id"], user(rt, "ann"))


def test_two_flows_on_one_form_share_the_status_field(rt):
    small = approval_flow("expense_small", [node("manager", [{"type": "manager"}])],
                          condition={"<": [{"var": "amount"}, 1000]})
    large = approval_flow("expense_large", [node("finance", [FINANCE], mode="all")],
                          condition={">=": [{"var": "amount"}, 1000]})
    publish(rt, small, large)
    cheap, dear = submit(rt, amount="50.00"), submit(rt, amount="5000.00")
    act(rt, "bob", "approve")
    act(rt, "dan", "approve")
    act(rt, "eve", "reject")
    assert (status(rt, cheap["id"]), status(rt, dear["id"])) == ("approved", "rejected")
    with pytest.raises(Conflict):  # still nobody else's to set
        rt.records("demo", "expense", user(rt, "ann")).update(cheap["id"], {"status": "pending"})


def test_two_approvers_of_one_step_at_the_same_moment(rt):
    """会签 with both acting at once (threads): the step is decided exactly once, by whoever comes second."""
    import threading

    publish(rt, approval_flow("expense_race", [node("finance", [FINANCE], mode="all")]))
    rec = submit(rt)
    tasks_now = {t["assignee_id"]: t["id"] for t in tasks(rt, state="pending")}
    start = threading.Barrier(2)
    errors = []

    def approve(name):
        start.wait()
        try:
            rt.flows.people.act(tasks_now[rt.people[name]], "approve", user(rt, name), {})
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=approve, args=(n,)) for n in ("dan", "eve")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    run_jobs(rt)
    assert not errors and status(rt, rec["id"]) == "approved"
