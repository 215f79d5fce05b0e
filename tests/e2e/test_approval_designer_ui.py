"""The flow designer's human steps in the browser: "an expense claim goes through three
approvals and finance gets a copy", designed by clicking, then run through the task API
(on a small form of its own: the seed's forms each have an approval flow already).

1. A new flow on 报销申请 started by 提交时发起审批: it starts with the form's approval status
   field (审批状态); switched to the plain 类别, the panel names the options it lacks (and
   publishing puts the server's refusal on the start card, until 审批状态 is back); 金额 is locked.
2. From the palette's 人员 group: 审批 「主管审批」 saved without approvers (the refusal shows on
   the node in words), then for 发起人的上级; 审批 「风控审核」 for the role 风控, 会签, 备注
   editable, a time limit of 4 working hours (remind 1 hour before, transfer when overdue);
   审批 「负责人确认」 for a member picked by search; 抄送 to the role 财务. The cards say who,
   how and how long in words. Saved and published as v1.
3. Through the API: fin01 submits a claim (its status: pending), and the initiator's manager,
   the risk officer and the branch head approve their tasks in turn; the record ends approved, and the run opens in the editor's run log, done, every step on its path.

Screenshots (zh and en, desktop and a 390 px phone) of the canvas, a step's three panel tabs,
the trigger panel and the run go to /tmp/trellis_approval_designer_shots/ (printed).
"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pytest
from e2e_ui import APP, DEMO_PASSWORD, Api, menu_item, settle
from playwright.sync_api import expect

KEY = "claim_three_step"
NAME = "报销三级审批"
FORM = "claim"
STATUS = [{"value": v, "label": {"zh": zh, "en": en}} for v, zh, en in (
    ("pending", "审批中", "In approval"), ("approved", "已通过", "Approved"), ("rejected", "已驳回", "Rejected"),
    ("withdrawn", "已撤回", "Withdrawn"), ("returned", "已退回", "Returned"))]
CLAIM = {
    "schema_version": 1, "id": FORM, "label": {"zh": "报销申请", "en": "Expense claim"}, "title_field": "reason",
    "fields": [
        {"id": "reason", "type": "text", "label": {"zh": "事由", "en": "Reason"}, "required": True},
        {"id": "amount", "type": "decimal", "label": {"zh": "金额", "en": "Amount"}},
        {"id": "category", "type": "single_select", "label": {"zh": "类别", "en": "Category"},
         "options": [{"value": "travel", "label": {"zh": "差旅", "en": "Travel"}},
                     {"value": "office", "label": {"zh": "办公", "en": "Office"}}]},
        {"id": "reviewer", "type": "user", "label": {"zh": "复核人", "en": "Reviewer"}},
        {"id": "note", "type": "text", "label": {"zh": "审批备注", "en": "Approver's note"}},
        {"id": "status", "type": "single_select", "label": {"zh": "审批状态", "en": "Approval status"}, "options": STATUS},
    ],
}
CLAIMANT = {"schema_version": 1, "id": "claimant", "label": {"zh": "报销申请人", "en": "Claimant"},
            "forms": {FORM: {"actions": ["read", "create", "update"]}}}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path(tempfile.gettempdir()) / "trellis_approval_designer_shots"


@pytest.fixture(scope="session", autouse=True)
def _fresh_shots():
    """This module's screenshots go to SHOTS: the shared artifacts folder is left as it is."""
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\napproval designer screenshots: {SHOTS}")


@pytest.fixture(scope="module")
def claim_form(admin_api):
    """A small form of its own (the seed's forms each have an approval flow already) whose
    claimant role lets fin01 submit claims."""
    base = f"/api/v1/apps/{APP}"
    admin_api.call("PUT", f"{base}/definitions/form/{FORM}", CLAIM)
    admin_api.call("POST", f"{base}/definitions/form/{FORM}/publish", {"note": "e2e"})
    fin01 = next(u["id"] for u in admin_api.get("/api/v1/users", q="fin01")["items"] if u["username"] == "fin01")
    admin_api.call("PUT", f"{base}/roles/claimant", CLAIMANT)
    admin_api.call("POST", f"{base}/roles/claimant/publish", {})
    admin_api.call("PUT", f"{base}/roles/claimant/members", [fin01])
    time.sleep(2.5)  # the server's other processes see the new form within their definition TTL (2 s)
    return FORM


