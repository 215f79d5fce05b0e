"""The flow designer in the browser: "a client tagged 重点客户 gets a follow-up task for their
account manager", built by clicking.

1. The side menu opens 流程 / 自动化; a new automation on the form 客户 with the trigger
   修改记录时 opens its editor.
2. On the start card: the entry condition 标签 包含 重点客户 in the condition builder. From
   the "+" under it: a 创建跟进任务 node; saved without its assignee, the refusal shows on
   the node (a red badge); then for the record's 客户经理 (purpose and summary set in its
   panel). Published as v1.
3. Tagging a client (a record update) starts the flow: the run shows on the client's page as
   a line naming the automation and its task, and the task (a 回访记录) exists.
4. With the trigger switched to 手动触发 and published again, the record page's 运行流程 button
   starts it (the version history lists v1 and v2); the run opens from the record page in the
   editor's run log, the path it took highlighted and each node's step logged. The grid's
   selection bar offers the same button.

Screenshots (zh and en, desktop and a 390 px phone) of the editor, a node's panel, the flow
list, the record page's flows and the run log go to a temporary folder (printed), not to the
shared artifacts folder.
"""
from __future__ import annotations

import re
import tempfile
import time
from pathlib import Path

import pytest
from e2e_ui import APP, grid_rows, menu_item, settle, wait_grid_loaded
from playwright.sync_api import expect

KEY = "key_client_task"
NAME = "重点客户回访任务"
TASK = "通知客户经理回访"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path(tempfile.gettempdir()) / "trellis_flow_designer_shots"


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts():
    """This module's screenshots go to SHOTS: the shared artifacts folder is left as it is."""
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\nflow designer screenshots: {SHOTS}")


def _shot(page, name: str) -> None:
    settle(page)
    page.screenshot(path=str(SHOTS / f"{name}.png"), animations="disabled")


def _set_lang(page, lang: str) -> None:
    page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
    page.reload()


def _shots_both_ways(page, step: str, ready) -> None:
    """The current page in zh and en, desktop and phone; `ready()` waits for it after a reload."""
    for lang in ("zh", "en"):
        for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            _set_lang(page, lang)
            ready()
            _shot(page, f"{step}_{lang}_{name}")
    page.set_viewport_size(DESKTOP)
    _set_lang(page, "zh")
    ready()


def _client(api) -> dict:
    """A client with an account manager and without the 重点客户 tag."""
    for row in api.records("client", limit=100)["items"]:
        if row.get("account_manager") and "key_client" not in (row.get("tags") or []):
            return row
    raise AssertionError("no client with an account manager and without the key_client tag")


def _pick(page, select, title: str) -> None:
    """Choose `title` in an antd Select and see it chosen; a click landing while the dropdown
    still slides in is tried again."""
    for _ in range(3):
        if not page.locator(".ant-select-dropdown:visible").count():
            select.click()
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


def _close_drawer(page) -> None:
    page.locator(".ant-drawer-open .ant-drawer-close").first.click()
    expect(page.locator(".ant-drawer-open")).to_have_count(0)


def _publish(page, version: int) -> None:
    page.get_by_test_id("flow-publish").click()
    expect(page.get_by_test_id("flow-version")).to_have_text(re.compile(rf"v{version}$"), timeout=15_000)


def _open_record_flows(page, cid: int) -> None:
    page.goto(f"/apps/{APP}/forms/client/records/{cid}")
    page.get_by_test_id("record-flows-tab").click()


def _wait_run_line(page, cid: int, text: str, count: int) -> None:
    """Reload the record's flows tab until `count` lines with `text` show (runs go on as jobs)."""
    deadline = time.time() + 30
    while True:
        lines = page.get_by_test_id("record-flow-run").filter(has_text=text)
        if lines.count() >= count:
            return
        if time.time() > deadline:
            raise AssertionError(f"{count} run(s) of “{text}” did not show on client {cid}")
        page.wait_for_timeout(1000)
        _open_record_flows(page, cid)
        page.get_by_test_id("record-flow-runs").or_(page.locator(".ant-empty")).first.wait_for()


