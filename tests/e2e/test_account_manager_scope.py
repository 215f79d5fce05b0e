"""Scenario 6: an account manager (am0001) signs in through the UI and sees only the clients
they manage: the grid's count and rows are those the REST API answers for am0001, none of them
belongs to another manager, and another manager's client cannot be opened."""
from __future__ import annotations

import re

from e2e_ui import APP, DEMO_PASSWORD, expect_rows_in_order, grid_rows, login, menu_item, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s6_account_manager_scope"
CODE = re.compile(r"KH\d{11}")


def shown_codes(page) -> list[str]:
    return [CODE.search(t).group(0) for t in grid_rows(page).evaluate_all("rows => rows.map(r => r.innerText)")]


def test_account_manager_sees_only_own_clients(page, am_api, admin_api):
    login(page, "am0001", DEMO_PASSWORD)
    me = am_api.get("/api/v1/me")
    mine = am_api.records("client", limit=50, count="exact")
    everyone = admin_api.records("client", limit=1, count="exact")["count"]
    assert 0 < mine["count"] < everyone
    own = admin_api.records("client", filter={"==": [{"var": "account_manager"}, me["id"]]}, limit=1, count="exact")
    assert own["count"] == mine["count"]

    expect(page.get_by_test_id("user-menu")).to_contain_text(me.get("name") or "am0001")
    menu_item(page, "客户").click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/client$"))
    wait_grid_loaded(page)
    expect(page.get_by_test_id("record-count")).to_have_text(f"共 {mine['count']:,} 条")
    expect_rows_in_order(page, [r["client_code"] for r in mine["items"]])
    # an account manager may not redesign the form
    expect(page.get_by_role("button", name=re.compile("设计表单"))).to_have_count(0)
    shot(page, SCENARIO, "01_own_clients_page1")

    # the role makes 客户编号 and 客户经理 read-only in the record form
    grid_rows(page).first.get_by_role("button", name="编辑").click()
    dialog = page.get_by_role("dialog", name="编辑客户")
    expect(dialog.get_by_label("客户名称", exact=True)).to_be_editable()
    expect(dialog.get_by_label("客户编号", exact=True)).to_be_disabled()
    expect(dialog.get_by_label("客户经理", exact=True)).to_be_disabled()
    shot(page, SCENARIO, "02_read_only_fields")
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()
    expect(dialog).to_be_hidden()

    # the second page too
    page.locator(".ant-pagination").get_by_title("2", exact=True).click()
    wait_grid_loaded(page)
    second = am_api.records("client", limit=50, page=2)
    expect_rows_in_order(page, [r["client_code"] for r in second["items"]])

    # every client shown is am0001's (checked as admin)
    shown = shown_codes(page)
    managers = {r["account_manager"] for r in admin_api.records(
        "client", filter={"in": [{"var": "client_code"}, shown]}, limit=100, fields="account_manager")["items"]}
    assert managers == {me["id"]}

    # searching for another manager's client finds nothing; its page cannot be opened
    other = admin_api.records("client", filter={"!=": [{"var": "account_manager"}, me["id"]]}, limit=1)["items"][0]
    search = page.get_by_test_id("grid-search").locator("input")
    search.fill(other["client_code"])
    search.press("Enter")
    expect(page.get_by_test_id("record-count")).to_have_text("共 0 条")
    expect(page.locator(".ant-table-placeholder")).to_be_visible()
    shot(page, SCENARIO, "03_other_managers_client_not_found")
    page.goto(f"/apps/{APP}/forms/client/records/{other['id']}")
    expect(page.get_by_test_id("record-title")).to_have_count(0)
    expect(page.locator(".ant-result")).to_be_visible()
    expect(page.locator(".ant-result")).to_contain_text(re.compile("不存在|没有权限|无权"))
    expect(page.get_by_text(other["name"], exact=True)).to_have_count(0)
    shot(page, SCENARIO, "04_other_managers_client_refused")
