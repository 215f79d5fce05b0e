"""The task API over HTTP on the session's app (a test app beside the futures CRM, its demo
users): the inbox, a task's view with the node's field permissions enforced by the API
(hidden fields absent and refused, read-only refused, editable written), acting,
refusals with bilingual messages, batch approve, the initiator's list, urge, withdraw,
resubmit, and a record's approvals."""
from __future__ import annotations

import copy

import pytest

from approvalkit import EXPENSE
from samples import APP, BROKER, CLIENT, DEAL, install

APP_ID = "approvals_api"
STAFF = {"schema_version": 1, "id": "staff", "label": {"zh": "员工", "en": "Staff"},
         "forms": {"expense": {"actions": ["read", "create", "update"],
                               "scope": {"==": [{"var": "created_by"}, {"var": "$user.id"}]}}}}
FLOW = {"schema_version": 1, "id": "expense_api", "label": {"zh": "报销审批", "en": "Expense approval"},
        "form": "expense", "trigger": {"type": "submitted", "status_field": "status", "lock": ["amount"]},
        "steps": [{"id": "head", "type": "approval", "label": {"zh": "负责人审批", "en": "Head approves"},
                   "approvers": [{"type": "manager"}],
                   "fields": {"note": "editable", "secret": "hidden"}},
                  {"id": "finance", "type": "approval", "label": {"zh": "财务审批", "en": "Finance approves"},
                   "approvers": [{"type": "user", "user": "fin01"}], "fields": {"secret": "hidden"}}]}


@pytest.fixture(scope="module")
def world(crm, token, login):
    rt = crm.extensions["trellis"]
    admin = login("admin")
    with crm.app_context():
        if rt.store.published(APP_ID, "app", APP_ID) is None:
            install(rt, BROKER, CLIENT, DEAL, copy.deepcopy(EXPENSE), app=dict(APP, id=APP_ID, forms=APP["forms"] + ["expense"]))
    ids = {u: _uid(crm, u) for u in ("am0001", "am0002", "bh_sh", "fin01")}
    base = f"/api/v1/apps/{APP_ID}/roles/staff"
    assert admin.put(base, json=STAFF).status_code == 200
    assert admin.post(f"{base}/publish").status_code == 200
    assert admin.put(f"{base}/members", json=[ids["am0001"], ids["am0002"]]).status_code == 200
    assert admin.put(f"/api/v1/apps/{APP_ID}/definitions/flow/expense_api", json=FLOW).status_code in (200, 201)
    r = admin.post(f"/api/v1/apps/{APP_ID}/definitions/flow/expense_api/publish")
    assert r.status_code == 200, r.get_json()
    return rt, ids


def _uid(app, username: str) -> int:
    with app.app_context():
        return app.appbuilder.sm.find_user(username=username).id


def jobs(rt) -> None:
    with rt.jobs.scheduler.paused():
        rt.jobs.run_due()


def submit(world, login, who="am0001", **values) -> dict:
    rt, _ = world
    r = login(who).post(f"/api/v1/apps/{APP_ID}/forms/expense/records",
                        json={"reason": "差旅", "amount": "800.00", "secret": "内部", **values})
    assert r.status_code == 201, r.get_json()
    jobs(rt)
    return r.get_json()


def mine(login, who: str, state: str = "pending", **params) -> list[dict]:
    r = login(who).get("/api/v1/inbox", query_string={"state": state, "app": APP_ID, **params})
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def test_the_inbox_and_a_task_show_what_the_node_allows_and_the_api_enforces_it(world, login):
    rt, ids = world
    rec = submit(world, login, reason="北京出差")
    assert rec["status"] == "pending"
    [item] = [i for i in mine(login, "bh_sh", q="北京") if i["record"] == rec["id"]]
    assert {"id", "flow", "node", "app", "form", "record", "title", "due_at", "actions"} <= set(item)
    assert item["node"] == "head" and "approve" in item["actions"] and "北京出差" in item["title"]
    head = login("bh_sh")
    seen = head.get(f"/api/v1/tasks/{item['id']}").get_json()
    assert "secret" not in seen["record"] and seen["record"]["reason"] == "北京出差"
    assert seen["fields"]["note"] == "editable" and seen["fields"]["amount"] == "readonly" and "secret" not in seen["fields"]
    r = head.post(f"/api/v1/tasks/{item['id']}/approve", json={"values": {"secret": "改"}})
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "secret"
    r = head.post(f"/api/v1/tasks/{item['id']}/approve", json={"values": {"amount": "1.00"}})
    assert r.status_code == 422 and "修改" in r.get_json()["errors"][0]["message"]["zh"]
    r = head.post(f"/api/v1/tasks/{item['id']}/approve", json={"values": {"note": "同意,注意票据"}, "comment": "可以"})
    assert r.status_code == 200 and r.get_json()["state"] == "approved"
    jobs(rt)
    got = login("am0001").get(f"/api/v1/apps/{APP_ID}/forms/expense/records/{rec['id']}").get_json()
    assert got["note"] == "同意,注意票据" and got["status"] == "pending"
    [fin] = [i for i in mine(login, "fin01") if i["record"] == rec["id"]]
    fseen = login("fin01").get(f"/api/v1/tasks/{fin['id']}").get_json()
    assert fseen["fields"]["note"] == "readonly"
    assert [h["state"] for h in fseen["history"]] == ["approved", "pending"] and fseen["history"][0]["comment"] == "可以"
    assert {r["node"] for r in fseen["returnable"]} == {"head", "start"}
    assert login("fin01").post(f"/api/v1/tasks/{fin['id']}/approve", json={}).status_code == 200
    jobs(rt)
    assert login("am0001").get(f"/api/v1/apps/{APP_ID}/forms/expense/records/{rec['id']}").get_json()["status"] == "approved"
    done = mine(login, "fin01", "done")
    assert any(i["id"] == fin["id"] for i in done)


