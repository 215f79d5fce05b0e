"""The audit log and app settings in the browser: an administrator filters the audit log down to
one client (app, form, record id), opens an entry's before → after, and verifies the chain; then
arranges the app's menu on the settings page (a group renamed, an entry moved by the arrows and
one dragged, a new group with a dashboard), publishes after reading what changes, and sees the
side menu follow. Screenshots of both pages in Chinese and English, on a desktop and a 390 px
phone, none of them wider than the screen."""
from __future__ import annotations

import re
import secrets
import time

import pytest
from e2e_ui import APP, drag, pick, screen, settle, shot
from playwright.sync_api import expect

SCENARIO = "admin_audit_settings"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
APP_DEF = f"/api/v1/apps/{APP}/definitions/app/{APP}"


def _changed_client(admin_api) -> tuple[int, str]:
    """A client whose risk level and remark the admin just changed (its id, the remark)."""
    client = admin_api.records("client", limit=1, sort="-id")["items"][0]
    remark = f"复核 {secrets.token_hex(2)}"
    level = "C5" if client.get("risk_level") != "C5" else "C1"
    admin_api.call("PATCH", f"/api/v1/apps/{APP}/forms/client/records/{client['id']}",
                   {"risk_level": level, "remark": remark})
    return client["id"], remark


def _record_input(page):
    box = page.get_by_test_id("audit-record")
    return box if box.evaluate("e => e.tagName") == "INPUT" else box.locator("input")


def _no_overflow(page, what: str, size: str) -> None:
    settle(page)
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wide <= 0, f"{what} is {wide}px wider than the {size} screen"


def test_audit_log_by_record_with_its_diff_and_the_chain(admin_page, admin_api):
    page = admin_page
    record_id, remark = _changed_client(admin_api)
    page.goto("/manage/audit")
    expect(page.get_by_test_id("audit-table")).to_be_visible()
    pick(page, page.get_by_test_id("audit-app"), "期货客户管理")
    pick(page, page.get_by_test_id("audit-form"), "客户")
    _record_input(page).fill(str(record_id))
    _record_input(page).press("Enter")
    expect(page).to_have_url(re.compile(rf"record_id={record_id}"))
    rows = page.locator("[data-testid=audit-table] tr.ant-table-row")
    expect(rows.first).to_contain_text(f"客户 #{record_id}")
    expect(rows.first).to_contain_text("修改")
    assert all(f"#{record_id}" in t for t in rows.all_inner_texts())
    shot(page, SCENARIO, "01_audit_filtered_by_record")

    rows.first.get_by_role("button", name=re.compile("详情")).click()
    drawer = page.get_by_test_id("audit-drawer")
    diff = drawer.get_by_test_id("audit-diff")
    expect(diff).to_contain_text("风险测评结果")
    expect(diff.locator("tr", has_text="备注")).to_contain_text(remark)
    expect(drawer.get_by_test_id("audit-record-link")).to_have_attribute(
        "href", f"/apps/{APP}/forms/client/records/{record_id}")
    shot(page, SCENARIO, "02_audit_entry_diff")
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()

    page.get_by_test_id("audit-verify").click()
    result = page.get_by_test_id("audit-chain-result")
    expect(result).to_have_attribute("data-ok", "true", timeout=60_000)
    expect(result).to_contain_text(re.compile(r"审计链完整:共校验 \d+ 条"))
    shot(page, SCENARIO, "03_audit_chain_intact")


def _side_menu(page) -> list[tuple[str, list[str]]]:
    """The side menu's groups: (title, entries' texts) in order."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=side-menu] .ant-menu-item-group')]
        .map(g => [g.querySelector('.ant-menu-item-group-title')?.innerText.trim() ?? '',
                   [...g.querySelectorAll('.ant-menu-item')].map(i => i.innerText.trim())])""")


def _entries(page, group: int) -> list[str]:
    return page.get_by_test_id(f"menu-group-{group}").locator("[data-entry]").evaluate_all(
        "els => els.map(e => e.dataset.entry)")


