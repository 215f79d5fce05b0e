"""The task inbox (待办中心) in the browser, over a small approval flow published through the
definition API: a leave request form (事由, 天数, 审批备注, 审批状态) whose records start
"负责人审批" for the branch head bh_sh, who may fill in 审批备注.

1. The administrator submits a request (a record create) and sees it 审批中 on its record page,
   waiting for 周海峰 at 负责人审批 with a countdown, marked on the flow; on a 390 px phone bh_sh sees the
   pending count on the header's inbox button, the request as a card with its step, initiator
   and countdown, opens it as a whole page (审批备注 an input, 事由 read-only), fills the note
   and approves with a comment.
2. The request's record page shows 已通过 beside its title and, on its 流程 tab, the approval's
   history (bh_sh, 已同意, the comment) and the flow drawn with the path taken.
3. Two more requests: on a desktop bh_sh selects both rows of 待我处理 and approves them in one
   go (批量同意), confirmed, each reported done; the list is empty after, 我已处理 lists them.
4. The initiator sees a request under 我发起的 (waiting for 周海峰), urges and withdraws it; its
   record page shows 已撤回 and 重新提交, which starts the approval again.

Screenshots (zh and en, desktop and 390 px) of the inbox, a task and the record's approval go
to /tmp/trellis_inbox_shots/ (printed), not to the shared artifacts folder.
"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pytest
from e2e_ui import ADMIN_PASSWORD, APP, DEMO_PASSWORD, Api, login, settle
from playwright.sync_api import expect

FORM = "e2e_leave"
FLOW = "e2e_leave_approval"
APPROVER = "bh_sh"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path(tempfile.gettempdir()) / "trellis_inbox_shots"
STATUS = [{"value": v, "label": {"zh": zh, "en": en}} for v, zh, en in (
    ("pending", "审批中", "In approval"), ("approved", "已通过", "Approved"), ("rejected", "已驳回", "Rejected"),
    ("withdrawn", "已撤回", "Withdrawn"), ("returned", "已退回", "Returned"))]
LEAVE = {
    "schema_version": 1, "id": FORM, "label": {"zh": "请假申请", "en": "Leave request"}, "title_field": "reason",
    "fields": [
        {"id": "reason", "type": "text", "label": {"zh": "事由", "en": "Reason"}, "required": True},
        {"id": "days", "type": "integer", "label": {"zh": "天数", "en": "Days"}},
        {"id": "note", "type": "text", "label": {"zh": "审批备注", "en": "Approver's note"}},
        {"id": "status", "type": "single_select", "label": {"zh": "审批状态", "en": "Approval status"}, "options": STATUS},
    ],
}
APPROVAL = {
    "schema_version": 1, "id": FLOW, "kind": "automation", "enabled": True, "form": FORM,
    "label": {"zh": "请假审批", "en": "Leave approval"},
    "trigger": {"type": "submitted", "status_field": "status", "lock": ["reason", "days"]},
    "steps": [{"id": "head", "type": "approval", "label": {"zh": "负责人审批", "en": "Head approval"},
               "approvers": [{"type": "user", "user": APPROVER}], "mode": "any",
               "fields": {"reason": "readonly", "days": "readonly", "note": "editable"},
               "sla": {"amount": 8, "unit": "working_hours"}}],
}


@pytest.fixture(scope="session", autouse=True)
def _fresh_shots():
    """This module's screenshots go to SHOTS: the shared artifacts folder is left as it is."""
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\ntask inbox screenshots: {SHOTS}")


def _publish(admin_api, form: dict, flow: dict) -> str:
    """A form and its approval flow published, once the server's other processes can have
    seen them (they keep published definitions for 2 s)."""
    base = f"/api/v1/apps/{APP}/definitions"
    for kind, body in (("form", form), ("flow", flow)):
        admin_api.call("PUT", f"{base}/{kind}/{body['id']}", body)
        admin_api.call("POST", f"{base}/{kind}/{body['id']}/publish", {"note": "e2e"})
    time.sleep(2.5)
    return flow["id"]


@pytest.fixture(scope="module")
def leave_flow(admin_api):
    """The leave form and its approval flow, published once for the module."""
    return _publish(admin_api, LEAVE, APPROVAL)


@pytest.fixture(scope="module")
def approver_api(server) -> Api:
    return Api(server.base, APPROVER, DEMO_PASSWORD)


def _submit(admin_api, reason: str, days: int = 2) -> dict:
    return admin_api.call("POST", f"/api/v1/apps/{APP}/forms/{FORM}/records", {"reason": reason, "days": days})