def test_flow_designed_published_and_run(admin_page, admin_api):
    page = admin_page
    client = _client(admin_api)
    cid = client["id"]

    # 1. the side menu's entry, a new automation on 客户 triggered by an update
    page.goto(f"/apps/{APP}/forms/client")
    menu_item(page, "流程 / 自动化").click()
    expect(page.get_by_test_id("flow-list")).to_be_visible()
    page.get_by_test_id("flow-new").click()
    page.get_by_test_id("flow-new-key").fill(KEY)
    page.get_by_test_id("flow-new-zh").fill(NAME)
    page.get_by_test_id("flow-new-en").fill("Key client follow-up")
    expect(page.get_by_test_id("flow-new-trigger")).to_contain_text("修改记录时")
    _pick(page, page.get_by_test_id("flow-new-form"), "客户")
    page.get_by_test_id("flow-new-ok").click()
    page.wait_for_url(f"**/apps/{APP}/flows/{KEY}")
    expect(page.get_by_test_id("flow-start")).to_contain_text("修改记录时")

    # 2. the entry condition in the shared condition builder
    page.get_by_test_id("flow-start").click()
    expect(page.get_by_test_id("flow-trigger-panel")).to_be_visible()
    page.get_by_test_id("flow-entry-condition-edit").click()
    dialog = page.get_by_role("dialog", name="进入条件")
    dialog.get_by_role("button", name=re.compile(r"添加条件$")).click()
    rule = dialog.locator(".rule").first
    _pick(page, rule.locator(".rule--field .ant-select"), "标签")
    _pick(page, rule.locator(".rule--operator .ant-select"), "包含")
    _pick(page, rule.locator(".rule--value .ant-select"), "重点客户")
    page.get_by_test_id("flow-entry-condition-ok").click()
    expect(page.get_by_test_id("flow-entry-condition-text")).to_contain_text("重点客户")
    _close_drawer(page)
    expect(page.get_by_test_id("flow-start-condition")).to_contain_text("标签")

    # ... and a task for the account manager from the palette under the start card
    page.get_by_test_id("flow-add-/steps-0").click()
    page.get_by_test_id("palette-create_task").click()
    panel = page.get_by_test_id("flow-node-panel")
    expect(panel).to_be_visible()
    # saved without its assignee: the refusal's problem goes on the node, a red badge on the canvas
    page.get_by_test_id("flow-save").click()
    expect(page.get_by_test_id("flow-panel-problems")).to_contain_text("assignee")
    expect(page.get_by_test_id("flow-node-problems-create_task")).to_have_text("1")
    page.get_by_test_id("flow-node-label-zh").fill(TASK)
    page.get_by_test_id("flow-node-label-en").fill("Ask the account manager to call")
    _pick(page, page.get_by_test_id("config-assignee-0-field"), "客户经理")
    _pick(page, page.get_by_test_id("config-purpose"), "常规")
    page.get_by_test_id("config-summary").fill("重点客户:请尽快回访")
    page.get_by_test_id("flow-panel-close").click()
    node = page.get_by_test_id("flow-node-create_task")
    expect(node).to_contain_text(TASK)
    page.get_by_test_id("flow-save").click()
    expect(page.get_by_test_id("flow-save")).to_be_disabled()
    _publish(page, 1)
    expect(page.get_by_test_id("flow-node-problems-create_task")).to_have_count(0)
    _shots_both_ways(page, "editor", lambda: expect(page.get_by_test_id("flow-node-create_task")).to_be_visible())

    def task_panel():
        page.get_by_test_id("flow-node-create_task").click()
        expect(page.get_by_test_id("config-assignee-0-field")).to_be_visible()
    _shots_both_ways(page, "node_panel", task_panel)
    page.get_by_test_id("flow-panel-close").click()

    # the list shows it published, on 客户, started by an update
    page.goto(f"/apps/{APP}/flows")
    row = page.locator("tr", has=page.get_by_test_id(f"flow-link-{KEY}"))
    expect(row).to_contain_text("修改记录时")
    expect(row).to_contain_text("客户")
    expect(row).to_contain_text("v1")
    _shots_both_ways(page, "list", lambda: expect(page.get_by_test_id(f"flow-link-{KEY}")).to_be_visible())

    # 3. tagging the client starts it: the run on the client's page, the task written
    tags = list(client.get("tags") or []) + ["key_client"]
    admin_api.call("PATCH", f"/api/v1/apps/{APP}/forms/client/records/{cid}", {"tags": tags})
    _open_record_flows(page, cid)
    _wait_run_line(page, cid, f"自动化「{NAME}」{TASK}", 1)
    tasks = admin_api.records("follow_up", filter={"==": [{"var": "client"}, cid]}, limit=50)["items"]
    assert any(t.get("summary") == "重点客户:请尽快回访" for t in tasks), tasks

    # 4. started by hand from the record page once the trigger is 手动触发
    page.goto(f"/apps/{APP}/flows/{KEY}")
    page.get_by_test_id("flow-start").click()
    _pick(page, page.get_by_test_id("flow-trigger-type"), "手动触发")
    _close_drawer(page)
    expect(page.get_by_test_id("flow-start")).to_contain_text("手动触发")
    _publish(page, 2)
    page.get_by_test_id("flow-versions").click()
    expect(page.get_by_test_id("flow-version-2")).to_be_visible()
    expect(page.get_by_test_id("flow-version-1")).to_be_visible()
    _close_drawer(page)
    _open_record_flows(page, cid)
    page.get_by_test_id("run-flow").click()
    page.get_by_test_id(f"run-flow-{KEY}").click()
    expect(page.get_by_text(f"已开始运行「{NAME}」")).to_be_visible()
    _wait_run_line(page, cid, f"自动化「{NAME}」{TASK}", 2)
    _shots_both_ways(page, "record_runs", lambda: (page.get_by_test_id("record-flows-tab").click(),
                                                   expect(page.get_by_test_id("record-flow-run").first).to_be_visible()))

    # the newest run opens in the editor's run log: the path and each node's step
    page.get_by_test_id("record-flow-run").first.locator("a").click()
    page.wait_for_url(re.compile(rf"/flows/{KEY}\?tab=runs&run=\d+"))
    viewer = page.get_by_test_id("flow-run-viewer")
    expect(viewer.get_by_test_id("run-state")).to_have_text(re.compile("已完成|运行中"))
    expect(viewer.get_by_test_id("run-state")).to_have_text("已完成", timeout=20_000)
    expect(viewer.get_by_test_id("flow-node-create_task")).to_have_class(re.compile("tfl-node-path"))
    expect(viewer.get_by_test_id("run-step-create_task")).to_be_visible()
    viewer.get_by_test_id("run-step-create_task").click()
    expect(viewer.get_by_test_id("run-steps")).to_contain_text("id")
    _shots_both_ways(page, "run_log", lambda: expect(page.get_by_test_id("run-step-create_task")).to_be_visible())

    # the same button on a grid selection: the tagged client found by name and selected
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    page.get_by_test_id("grid-search").locator("input").fill(client["name"])
    row = grid_rows(page).filter(has_text=client["name"]).first
    expect(row).to_be_visible()
    row.locator(".ant-checkbox-input").check()
    page.get_by_test_id("run-flow").click()
    page.get_by_test_id(f"run-flow-{KEY}").click()
    expect(page.get_by_text(f"已开始运行「{NAME}」")).to_be_visible()
    _open_record_flows(page, cid)
    _wait_run_line(page, cid, f"自动化「{NAME}」{TASK}", 3)