def test_menu_arranged_in_settings_and_followed_by_the_side_menu(admin_page, admin_api):
    page = admin_page
    original = admin_api.get(APP_DEF)
    try:
        page.goto(f"/apps/{APP}/manage/settings")
        expect(page.get_by_test_id("app-settings")).to_be_visible()
        first = _entries(page, 0)
        assert first[:3] == ["form:client", "form:follow_up", "form:ticket"], first
        page.get_by_test_id("group-name-0").fill("客户与服务")
        page.get_by_test_id("down-form:client").click()  # client after follow_up
        assert _entries(page, 0)[:3] == ["form:follow_up", "form:client", "form:ticket"]
        # ticket dragged by its handle onto the first entry: it goes first
        handle = page.get_by_test_id("menu-entry-form:ticket").locator("span").first
        target = page.get_by_test_id("menu-entry-form:follow_up").bounding_box()
        drag(page, handle, target["x"] + target["width"] / 2, target["y"] + 4)
        expect(page.get_by_test_id("menu-group-0").locator("[data-entry]").first).to_have_attribute(
            "data-entry", "form:ticket")
        page.get_by_test_id("menu-add-group").click()
        page.get_by_test_id("group-name-1").fill("风控")
        page.get_by_test_id("add-dashboard:risk").click()
        page.locator(".ant-dropdown:visible .ant-dropdown-menu-item", has_text="风控").click()
        assert _entries(page, 1) == ["dashboard:risk"]
        order = _entries(page, 0)
        shot(page, SCENARIO, "04_settings_menu_arranged")

        page.get_by_test_id("settings-publish").click()
        changes = page.get_by_test_id("settings-changes")
        expect(changes).to_contain_text("菜单改为按分组排列")
        expect(changes).to_contain_text("新增分组「风控」:风险")
        shot(page, SCENARIO, "05_settings_publish_changes")
        started = time.monotonic()
        page.get_by_test_id("settings-confirm").click()
        expect(page.locator(".ant-message")).to_contain_text("已发布", timeout=90_000)
        print(f"published in {time.monotonic() - started:.1f} s")
        published = admin_api.get(APP_DEF)
        assert [e["type"] + ":" + e["key"] for e in published["menu"][0]["items"]] == order
        assert published["menu"][0]["label"]["zh"] == "客户与服务" and published["home"] == original["home"]

        page.goto(f"/apps/{APP}/forms/client")
        menu = page.get_by_test_id("side-menu")
        expect(menu).to_contain_text("客户与服务")
        groups = _side_menu(page)
        titles = [g[0] for g in groups]
        assert titles[:2] == ["客户与服务", "风控"], groups
        labels = {f["id"]: f["label"]["zh"] for f in admin_api.get(f"/api/v1/apps/{APP}/forms")["items"]}
        assert groups[0][1][:3] == [labels[e.split(":")[1]] for e in order[:3]], groups
        assert groups[1][1] == ["风险"], groups
        shot(page, SCENARIO, "06_side_menu_follows")
    finally:
        admin_api.call("PUT", APP_DEF, original)
        admin_api.call("POST", f"{APP_DEF}/publish", {})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_audit_and_settings_pages_in_both_languages_and_sizes(browser, server, lang, size):
    viewport = DESKTOP if size == "desktop" else PHONE
    with screen(browser, server, lang, viewport) as page:
        page.goto("/manage/audit")
        expect(page.get_by_test_id("audit-list" if size == "phone" else "audit-table")).to_be_visible()
        expect(page.locator("[data-entry]").first).to_be_visible()
        expect(page.locator("h4", has_text="审计日志" if lang == "zh" else "Audit log")).to_be_visible()
        page.get_by_test_id("audit-verify").click()
        expect(page.get_by_test_id("audit-chain-result")).to_be_visible(timeout=60_000)
        _no_overflow(page, "the audit page", size)
        page.screenshot(path=str(shot(page, SCENARIO, f"audit_{lang}_{size}")), full_page=True, animations="disabled")
        page.locator("[data-testid^=audit-open-]").first.click()
        expect(page.get_by_test_id("audit-drawer")).to_be_visible()
        _no_overflow(page, "the audit entry drawer", size)
        shot(page, SCENARIO, f"audit_drawer_{lang}_{size}")
        page.keyboard.press("Escape")

        page.goto(f"/apps/{APP}/manage/settings")
        expect(page.get_by_test_id("app-settings")).to_be_visible()
        expect(page.get_by_test_id("menu-group-0")).to_be_visible()
        _no_overflow(page, "the settings page", size)
        page.screenshot(path=str(shot(page, SCENARIO, f"settings_{lang}_{size}")), full_page=True,
                        animations="disabled")
