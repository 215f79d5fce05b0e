"""Undo in the UI: a client deleted from its record page is found in the grid's recycle bin
(回收站, also after a reload of its link) and restored from there; a change shown in a record's
timeline (变更记录) is reverted after a confirm, the record showing the earlier value again. The
actions show only to users allowed to take them: an account manager, who may edit but not
delete clients, gets revert buttons but no recycle bin. The recycle bin in English too."""
from __future__ import annotations

import random
import re

from e2e_ui import APP, exactly, grid_rows, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s7_restore_revert"
RECORDS = f"/api/v1/apps/{APP}/forms/client/records"


def new_client(api, name: str, **extra) -> dict:
    body = {"name": name, "mobile": f"139{random.randrange(10**7, 10**8)}", "client_type": "individual",
            "risk_level": "C2", "investor_type": "ordinary", "opened_at": "2024-03-01", "status": "active", **extra}
    return api.call("POST", RECORDS, body)


def confirm_dialog(page):
    return page.locator(".ant-modal-confirm:visible")


def test_delete_then_restore_from_the_recycle_bin(admin_page, admin_api):
    page = admin_page
    client = new_client(admin_api, "回收站测试客户")
    page.goto(f"/apps/{APP}/forms/client/records/{client['id']}")
    expect(page.get_by_test_id("record-title")).to_have_text(client["name"])
    page.get_by_role("button", name=re.compile(r"删\s*除\s*$")).click()
    confirm_dialog(page).get_by_role("button", name=re.compile(r"删\s*除")).click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/client$"))
    wait_grid_loaded(page)
    assert admin_api.call("GET", f"{RECORDS}/{client['id']}", expect=404) is not None

    # the recycle bin: newest deletions first, the deletion time shown, no editing or creating
    page.get_by_test_id("recycle-bin").click()
    expect(page).to_have_url(re.compile(r"[?&]bin=1"))
    expect(page.get_by_test_id("bin-tag")).to_have_text("回收站")
    expect(page.get_by_test_id("bin-banner")).to_be_visible()
    wait_grid_loaded(page)
    row = grid_rows(page).first
    expect(row).to_contain_text(client["name"])
    expect(page.locator(".ant-table-thead th").filter(has_text=exactly("删除时间"))).to_have_count(1)
    expect(page.get_by_test_id("create-record")).to_have_count(0)
    deleted = admin_api.records("client", deleted="only", count="exact", limit=1)
    expect(page.get_by_test_id("record-count")).to_contain_text(str(deleted["count"]))
    shot(page, SCENARIO, "01_recycle_bin")

    # the link shows the same bin after a reload
    page.reload()
    wait_grid_loaded(page)
    expect(page.get_by_test_id("bin-tag")).to_be_visible()
    expect(grid_rows(page).first).to_contain_text(client["name"])

    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/{client['id']}/restore")) as resp:
        page.get_by_test_id(f"restore-{client['id']}").click()
    assert resp.value.ok, resp.value.text()
    expect(page.get_by_text(f"已恢复“{client['name']}”")).to_be_visible()
    expect(grid_rows(page).filter(has_text=client["name"])).to_have_count(0)
    assert admin_api.get(f"{RECORDS}/{client['id']}")["name"] == client["name"]

    page.get_by_test_id("bin-banner").get_by_role("button", name="返回记录列表").click()
    expect(page.get_by_test_id("bin-tag")).to_have_count(0)
    search = page.get_by_test_id("grid-search").locator("input")
    search.fill(client["name"])
    search.press("Enter")
    expect(grid_rows(page)).to_have_count(1)
    expect(grid_rows(page).first).to_contain_text(client["client_code"])
    shot(page, SCENARIO, "02_restored_in_grid")


