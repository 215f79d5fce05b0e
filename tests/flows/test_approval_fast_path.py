"""The action that leaves nobody to act moves the run on in its own transaction (no job in
between); a next step that calls out is left to the `flows.advance` job; the new assignee
hears of the task from the `flows.notice` job after the commit, and not at all when the
task was acted on first; inactive approvers are passed over. Both databases."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from approvalkit import approval_flow, make, pending, publish, run_jobs, status, submit, tasks, user
from trellis.storage import models


@pytest.fixture
def rt(engine):
    return make(engine)


def node(nid: str, who: str, **more) -> dict:
    return {"id": nid, "type": "approval", "label": {"zh": nid, "en": nid}, "approvers": [{"type": "user", "user": who}],
            **more}


def jobs(rt, name: str) -> list[dict]:
    j = models.job
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(j).where(j.c.name == name, j.c.state == "queued")).mappings()]


def notices(rt, who: str) -> list[dict]:
    d = models.delivery
    with rt.engine.connect() as conn:
        rows = conn.execute(sa.select(d).where(d.c.event == "flow_task").order_by(d.c.id)).mappings().all()
    return [dict(r) for r in rows if (r["recipient"] or {}).get("user_id") == rt.people[who]]


def until_pending(rt, who: str) -> list[dict]:
    """Run jobs one at a time until `who` has a task (the notice job comes after it)."""
    while not pending(rt, who):
        assert rt.jobs.run_due(max_jobs=1)
    return pending(rt, who)


def test_approving_gives_the_next_approver_a_task_in_the_same_transaction(rt):
    publish(rt, approval_flow("two_steps", [node("first", "dan"), node("second", "eve")]))
    rec = submit(rt)
    [task] = pending(rt, "dan")
    rt.flows.people.act(task["id"], "approve", user(rt, "dan"), {"comment": "同意"})  # no job runs after it
    assert [t["node"] for t in pending(rt, "eve")] == ["second"]
    assert jobs(rt, "flows.advance") == []
    [second] = pending(rt, "eve")
    rt.flows.people.act(second["id"], "approve", user(rt, "eve"), {})
    assert status(rt, rec["id"]) == "approved"  # the run ended in the action's transaction


def test_a_next_step_that_calls_out_is_left_to_the_job(rt):
    seen: list = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            seen.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/approved"
        publish(rt, approval_flow("tell_erp", [node("first", "dan"),
                                               {"id": "erp", "type": "http_request", "method": "POST", "url": url,
                                                "body": {"id": {"var": "id"}}, "timeout": 5}]))
        rec = submit(rt)
        [task] = pending(rt, "dan")
        rt.flows.people.act(task["id"], "approve", user(rt, "dan"), {})
        assert [t["state"] for t in tasks(rt)] == ["approved"]  # the approval stands
        assert [j["key"] for j in jobs(rt, "flows.advance")] == [f"flows.advance:{task['run_id']}:task:{task['id']}"]
        assert seen == [] and status(rt, rec["id"]) == "pending"
        run_jobs(rt)
        assert len(seen) == 1 and status(rt, rec["id"]) == "approved"
    finally:
        server.shutdown()
        server.server_close()


def test_the_new_assignee_hears_of_the_task_from_a_job_after_the_commit(rt):
    publish(rt, approval_flow("one_step", [node("first", "dan")]))
    rec = rt.records("demo", "expense", user(rt, "ann")).create({"reason": "差旅", "amount": "10.00"})
    [task] = until_pending(rt, "dan")
    assert notices(rt, "dan") == [] and len(jobs(rt, "flows.notice")) == 1
    run_jobs(rt)
    [sent] = notices(rt, "dan")
    assert f"/inbox?task={task['id']}" in sent["body"] and rec["id"] == task["record_id"]


def test_a_task_acted_on_before_its_notice_is_not_announced(rt):
    publish(rt, approval_flow("quick", [node("first", "dan")]))
    rt.records("demo", "expense", user(rt, "ann")).create({"reason": "差旅", "amount": "10.00"})
    [task] = until_pending(rt, "dan")
    rt.flows.people.act(task["id"], "approve", user(rt, "dan"), {})
    run_jobs(rt)
    assert notices(rt, "dan") == [] and jobs(rt, "flows.notice") == []


def test_an_inactive_approver_is_passed_over(rt):
    users = sa.table("ab_user", sa.column("id"), sa.column("active"))
    with rt.engine.begin() as conn:
        conn.execute(users.update().where(users.c.id == rt.people["dan"]).values(active=False))
    publish(rt, approval_flow("away", [node("first", "dan", empty="skip"), node("second", "eve")]))
    rec = submit(rt)
    assert pending(rt, "dan") == [] and [t["node"] for t in pending(rt, "eve")] == ["second"]
    [task] = pending(rt, "eve")
    rt.flows.people.act(task["id"], "approve", user(rt, "eve"), {})
    assert status(rt, rec["id"]) == "approved"


def test_submitting_lists_the_steps_whose_approvers_the_initiator_picks(rt):
    chosen = {"id": "chosen", "type": "approval", "label": {"zh": "自选", "en": "Chosen"},
              "approvers": [{"type": "initiator_choice"}]}
    publish(rt, approval_flow("picked", [node("first", "dan"), chosen], trigger={
        "type": "submitted", "status_field": "status", "on_create": False}))
    rec = rt.records("demo", "expense", user(rt, "ann")).create({"reason": "用章", "amount": "1.00"})
    asked = rt.flows.status.choices("demo", "expense", rec["id"], user(rt, "ann"))
    assert asked == {"flow": "picked", "label": {"zh": "报销审批", "en": "Expense approval"},
                     "choices": [{"node": "chosen", "label": {"zh": "自选", "en": "Chosen"}}]}
    rt.flows.status.submit("demo", "expense", rec["id"], user(rt, "ann"), approvers={"chosen": [rt.people["fay"]]})
    run_jobs(rt)
    [task] = pending(rt, "dan")
    rt.flows.people.act(task["id"], "approve", user(rt, "dan"), {})
    assert [t["node"] for t in pending(rt, "fay")] == ["chosen"]
