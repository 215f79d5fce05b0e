"""User administration in the browser: an administrator creates a user on the users page (the
initial password shown once), puts them in a department on the departments page and gives
them the 客户经理 role; signing in as them in a fresh context asks for a new password first,
then the client grid shows only the client they manage. Screenshots of the users,
departments, tokens and personal pages in Chinese and English, on a desktop and a 390 px
phone, none of them wider than the screen."""
from __future__ import annotations

import re
import secrets

import pytest
from e2e_ui import APP, exactly, grid_rows, login, screen, settle, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "admin_users"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def _choose(page, select, text: str) -> None:
    """Type into an antd Select and pick the option holding `text`."""
    select.click()
    select.locator("input").fill(text)
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=text).first.click()


def test_admin_creates_an_account_manager_who_sees_only_their_client(admin_page, admin_api, browser, server):
    page = admin_page
    username = f"am_{secrets.token_hex(3)}"
    page.goto("/manage/users")
    page.get_by_test_id("user-new").click()
    drawer = page.get_by_test_id("user-drawer")
    drawer.get_by_test_id("user-username").fill(username)
    drawer.get_by_test_id("user-name").fill("新客户经理")
    _choose(page, drawer.get_by_test_id("user-roles"), "客户经理")
    page.keyboard.press("Escape")
    shot(page, SCENARIO, "01_create_drawer")
    drawer.get_by_test_id("user-save").click()
    secret = page.get_by_test_id("secret-value")
    expect(secret).to_be_visible()
    password = secret.inner_text().strip()
    assert len(password) >= 10
    shot(page, SCENARIO, "02_initial_password_once")
    page.get_by_test_id("secret-done").click()
    users = admin_api.get("/api/v1/admin/users", q=username)["items"]
    assert len(users) == 1 and users[0]["roles"] == [f"{APP}.account_manager"] and users[0]["departments"] == []
    uid = users[0]["id"]
    expect(page.get_by_test_id("users-table")).to_contain_text(username)

    # the departments page: 上海营业部 gets the new member
    page.goto("/manage/departments")
    page.get_by_test_id("dept-node-sh").click()
    panel = page.get_by_test_id("dept-panel")
    expect(panel).to_contain_text("上海营业部")
    panel.get_by_test_id("member-add").click()
    _choose(page, panel.get_by_test_id("member-picker"), username)
    expect(panel.get_by_test_id("dept-members")).to_contain_text(username)
    shot(page, SCENARIO, "03_department_member_added")
    user = admin_api.get(f"/api/v1/admin/users/{uid}")
    assert [d["name"] for d in user["departments"]] == ["上海营业部"]

    # one client of theirs (and the seed's hundreds of others)
    name = f"客户{secrets.token_hex(2)}"
    admin_api.call("POST", f"/api/v1/apps/{APP}/forms/client/records", {
        "name": name, "mobile": f"139{secrets.randbelow(10**8):08d}", "client_type": "individual", "risk_level": "C3",
        "investor_type": "ordinary", "opened_at": "2026-11-02", "status": "active", "account_manager": uid})
    assert admin_api.records("client", limit=1, count="exact")["count"] > 1

    ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport=DESKTOP)
    ctx.set_default_timeout(15_000)
    mine = ctx.new_page()
    errors: list[str] = []
    mine.on("pageerror", lambda e: errors.append(str(e)))
    try:
        login(mine, username, password)
        expect(mine).to_have_url(re.compile(r"/me/settings\?password=required$"))
        expect(mine.get_by_test_id("must-change")).to_be_visible()
        shot(mine, SCENARIO, "04_must_change_password")
        mine.get_by_test_id("pw-current").fill(password)
        mine.get_by_test_id("pw-new").fill("Mine2026pass")
        mine.get_by_test_id("pw-confirm").fill("Mine2026pass")
        mine.get_by_test_id("pw-submit").click()
        expect(mine.get_by_test_id("must-change")).to_be_hidden()
        mine.goto(f"/apps/{APP}/forms/client")
        wait_grid_loaded(mine)
        expect(grid_rows(mine)).to_have_count(1)
        expect(grid_rows(mine).first).to_contain_text(name)
        expect(mine.get_by_test_id("record-count")).to_have_text("共 1 条")
        shot(mine, SCENARIO, "05_only_their_client")
        assert not errors, errors
    finally:
        ctx.close()


def test_deactivating_in_the_page_signs_the_user_out(admin_page, admin_api):
    username = f"gone_{secrets.token_hex(3)}"
    admin_api.call("POST", "/api/v1/admin/users", {"username": username, "name": "离职员工", "password": "Leave2026pass"})
    page = admin_page
    page.goto("/manage/users")
    page.get_by_test_id("users-search").locator("input").fill(username)
    page.get_by_test_id("users-search").locator("input").press("Enter")
    expect(page.get_by_test_id("users-table")).to_contain_text(username)
    page.get_by_test_id(f"deactivate-{username}").click()
    page.get_by_test_id("confirm-ok").click()
    expect(page.get_by_test_id(f"activate-{username}")).to_be_visible()
    assert admin_api.get("/api/v1/admin/users", q=username)["items"][0]["active"] is False


PAGES = [("users", "/manage/users", "users-page"), ("departments", "/manage/departments", "departments-page"),
         ("tokens", "/manage/tokens", "tokens-page"), ("personal", "/me/settings", "personal-settings")]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_admin_pages_in_both_languages_and_sizes(browser, server, admin_api, am_api, lang, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    for api in (admin_api, am_api):
        if not api.get("/api/v1/tokens")["items"]:
            api.call("POST", "/api/v1/tokens", {"name": "报表同步", "expires_in_days": 90})
    with screen(browser, server, lang, viewport) as page:
        for key, path, testid in PAGES:
            page.goto(path)
            expect(page.get_by_test_id(testid)).to_be_visible()
            if key == "users":
                expect(page.get_by_test_id("users-list" if size == "phone" else "users-table")).to_contain_text("am0001")
            if key == "tokens":
                expect(page.get_by_test_id("tokens-page")).to_contain_text("报表同步")
            if key == "departments":
                page.get_by_test_id("dept-node-sh").click()
                expect(page.get_by_test_id("dept-members")).to_contain_text(re.compile("am|bh_sh"))
            title = {"zh": {"users": "用户", "departments": "部门", "tokens": "API 令牌", "personal": "个人设置"},
                     "en": {"users": "Users", "departments": "Departments", "tokens": "API tokens",
                            "personal": "Personal settings"}}[lang][key]
            expect(page.locator("h4", has_text=exactly(title))).to_be_visible()
            settle(page)
            wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert wide <= 0, f"{path} is {wide}px wider than the {size} screen"
            page.screenshot(path=str(shot_path(f"{key}_{lang}_{size}")), full_page=True, animations="disabled")


def shot_path(step: str):
    from e2e_ui import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{SCENARIO}__{step}.png"
