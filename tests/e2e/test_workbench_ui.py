"""The futures CRM's home page, 我的工作台, in the browser, with real data made beforehand
through the real engines: a high-risk event ticket assigned to am0001 (the flow engine gives
him its 客户经理电话沟通 task), a 追加保证金通知 sent to him (the notification engine's in-app
message) and a follow-up he writes himself (his recent record).

1. am0001 signs in and lands on the workbench: the shortcuts (新建客户, 客户, 工单, 我的待办, 报表),
   his open task with its countdown, the message marked unread, his follow-up among his recent
   records, and the report tiles below; 新建客户 opens the new-client drawer in place; the
   follow-up opens its record page; the message, opened, is read and opens its client.
2. An administrator edits the layout: adds a 常用仪表盘 widget pinning 风险, saves (a new
   version, the widget draws its link), then removes it and saves again.

Screenshots (zh and en, 1440 px and a 390 px phone where the tiles stack in one column and
nothing is wider than the screen) go to /tmp/trellis_workbench_shots/ (printed).
"""
from __future__ import annotations

import re
import tempfile
import time
from datetime import datetime
from pathlib import Path

import pytest
from e2e_ui import APP, DEMO_PASSWORD, Api, screen, settle
from playwright.sync_api import expect

HOME = f"/apps/{APP}/dashboards/workbench"
SHOTS = Path(tempfile.gettempdir()) / "trellis_workbench_shots"
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
WIDGETS = ["shortcuts", "tasks", "messages", "recent"]


@pytest.fixture(scope="module", autouse=True)
def _fresh_shots():
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\nworkbench screenshots: {SHOTS}")


def _until(read, ready, timeout: float = 90):
    deadline = time.time() + timeout
    while True:
        value = read()
        if ready(value) or time.time() > deadline:
            return value
        time.sleep(0.4)


@pytest.fixture(scope="module")
def made(server, admin_api):
    """am0001's task, message and recent record, each through the engine that owns it."""
    am = Api(server.base, "am0001", DEMO_PASSWORD)
    me = am.get("/api/v1/me")
    client = am.records("client", limit=1)["items"][0]
    now = datetime.now().strftime("%Y-%m-%dT%H:%M:%S")
    ticket = admin_api.call("POST", f"/api/v1/apps/{APP}/forms/ticket/records", {
        "subject": "工作台测试:保证金风险回访", "client": client["id"], "channel": "phone", "category": "risk_event",
        "priority": "high", "status": "new", "assignee": me["id"], "opened_at": now})
    tasks = _until(lambda: am.get("/api/v1/inbox", state="pending", limit=200)["items"],
                   lambda items: any(t["record"] == ticket["id"] and t["form"] == "ticket" for t in items))
    task = next(t for t in tasks if t["record"] == ticket["id"] and t["form"] == "ticket")
    unread = am.get("/api/v1/me/messages/unread")["unread"]
    admin_api.call("POST", f"/api/v1/apps/{APP}/notify", {
        "template": "margin_call", "form": "client", "record": client["id"], "recipients": [{"user": me["id"]}]})
    messages = _until(lambda: am.get("/api/v1/me/messages", state="unread")["items"],
                      lambda items: len(items) > unread and any(m["record"] == client["id"] for m in items))
    message = next(m for m in messages if m["record"] == client["id"])
    follow = am.call("POST", f"/api/v1/apps/{APP}/forms/follow_up/records", {
        "client": client["id"], "at": now, "method": "phone", "purpose": "routine", "summary": "工作台回访:确认追加保证金"})
    recent = am.get("/api/v1/me/recent", app=APP, limit=5)["items"]
    assert recent[0]["form"] == "follow_up" and recent[0]["record"] == follow["id"], recent
    return {"client": client, "task": task, "message": message, "follow": follow}


def _ready(page) -> None:
    for w in WIDGETS:
        expect(page.get_by_test_id(f"widget-{w}")).to_have_attribute("data-loaded", "1")