def _pending(api) -> list[dict]:
    return [i for i in api.get("/api/v1/inbox", state="pending", limit=200)["items"] if i["flow"] == FLOW]


def _tasks_for(api, records: list[int], timeout: float = 20) -> list[dict]:
    """The approver's pending tasks of these records, once the runs (started by the job runner) reach them."""
    deadline = time.time() + timeout
    while True:
        found = [t for t in _pending(api) if t["record"] in records]
        if len(found) >= len(records) or time.time() > deadline:
            return found
        time.sleep(0.3)


def _record_once(api, record_id: int, ready, timeout: float = 20) -> dict:
    """The record, once `ready(record)` holds (or as it is when the time is up)."""
    deadline = time.time() + timeout
    while True:
        row = api.get(f"/api/v1/apps/{APP}/forms/{FORM}/records/{record_id}")
        if ready(row) or time.time() > deadline:
            return row
        time.sleep(0.3)


def _shot(page, name: str) -> None:
    settle(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled")


def _set_lang(page, lang: str) -> None:
    page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
    page.reload()


def _shots_both_ways(page, step: str, ready, sizes=(("desktop", DESKTOP), ("phone", PHONE))) -> None:
    """The current page in zh and en at each size; `ready()` waits for it after a reload. Ends in zh."""
    first = page.viewport_size
    for lang in ("zh", "en"):
        for name, size in sizes:
            page.set_viewport_size(size)
            _set_lang(page, lang)
            ready()
            _shot(page, f"{step}_{lang}_{name}")
    page.set_viewport_size(first)
    _set_lang(page, "zh")
    ready()


def test_approve_on_a_phone_and_see_the_history(page, server, admin_api, approver_api, leave_flow):
    record = _submit(admin_api, "年假 · 手机审批")
    assert record["status"] == "pending", record
    [task] = _tasks_for(approver_api, [record["id"]])
    assert task["node_label"]["zh"] == "负责人审批" and task["minutes_left"] is not None, task

    # the initiator's record page while it waits: 审批中, whom it waits for until when, where it stands
    login(page, "admin", ADMIN_PASSWORD)
    page.goto(f"/apps/{APP}/forms/{FORM}/records/{record['id']}")
    expect(page.get_by_test_id("approval-status")).to_have_text("审批中")
    expect(page.get_by_test_id("record-submit")).to_have_count(0)
    page.get_by_test_id("record-flows-tab").click()
    waiting = page.get_by_test_id("run-approval-waiting")
    expect(waiting.get_by_test_id("run-waiting-for")).to_contain_text("周海峰")
    expect(waiting).to_contain_text("负责人审批")
    expect(waiting.get_by_test_id("task-sla")).to_contain_text(re.compile(r"剩余 \d+ (分钟|小时|天)"))
    expect(page.get_by_test_id("run-diagram").locator(".tfl-node-waiting")).to_contain_text("负责人审批")
    _shot(page, "record_waiting_zh_desktop")
    page.evaluate("localStorage.clear()")

    page.set_viewport_size(PHONE)
    login(page, APPROVER, DEMO_PASSWORD)
    expect(page.get_by_test_id("inbox-badge")).to_be_visible()
    header = page.evaluate("() => { const h = document.querySelector('.trellis-header'); return [h.scrollWidth, h.clientWidth, [...h.children].map(c => [c.className.slice(0, 30), Math.round(c.getBoundingClientRect().width)])]; }")
    assert header[0] <= header[1], f"the phone's header overflows: {header}"
    page.get_by_test_id("inbox-button").click()
    page.wait_for_url("**/inbox")
    card = page.get_by_test_id(f"task-card-{task['id']}")
    expect(card).to_contain_text("年假 · 手机审批")
    expect(card).to_contain_text("负责人审批")
    expect(card.get_by_test_id("task-sla")).to_contain_text(re.compile(r"剩余 \d+ (分钟|小时|天)"))
    expect(page.get_by_test_id("task-table")).to_have_count(0)  # cards, not a table, on a phone
    _shots_both_ways(page, "inbox", lambda: expect(page.get_by_text("年假 · 手机审批").first).to_be_visible(),
                     sizes=(("phone", PHONE), ("desktop", DESKTOP)))

    card.click()
    page.wait_for_url(f"**/tasks/{task['id']}")
    view = page.get_by_test_id("task-view")
    expect(view.get_by_test_id("task-title")).to_contain_text("年假 · 手机审批")
    expect(page.get_by_test_id("task-drawer")).to_have_count(0)  # the whole page on a phone
    note = view.get_by_test_id("task-field-note")
    expect(note).to_have_attribute("data-editable", "true")
    expect(view.get_by_test_id("task-field-reason")).to_have_attribute("data-editable", "false")
    expect(view.get_by_test_id("task-field-reason")).to_contain_text("年假 · 手机审批")
    expect(view.get_by_test_id("task-field-status")).to_have_count(1)
    _shots_both_ways(page, "task", lambda: expect(page.get_by_test_id("task-field-note")).to_be_visible(),
                     sizes=(("phone", PHONE), ("desktop", DESKTOP)))

    page.get_by_test_id("task-field-note").locator("input").fill("同意,注意交接")
    page.get_by_test_id("task-action-approve").click()
    modal = page.get_by_test_id("action-modal-approve")
    modal.get_by_test_id("action-comment").fill("路上注意安全")
    modal.get_by_test_id("action-ok").click()
    page.wait_for_url("**/inbox")
    expect(page.get_by_test_id(f"task-card-{task['id']}")).to_have_count(0)

    done = _record_once(admin_api, record["id"], lambda r: r["status"] == "approved")  # the run ends in the job runner
    assert done["status"] == "approved" and done["note"] == "同意,注意交接", done

    # the initiator's record page: the status beside the title, the approval on the 流程 tab
    page.evaluate("localStorage.clear()")
    page.set_viewport_size(DESKTOP)
    login(page, "admin", ADMIN_PASSWORD)
    page.goto(f"/apps/{APP}/forms/{FORM}/records/{record['id']}")
    expect(page.get_by_test_id("approval-status")).to_have_text("已通过")

    def flows_tab():
        page.get_by_test_id("record-flows-tab").click()
        expect(page.get_by_test_id("task-history").first).to_be_visible()

    flows_tab()
    history = page.get_by_test_id("task-history").first
    expect(history).to_contain_text("已同意")
    expect(history).to_contain_text("路上注意安全")
    page.get_by_test_id("run-diagram-toggle").first.click()
    expect(page.get_by_test_id("run-diagram").locator(".tfl-node-path").first).to_be_visible()
    _shot(page, "record_approval_zh_desktop_diagram")
    _shots_both_ways(page, "record_approval", flows_tab)


def test_batch_approve_two_tasks_on_a_desktop(page, admin_api, approver_api, leave_flow):
    ids = [_submit(admin_api, f"调休 · 批量 {n}", n)["id"] for n in (1, 2)]
    tasks = _tasks_for(approver_api, ids)
    assert len(tasks) == 2, tasks

    login(page, APPROVER, DEMO_PASSWORD)
    page.goto("/inbox")
    table = page.get_by_test_id("task-table")
    for t in tasks:
        expect(table.get_by_test_id(f"task-row-{t['id']}")).to_be_visible()
    expect(page.get_by_test_id("menu-inbox")).to_contain_text("待办")
    for t in tasks:
        table.get_by_test_id(f"task-row-{t['id']}").locator(".ant-checkbox-input").check()
    expect(page.get_by_test_id("batch-approve")).to_contain_text("(2)")
    page.get_by_test_id("batch-approve").click()
    page.get_by_test_id("batch-confirm").get_by_role("button", name=re.compile("同\\s*意")).click()
    result = page.get_by_test_id("batch-result")
    for t in tasks:
        expect(result.get_by_test_id(f"batch-result-{t['id']}")).to_contain_text("已同意")
    expect(result).to_contain_text("成功 2 项")
    _shot(page, "batch_result_zh_desktop")
    result.get_by_role("button", name=re.compile("确\\s*定")).click()
    for t in tasks:
        expect(page.get_by_test_id(f"task-row-{t['id']}")).to_have_count(0)
    assert not [t for t in _pending(approver_api) if t["record"] in ids]

    page.get_by_test_id("inbox-tab-done").click()
    for t in tasks:
        expect(page.get_by_test_id(f"task-row-{t['id']}")).to_contain_text("已同意")
    _shots_both_ways(page, "inbox_done", lambda: expect(page.get_by_text("调休 · 批量 1").first).to_be_visible())

    page.get_by_test_id("inbox-tab-pending").click()
    _shot(page, "inbox_empty_zh_desktop")


def test_urge_withdraw_and_resubmit_as_the_initiator(page, admin_api, approver_api, leave_flow):
    record = _submit(admin_api, "病假 · 撤回重交")
    [task] = _tasks_for(approver_api, [record["id"]])

    login(page, "admin", ADMIN_PASSWORD)
    page.goto("/inbox?tab=initiated")
    row = page.get_by_test_id(f"task-row-{task['run']}")
    expect(row).to_contain_text("病假 · 撤回重交")
    expect(row).to_contain_text("周海峰")
    expect(row.get_by_test_id("approval-status")).to_have_text("审批中")
    _shot(page, "initiated_zh_desktop")

    row.get_by_test_id(f"run-urge-{task['run']}").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile("确\\s*定")).click()
    expect(page.locator(".ant-message")).to_contain_text("已催办")
    expect(page.locator(".ant-popconfirm:visible")).to_have_count(0)  # the urge's confirm has closed
    row.get_by_test_id(f"run-withdraw-{task['run']}").click()
    page.locator(".ant-popconfirm:visible").get_by_role("button", name=re.compile("确\\s*定")).last.click()
    expect(page.locator(".ant-message")).to_contain_text("已撤回")
    assert _record_once(admin_api, record["id"], lambda r: r["status"] == "withdrawn")["status"] == "withdrawn"

    # the record page offers 重新提交; submitted again, it waits for the approver once more
    page.goto(f"/apps/{APP}/forms/{FORM}/records/{record['id']}")
    expect(page.get_by_test_id("approval-status")).to_have_text("已撤回")
    page.get_by_test_id("record-submit").click()
    modal = page.locator(".ant-modal:visible")
    expect(modal).to_contain_text("提交这条记录审批")
    modal.get_by_role("button", name=re.compile("确\\s*定")).click()
    expect(page.get_by_test_id("approval-status")).to_have_text("审批中", timeout=20_000)
    expect(page.get_by_test_id("record-submit")).to_have_count(0)
    _shot(page, "resubmitted_zh_desktop")
    assert len(_tasks_for(approver_api, [record["id"]])) == 1