def test_revert_a_change_from_the_timeline(admin_page, admin_api):
    page = admin_page
    client = new_client(admin_api, "撤销测试客户", remark="最初的备注")
    admin_api.call("PATCH", f"{RECORDS}/{client['id']}", {"risk_level": "C4"})
    admin_api.call("PATCH", f"{RECORDS}/{client['id']}", {"remark": "第二次修改的备注"})
    history = admin_api.get(f"{RECORDS}/{client['id']}/history")["items"]
    risk_change = next(e for e in history if e["action"] == "update" and "risk_level" in (e["after"] or {}))

    page.goto(f"/apps/{APP}/forms/client/records/{client['id']}")
    expect(page.get_by_role("tabpanel").locator('[data-field="risk_level"]')).to_contain_text("C4")
    page.get_by_role("tab", name="变更记录", exact=True).click()
    entry = page.locator(f'[data-entry="{risk_change["id"]}"]')
    expect(entry).to_contain_text("风险测评结果")
    expect(page.locator('[data-action="create"]').get_by_role("button")).to_have_count(0)  # only changes revert
    entry.get_by_test_id(f"revert-{risk_change['id']}").click()
    dialog = confirm_dialog(page)
    expect(dialog).to_contain_text("撤销这次修改?")
    expect(dialog.get_by_test_id("revert-confirm")).to_contain_text(re.compile(r"风险测评结果.*C4.*→.*C2"))
    shot(page, SCENARIO, "03_revert_confirm")
    with page.expect_response(lambda r: r.request.method == "POST" and "/revert" in r.url) as resp:
        dialog.get_by_role("button", name="撤销此修改").click()
    assert resp.value.ok, resp.value.text()
    expect(page.get_by_text("已撤销这次修改")).to_be_visible()

    stored = admin_api.get(f"{RECORDS}/{client['id']}")
    assert stored["risk_level"] == "C2" and stored["remark"] == "第二次修改的备注"
    newest = admin_api.get(f"{RECORDS}/{client['id']}/history")["items"][0]
    assert newest["note"] == f"revert of entry {risk_change['id']}"
    # the timeline shows the revert on top, and the page's version moved on
    top = page.locator("[data-entry]").first
    expect(top).to_have_attribute("data-entry", str(newest["id"]))
    expect(top).to_contain_text(re.compile(r"风险测评结果.*C4.*→.*C2"))
    expect(page.get_by_text(re.compile(rf"版本\s*{stored['version']}"))).to_be_visible()
    shot(page, SCENARIO, "04_reverted_timeline")
    page.get_by_role("tab", name="详细信息", exact=True).click()
    expect(page.get_by_role("tabpanel").locator('[data-field="risk_level"]')).to_contain_text("C2")


def test_account_manager_may_revert_but_has_no_recycle_bin(am_page, am_api):
    page = am_page
    mine = am_api.records("client", limit=1, sort="id")["items"][0]
    am_api.call("PATCH", f"{RECORDS}/{mine['id']}", {"remark": "客户经理的备注"})
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    expect(page.get_by_test_id("filter-button")).to_be_visible()
    expect(page.get_by_test_id("recycle-bin")).to_have_count(0)
    page.goto(f"/apps/{APP}/forms/client?bin=1")                # a shared link does not open it either
    wait_grid_loaded(page)
    expect(page.get_by_test_id("bin-tag")).to_have_count(0)
    page.goto(f"/apps/{APP}/forms/client/records/{mine['id']}")
    page.get_by_role("tab", name="变更记录", exact=True).click()
    expect(page.locator('[data-action="update"]').first.get_by_role("button", name="撤销此修改")).to_be_visible()


def test_recycle_bin_in_english(admin_page, admin_api):
    page = admin_page
    client = new_client(admin_api, "Recycled Client Ltd")
    admin_api.call("DELETE", f"{RECORDS}/{client['id']}")
    page.evaluate("localStorage.setItem('trellis.lang', 'en')")
    page.goto(f"/apps/{APP}/forms/client?bin=1")
    wait_grid_loaded(page)
    expect(page.get_by_test_id("bin-tag")).to_have_text("Recycle bin")
    expect(page.get_by_test_id("recycle-bin")).to_have_text("Recycle bin")
    expect(page.get_by_test_id("bin-banner")).to_contain_text("Deleted records: restore any of them.")
    expect(page.locator(".ant-table-thead th").filter(has_text=exactly("Deleted at"))).to_have_count(1)
    row = grid_rows(page).filter(has_text=client["name"])
    expect(row.get_by_role("button", name="Restore")).to_be_visible()
    shot(page, SCENARIO, "05_recycle_bin_english")
    row.get_by_role("button", name="Restore").click()
    expect(page.get_by_text(f"Restored “{client['name']}”")).to_be_visible()
    expect(grid_rows(page).filter(has_text=client["name"])).to_have_count(0)