def _shot(page, name: str) -> None:
    settle(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled")


def _set_lang(page, lang: str) -> None:
    page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
    page.reload()


def _shots_both_ways(page, step: str, ready) -> None:
    """The current page in zh and en, desktop and phone; `ready()` brings it back after a reload."""
    for lang in ("zh", "en"):
        for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            _set_lang(page, lang)
            ready()
            _shot(page, f"{step}_{lang}_{name}")
    page.set_viewport_size(DESKTOP)
    _set_lang(page, "zh")
    ready()


def _pick(page, select, title: str, search: str | None = None) -> None:
    """Choose `title` in an antd Select (typing `search` first for a searched list)."""
    for _ in range(3):
        if not page.locator(".ant-select-dropdown:visible").count():
            select.click()
        if search:
            select.locator("input").fill(search)
        dropdown = page.locator(".ant-select-dropdown:visible")
        expect(dropdown).to_have_count(1)
        page.wait_for_timeout(250)  # the slide-in animation
        dropdown.get_by_title(title, exact=True).click()
        try:
            expect(select).to_contain_text(title, timeout=2_000)
            break
        except AssertionError:
            continue
    expect(select).to_contain_text(title)
    if page.locator(".ant-select-dropdown:visible").count():
        page.keyboard.press("Escape")
    expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)


def _fill_number(el, text: str) -> None:
    """An antd InputNumber's value (its test id lands on the input or on its wrapper)."""
    (el if el.evaluate("e => e.tagName") == "INPUT" else el.locator("input")).fill(text)


def _close_drawer(page) -> None:
    page.locator(".ant-drawer-open .ant-drawer-close").first.click()
    expect(page.locator(".ant-drawer-open")).to_have_count(0)


def _add(page, index: int, kind: str) -> None:
    page.get_by_test_id(f"flow-add-/steps-{index}").click()
    palette = page.get_by_test_id("flow-palette")
    expect(palette).to_contain_text("人员")
    page.get_by_test_id(f"palette-{kind}").click()
    expect(page.get_by_test_id("flow-node-panel")).to_be_visible()


def _name(page, zh: str, en: str) -> None:
    page.get_by_test_id("flow-node-label-zh").fill(zh)
    page.get_by_test_id("flow-node-label-en").fill(en)


def _source(page, picker: str, i: int, kind: str) -> None:
    """Row `i` of an approver picker set to the source kind named `kind`."""
    rows = page.get_by_test_id(picker).locator(".tfl-approver")
    if rows.count() <= i:
        page.get_by_test_id(f"{picker}-add").click()
    _pick(page, page.get_by_test_id(f"{picker}-{i}-kind"), kind)


def _wait(what: str, check, timeout: float = 30):
    deadline = time.time() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


def _approve(api: Api, record_id: int, node: str) -> None:
    """The caller's pending task of `node` on the claim, approved."""
    def mine():
        items = api.get("/api/v1/inbox", state="pending", app=APP, limit=200)["items"]
        return [i for i in items if i["flow"] == KEY and i["record"] == record_id and i["node"] == node]
    [task] = _wait(f"the task of {node}", mine)
    done = api.call("POST", f"/api/v1/tasks/{task['id']}/approve", {"comment": "同意"})
    assert done["state"] == "approved", done