def _fits(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_account_manager_works_from_the_workbench(made, am_page):
    page = am_page
    if True:
        page.wait_for_url(f"**{HOME}")
        _ready(page)
        links = page.get_by_test_id("widget-shortcuts")
        for testid, name in (("new-client", "新建客户"), ("form-client", "客户"), ("form-ticket", "工单"),
                             ("inbox", "我的待办"), ("reports", "报表 / 仪表盘")):
            expect(links.get_by_test_id(f"shortcut-{testid}")).to_have_text(name)
        task = page.get_by_test_id(f"task-item-{made['task']['id']}")
        expect(task).to_contain_text("工作台测试:保证金风险回访")
        expect(task.get_by_test_id("task-sla")).to_be_visible()  # its countdown
        message = page.get_by_test_id(f"message-item-{made['message']['id']}")
        expect(message).to_have_attribute("data-unread", "1")
        recent = page.get_by_test_id(f"recent-follow_up-{made['follow']['id']}")
        expect(recent).to_contain_text("工作台回访:确认追加保证金")
        expect(page.get_by_test_id("tile-mine")).to_have_attribute("data-loaded", "1")  # the figures stay below

        # 新建客户: the new-client drawer, here
        links.get_by_test_id("shortcut-new-client").click()
        drawer = page.get_by_role("dialog")
        expect(drawer).to_contain_text("新建客户")
        expect(drawer.get_by_test_id("record-save")).to_be_visible()
        assert page.url.endswith(HOME)
        drawer.get_by_role("button", name=re.compile(r"^取\s*消$")).click()
        expect(drawer).to_have_count(0)

        # a recent record opens
        recent.click()
        page.wait_for_url(f"**/forms/follow_up/records/{made['follow']['id']}")
        page.go_back()
        _ready(page)

        # the task opens
        task.get_by_role("link").click()
        page.wait_for_url(f"**/tasks/{made['task']['id']}")
        page.go_back()
        _ready(page)

        # the message, opened, is read and leads to its client
        message.locator("a").click()
        page.wait_for_url(f"**/forms/client/records/{made['client']['id']}")
        page.go_back()
        _ready(page)
        expect(page.get_by_test_id(f"message-item-{made['message']['id']}")).to_have_attribute("data-unread", "0")
        assert not page.js_errors


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots(browser, server, made, lang, device):
    with screen(browser, server, lang, VIEWPORTS[device], user="am0001", password=DEMO_PASSWORD) as page:
        page.wait_for_url(f"**{HOME}")
        _ready(page)
        expect(page.get_by_role("heading", name="我的工作台" if lang == "zh" else "My workbench")).to_be_visible()
        expect(page.get_by_test_id("widget-tasks")).to_contain_text("My tasks" if lang == "en" else "我的待办")
        if device == "phone":
            expect(page.get_by_test_id("dashboard-grid")).to_have_attribute("data-stacked", "1")
        _fits(page)
        settle(page)
        page.screenshot(path=str(SHOTS / f"{lang}_{device}_workbench.png"), animations="disabled", full_page=True)


def test_an_administrator_adds_and_removes_a_widget(admin_page, admin_api):
    page = admin_page
    page.goto(HOME)
    before = admin_api.get(f"/api/v1/apps/{APP}/dashboards/workbench")
    _ready(page)
    page.get_by_test_id("layout-edit").click()
    page.get_by_test_id("widget-add").click()
    editor = page.get_by_test_id("widget-editor")
    editor.get_by_test_id("widget-type-dashboards").click()
    page.get_by_test_id("widget-add-ok").click()
    expect(page.get_by_test_id("widget-problems")).to_contain_text("至少选择一个仪表盘")  # said before it is added
    editor.get_by_test_id("widget-pick-dashboards").click()
    page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", has_text="风险").first.click()
    page.keyboard.press("Escape")
    page.get_by_test_id("widget-add-ok").click()
    added = page.get_by_test_id("widget-dashboards")
    expect(added).to_contain_text("保存布局后显示内容")
    settle(page)
    page.screenshot(path=str(SHOTS / "zh_desktop_editing.png"), animations="disabled")
    page.get_by_test_id("layout-save").click()
    expect(page.get_by_test_id("layout-save")).to_have_count(0)
    expect(added.get_by_test_id("pinned-risk")).to_be_visible()
    after = admin_api.get(f"/api/v1/apps/{APP}/dashboards/workbench")
    assert after["version"] == before["version"] + 1
    assert [t["widget"] for t in after["tiles"] if t["id"] == "dashboards"] == [{"type": "dashboards", "items": ["risk"]}]

    # removed again
    page.get_by_test_id("layout-edit").click()
    page.get_by_test_id("remove-dashboards").click()
    page.locator(".ant-popconfirm").get_by_role("button", name=re.compile(r"^移\s*除$")).click()
    expect(page.get_by_test_id("widget-dashboards")).to_have_count(0)
    page.get_by_test_id("layout-save").click()
    expect(page.get_by_test_id("layout-save")).to_have_count(0)
    final = admin_api.get(f"/api/v1/apps/{APP}/dashboards/workbench")
    assert final["version"] == before["version"] + 2
    assert [t["id"] for t in final["tiles"]] == [t["id"] for t in before["tiles"]]
    assert not page.js_errors