def test_refusals_name_what_is_wrong(world, login):
    rec = submit(world, login)
    [item] = [i for i in mine(login, "bh_sh") if i["record"] == rec["id"]]
    url = f"/api/v1/tasks/{item['id']}"
    assert login("am0002").get(url).status_code == 404                       # not theirs
    assert login("am0002").post(f"{url}/approve", json={}).status_code == 403
    head = login("bh_sh")
    cases = [("fly", {}, 404), ("approve", {"comment": "x" * 2001}, 400), ("return", {"to": "nowhere"}, 400),
             ("transfer", {"to": "no_such_user"}, 400), ("transfer", {"to": True}, 400),
             ("add_signer", {"users": []}, 400), ("add_signer", {"users": ["fin01"], "position": "beside"}, 400),
             ("comment", {}, 400), ("approve", {"values": [1]}, 400)]
    for action, body, status in cases:
        r = head.post(f"{url}/{action}", json=body)
        assert r.status_code == status, (action, body, r.get_json())
        assert set(r.get_json()["message"]) == {"zh", "en"}
    assert head.post(f"{url}/approve", data="not json", content_type="application/json").status_code == 400
    assert login("bh_sh").get("/api/v1/inbox?state=mine").status_code == 400
    r = login("am0001").patch(f"/api/v1/apps/{APP_ID}/forms/expense/records/{rec['id']}", json={"amount": "5.00"})
    assert r.status_code == 409 and r.get_json()["details"]["field"] == "amount"


def test_batch_approve_and_the_initiators_side(world, login):
    rt, _ = world
    recs = [submit(world, login, reason=f"批量{i}") for i in range(2)]
    ids = [i["id"] for i in mine(login, "bh_sh") if i["record"] in {r["id"] for r in recs}]
    r = login("bh_sh").post("/api/v1/tasks/batch", json={"ids": ids + [999999], "action": "approve", "comment": "批量同意"})
    body = r.get_json()
    assert r.status_code == 200 and body["done"] == 2 and body["results"][-1]["ok"] is False
    jobs(rt)
    started = mine(login, "am0001", "initiated")
    waiting = [i for i in started if i["record"] in {r["id"] for r in recs}]
    assert len(waiting) == 2 and all(i["waiting_for"] for i in waiting)
    run = waiting[0]["run"]
    am = login("am0001")
    assert am.post(f"/api/v1/apps/{APP_ID}/flow-runs/{run}/urge").status_code == 200
    assert am.post(f"/api/v1/apps/{APP_ID}/flow-runs/{run}/urge").status_code == 409      # not twice in 10 minutes
    assert am.post(f"/api/v1/apps/{APP_ID}/flow-runs/{run}/withdraw").status_code == 409  # someone acted already
    fresh = submit(world, login, reason="撤回再提交")
    frun = [i for i in mine(login, "am0001", "initiated") if i["record"] == fresh["id"]][0]["run"]
    assert login("am0002").post(f"/api/v1/apps/{APP_ID}/flow-runs/{frun}/withdraw").status_code == 403
    r = am.post(f"/api/v1/apps/{APP_ID}/flow-runs/{frun}/withdraw")
    assert r.status_code == 200 and r.get_json()["status"] == "withdrawn"
    r = am.post(f"/api/v1/apps/{APP_ID}/forms/expense/records/{fresh['id']}/submit", json={})
    assert r.status_code == 202
    jobs(rt)
    story = am.get(f"/api/v1/apps/{APP_ID}/forms/expense/records/{fresh['id']}/approvals").get_json()["items"]
    assert [s["status"] for s in story] == ["pending", "withdrawn"] and story[0]["waiting_for"]
    assert login("am0002").get(f"/api/v1/apps/{APP_ID}/forms/expense/records/{fresh['id']}/approvals").status_code == 404