def test_three_step_approval_designed_published_and_approved(admin_page, admin_api, server, claim_form):
    page = admin_page

    # 1. a new flow on 报销申请 started on submit
    page.goto(f"/apps/{APP}/flows")
    expect(page.get_by_test_id("flow-list")).to_be_visible()
    page.get_by_test_id("flow-new").click()
    page.get_by_test_id("flow-new-key").fill(KEY)
    page.get_by_test_id("flow-new-zh").fill(NAME)
    page.get_by_test_id("flow-new-en").fill("Expense claim in three steps")
    _pick(page, page.get_by_test_id("flow-new-trigger"), "提交时发起审批")
    _pick(page, page.get_by_test_id("flow-new-form"), "报销申请", search="报销申请")
    page.get_by_test_id("flow-new-ok").click()
    page.wait_for_url(f"**/apps/{APP}/flows/{KEY}")
    expect(page.get_by_test_id("flow-start")).to_contain_text("提交时发起审批")

    page.get_by_test_id("flow-start").click()
    panel = page.get_by_test_id("flow-trigger-panel")
    expect(panel.get_by_test_id("submitted-form")).to_contain_text("withdrawn 已撤回")
    expect(panel.get_by_test_id("submitted-status-field")).to_contain_text("审批状态")  # the form's field with the statuses
    _pick(page, panel.get_by_test_id("submitted-status-field"), "类别")
    expect(panel.get_by_test_id("submitted-status-missing")).to_contain_text("pending 审批中")
    panel.get_by_test_id("submitted-lock-way").get_by_text("指定字段").click()
    _pick(page, panel.get_by_test_id("submitted-lock-fields"), "金额")
    _close_drawer(page)

    # 2. the first approval: saved without approvers, the refusal in words on the node
    _add(page, 0, "approval")
    page.get_by_test_id("flow-save").click()
    expect(page.get_by_test_id("flow-panel-problems")).to_contain_text("请设置审批人")
    expect(page.get_by_test_id("human-item-approvers")).to_contain_text("请设置审批人")
    expect(page.get_by_test_id("flow-node-problems-approval")).to_have_text("1")
    _name(page, "主管审批", "Manager approval")
    _source(page, "human-approvers", 0, "发起人的上级")
    expect(page.get_by_test_id("flow-node-summary-approval")).to_have_text("交给 发起人的上级")
    page.get_by_test_id("flow-panel-close").click()

    # the second: the role 风控, all sign, 备注 editable, 4 working hours
    _add(page, 1, "approval")
    _name(page, "风控审核", "Risk review")
    _source(page, "human-approvers", 0, "角色")
    _pick(page, page.get_by_test_id("human-approvers-0-role"), "风控")
    page.get_by_test_id("human-mode-all").click()
    expect(page.get_by_test_id("human-mode-group")).to_contain_text("所有审批人都同意才通过")
    page.get_by_test_id("human-tab-form").click()
    page.get_by_test_id("human-rights-note").get_by_text("可编辑").click()
    page.get_by_test_id("human-rights-reviewer").get_by_text("隐藏").click()
    page.get_by_test_id("human-tab-more").click()
    page.get_by_test_id("human-sla-on").click()
    _fill_number(page.get_by_test_id("human-sla-amount"), "4")
    _pick(page, page.get_by_test_id("human-sla-unit"), "工作小时")
    _fill_number(page.get_by_test_id("human-sla-remind-amount"), "1")
    _pick(page, page.get_by_test_id("human-sla-remind-unit"), "工作小时")
    page.get_by_test_id("human-sla-overdue").get_by_text("转交").click()
    expect(page.get_by_test_id("human-sla-transfer-0-kind")).to_contain_text("发起人的上级")
    page.get_by_test_id("human-actions-group").get_by_text("加签").click()
    expect(page.get_by_test_id("flow-node-summary-approval_2")).to_have_text("交给 角色 风控 · 会签 · 时限 4 工作小时")
    page.get_by_test_id("flow-panel-close").click()

    # the third: a member found by search
    _add(page, 2, "approval")
    _name(page, "负责人确认", "Branch head confirms")
    _source(page, "human-approvers", 0, "指定成员")
    _pick(page, page.get_by_test_id("human-approvers-0-user"), "周海峰 (bh_sh)", search="bh_sh")
    page.get_by_test_id("flow-panel-close").click()
    expect(page.get_by_test_id("flow-node-summary-approval_3")).to_have_text("交给 成员 周海峰 (bh_sh)")

    # and a copy to finance
    _add(page, 3, "cc")
    _name(page, "抄送财务", "Copy to finance")
    _source(page, "human-recipients", 0, "角色")
    _pick(page, page.get_by_test_id("human-recipients-0-role"), "财务")
    page.get_by_test_id("flow-panel-close").click()
    expect(page.get_by_test_id("flow-node-summary-cc")).to_have_text("抄送 角色 财务")

    # publishing with 类别 as the status field: refused, the problem on the start card
    page.get_by_test_id("flow-publish").click()
    expect(page.get_by_test_id("flow-start-problems")).to_have_text("1")
    page.get_by_test_id("flow-start").click()
    panel = page.get_by_test_id("flow-trigger-panel")
    expect(panel).to_contain_text("pending、approved、rejected")
    _pick(page, panel.get_by_test_id("submitted-status-field"), "审批状态")
    expect(panel.get_by_test_id("submitted-status-missing")).to_have_count(0)
    _close_drawer(page)
    expect(page.get_by_test_id("flow-start-status")).to_have_text("状态写入「审批状态」 · 锁定 金额")
    page.get_by_test_id("flow-save").click()
    expect(page.get_by_test_id("flow-save")).to_be_disabled()
    page.get_by_test_id("flow-publish").click()
    expect(page.get_by_test_id("flow-version")).to_have_text(re.compile(r"v1$"), timeout=15_000)
    expect(page.get_by_test_id("flow-start-problems")).to_have_count(0)

    body = admin_api.get(f"/api/v1/apps/{APP}/definitions/flow/{KEY}")
    assert body["trigger"] == {"type": "submitted", "status_field": "status", "lock": ["amount"]}, body["trigger"]
    first, risk, head, cc = body["steps"]
    assert first["approvers"] == [{"type": "manager"}] and first["label"]["zh"] == "主管审批"
    assert risk["approvers"] == [{"type": "role", "role": "risk_control"}] and risk["mode"] == "all"
    assert risk["fields"] == {"note": "editable", "reviewer": "hidden"}
    assert risk["sla"] == {"amount": 4, "unit": "working_hours", "on_overdue": "transfer",
                           "remind_before": {"amount": 1, "unit": "working_hours"}, "transfer_to": {"type": "manager"}}, risk["sla"]
    assert risk["actions"] == ["approve", "reject", "return", "transfer"]
    assert head["approvers"] == [{"type": "user", "user": "bh_sh"}]
    assert cc["type"] == "cc" and cc["recipients"] == [{"type": "role", "role": "finance"}]

    def canvas():
        expect(page.get_by_test_id("flow-node-summary-approval_2")).to_be_visible()
    _shots_both_ways(page, "editor", canvas)

    def risk_panel(tab: str):
        def ready():
            page.get_by_test_id("flow-node-approval_2").click()
            page.get_by_test_id(f"human-tab-{tab}").click()
            expect(page.get_by_test_id("human-form")).to_be_visible()
        return ready
    for tab in ("who", "form", "more"):
        _shots_both_ways(page, f"panel_{tab}", risk_panel(tab))

    def trigger_panel():
        page.get_by_test_id("flow-start").click()
        expect(page.get_by_test_id("submitted-form")).to_be_visible()
    _shots_both_ways(page, "trigger", trigger_panel)

    # 3. fin01 submits a claim; their manager, the risk officer and the branch head approve in turn
    fin = Api(server.base, "fin01", DEMO_PASSWORD)
    rec = fin.call("POST", f"/api/v1/apps/{APP}/forms/{FORM}/records", {"reason": "上海出差", "amount": "1200.00"})
    assert rec["status"] == "pending", rec
    for who, node in (("exec01", "approval"), ("risk01", "approval_2"), ("bh_sh", "approval_3")):
        _approve(Api(server.base, who, DEMO_PASSWORD), rec["id"], node)
    path = f"/api/v1/apps/{APP}/forms/{FORM}/records/{rec['id']}"
    _wait("the claim approved", lambda: admin_api.get(path)["status"] == "approved")

    # the run in the editor's run log: done, every step on its path
    runs = admin_api.get(f"/api/v1/apps/{APP}/flows/{KEY}/runs", record=rec["id"])["items"]
    assert len(runs) == 1, runs
    run_id = runs[0]["id"]

    def run_view():
        page.goto(f"/apps/{APP}/flows/{KEY}?tab=runs&run={run_id}")
        viewer = page.get_by_test_id("flow-run-viewer")
        expect(viewer.get_by_test_id("run-state")).to_have_text(re.compile("已完成|Done"), timeout=20_000)
        for node in ("approval", "approval_2", "approval_3", "cc"):
            expect(viewer.get_by_test_id(f"flow-node-{node}")).to_have_class(re.compile("tfl-node-path"))
        expect(viewer.get_by_test_id("flow-node-summary-approval_3")).to_contain_text("bh_sh")
    run_view()
    _shots_both_ways(page, "run", run_view)