PICK_FORM, PICK_FLOW = "e2e_seal", "e2e_seal_approval"
SEAL = dict(LEAVE, id=PICK_FORM, label={"zh": "用章申请", "en": "Seal request"})
PICKED = {
    "schema_version": 1, "id": PICK_FLOW, "kind": "automation", "enabled": True, "form": PICK_FORM,
    "label": {"zh": "用章审批", "en": "Seal approval"},
    "trigger": {"type": "submitted", "status_field": "status", "on_create": False},
    "steps": [{"id": "chosen", "type": "approval", "label": {"zh": "自选审批", "en": "Chosen approval"},
               "approvers": [{"type": "initiator_choice"}]}],
}


@pytest.fixture(scope="module")
def seal_flow(admin_api):
    """A form whose approval starts on 提交审批, its approver picked by the initiator."""
    return _publish(admin_api, SEAL, PICKED)


def test_the_initiator_picks_the_approver_when_submitting(page, admin_api, approver_api, seal_flow):
    record = admin_api.call("POST", f"/api/v1/apps/{APP}/forms/{PICK_FORM}/records", {"reason": "合同用章", "days": 1})
    login(page, "admin", ADMIN_PASSWORD)
    page.goto(f"/apps/{APP}/forms/{PICK_FORM}/records/{record['id']}")
    page.get_by_test_id("record-submit").click()
    modal = page.locator(".ant-modal:visible")
    expect(modal).to_contain_text("请选择自选审批的处理人")
    modal.get_by_role("button", name=re.compile("确\\s*定")).click()  # nobody picked: refused in place
    expect(modal).to_contain_text("请选择人员")
    picker = page.get_by_test_id("submit-pick-chosen")
    picker.click()
    picker.locator("input").fill(APPROVER)
    option = page.locator(".ant-select-dropdown:visible").get_by_title("周海峰 (bh_sh)", exact=True)
    option.click()
    expect(picker).to_contain_text("周海峰")
    page.keyboard.press("Escape")
    _shot(page, "submit_pick_zh_desktop")
    modal.get_by_role("button", name=re.compile("确\\s*定")).click()
    expect(page.get_by_test_id("approval-status")).to_have_text("审批中", timeout=20_000)
    found = [t for t in approver_api.get("/api/v1/inbox", state="pending", limit=200)["items"]
             if t["flow"] == PICK_FLOW and t["record"] == record["id"]]
    assert [t["node"] for t in found] == ["chosen"]

    # the dialog on a phone, in English (a second request)
    other = admin_api.call("POST", f"/api/v1/apps/{APP}/forms/{PICK_FORM}/records", {"reason": "Seal", "days": 1})
    page.set_viewport_size(PHONE)
    page.goto(f"/apps/{APP}/forms/{PICK_FORM}/records/{other['id']}")
    _set_lang(page, "en")
    page.get_by_test_id("record-submit").click()
    expect(page.locator(".ant-modal:visible")).to_contain_text("Pick who handles Chosen approval")
    _shot(page, "submit_pick_en_phone")
    _set_lang(page, "zh")