def test_a_task_names_its_fields_and_the_inbox_pages_from_zero(world, login):
    rec = submit(world, login, reason="字段定义")
    [item] = [i for i in mine(login, "bh_sh") if i["record"] == rec["id"]]
    seen = login("bh_sh").get(f"/api/v1/tasks/{item['id']}").get_json()
    defs = {d["id"]: d for d in seen["field_defs"]}
    assert "secret" not in defs and defs["status"]["options"][0]["value"] == "pending"
    assert defs["reason"]["label"] == {"zh": "事由", "en": "Reason"}
    assert login("bh_sh").get("/api/v1/inbox?state=pending&offset=0").status_code == 200
    r = login("bh_sh").post(f"/api/v1/tasks/{item['id']}/approve", json={})
    assert r.get_json()["state"] == "approved"
    got = login("am0001").get(f"/api/v1/apps/{APP_ID}/forms/expense/records/{rec['id']}").get_json()
    assert got["status"] == "pending"  # moved on at once: finance has it now, no job needed
    assert [i for i in mine(login, "fin01") if i["record"] == rec["id"]]


def test_a_rejected_approval_shows_as_rejected_on_the_record(world, login):
    rt, _ = world
    rec = submit(world, login, reason="驳回看状态")
    [item] = [i for i in mine(login, "bh_sh") if i["record"] == rec["id"]]
    assert login("bh_sh").post(f"/api/v1/tasks/{item['id']}/reject", json={"comment": "不符合规定"}).status_code == 200
    story = login("am0001").get(f"/api/v1/apps/{APP_ID}/forms/expense/records/{rec['id']}/approvals").get_json()["items"]
    assert [s["status"] for s in story] == ["rejected"] and story[0]["history"][0]["comment"] == "不符合规定"
    started = [i for i in mine(login, "am0001", "initiated") if i["record"] == rec["id"]]
    assert started[0]["status"] == "rejected"


def _upload(client, name: str) -> dict:
    import io

    r = client.post("/api/v1/files", data={"file": (io.BytesIO(b"call notes"), name)}, content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def test_a_comments_files_are_the_commenters_own_and_the_runs_people_may_download_them(world, login):
    rec = submit(world, login)
    [item] = [i for i in mine(login, "bh_sh") if i["record"] == rec["id"]]
    head = login("bh_sh")
    url = f"/api/v1/tasks/{item['id']}/comment"
    mine_file, theirs = _upload(head, "纪要.txt"), _upload(login("am0002"), "other.txt")
    for bad in ([theirs], [{"id": "0" * 32}], ["not-a-file-id"]):
        r = head.post(url, json={"comment": "附件", "attachments": bad})
        assert r.status_code == 400 and r.get_json()["details"]["field"] == "attachments", r.get_json()
    r = head.post(url, json={"comment": "见附件", "attachments": [{"id": mine_file["id"], "name": "改名.exe"}]})
    assert r.status_code == 200, r.get_json()
    seen = head.get(f"/api/v1/tasks/{item['id']}").get_json()
    [files] = [n["attachments"] for h in seen["history"] if h["task"] == item["id"] for n in h["notes"]]
    assert files and files[0]["id"] == mine_file["id"] and files[0]["name"] == "纪要.txt"  # as stored, not as sent
    download = f"/api/v1/files/{mine_file['id']}"
    assert login("am0001").get(download).status_code == 200   # the initiator
    assert head.get(download).status_code == 200               # the commenter
    assert login("am0002").get(download).status_code == 404   # not in the run
    assert login("am0002").get(f"/api/v1/files/{theirs['id']}").status_code == 200


def test_what_submitting_asks(world, login):
    rec = submit(world, login)
    url = f"/api/v1/apps/{APP_ID}/forms/expense/records/{rec['id']}/submit"
    r = login("am0001").get(url)
    assert r.status_code == 200 and r.get_json() == {"flow": "expense_api", "label": FLOW["label"], "choices": []}
    assert login("am0002").get(url).status_code == 404  # a record the caller may not read
    assert login("admin").get(f"/api/v1/apps/{APP_ID}/forms/client/records/999999/submit").status_code == 404
