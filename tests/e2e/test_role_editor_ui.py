"""The role editor in the browser: an administrator builds 客户经理(新) from its name (no id
typed): clients readable, only those the user manages (本人负责的 on 客户经理), 证件号码 hidden;
publishes it (the published JSON is what was built), views the client form as am0001 (only
their clients, the hidden field named); the seed's 客户经理 opened and saved back unchanged
publishes the same JSON; the pages in Chinese and English, on a desktop and a 390 px phone
without horizontal overflow."""
from __future__ import annotations

import json
import re
from pathlib import Path

from e2e_ui import APP, ROOT, pick, screen, shot
from playwright.sync_api import expect

SCENARIO = "role_editor"
ROLES = f"/apps/{APP}/manage/roles"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
OWN = {"==": [{"var": "account_manager"}, {"var": "$user.id"}]}
expect.set_options(timeout=30_000)  # a loaded machine draws the lazily loaded pages slowly


def canonical(v):
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def no_horizontal_overflow(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 0, f"the page is {width}px wider than the screen"


def open_panel(page, form: str):
    panel = page.locator(f".grant-panel-{form}")
    panel.locator(".ant-collapse-header").click()
    expect(page.get_by_test_id(f"grant-{form}")).to_be_visible(timeout=30_000)
    return page.get_by_test_id(f"grant-{form}")


def test_build_publish_and_view_as_a_role(browser, server, admin_api, am_api):
    me = am_api.get("/api/v1/me")
    mine = am_api.records("client", limit=1, count="exact")["count"]
    everyone = admin_api.records("client", limit=1, count="exact")["count"]
    assert 0 < mine < everyone
    with screen(browser, server, "zh", DESKTOP) as page:
        page.goto(ROLES)
        expect(page.get_by_test_id("role-account_manager")).to_contain_text("客户经理", timeout=30_000)
        expect(page.get_by_test_id("role-members-account_manager")).not_to_have_text("0")
        shot(page, SCENARIO, "01_list_zh_desktop")

        page.get_by_test_id("role-new").click()
        page.get_by_test_id("role-new-label").fill("客户经理(新)")
        page.get_by_test_id("role-new-ok").click()
        page.wait_for_url(re.compile(rf"{ROLES}/role_\d+$"))
        role = page.url.rsplit("/", 1)[1]
        expect(page.get_by_test_id("role-title")).to_have_text("客户经理(新)")

        grant = open_panel(page, "client")
        grant.get_by_text("查看", exact=True).click()
        scope = page.get_by_test_id("grant-client-scope")
        pick(page, scope.locator(".ant-select").first, "本人负责的")
        pick(page, scope.locator(".ant-select").nth(1), "客户经理")
        expect(page.get_by_test_id("grant-client-scope-words")).to_have_text("客户经理 是当前用户")
        row = page.get_by_test_id("grant-client-fields-id_number")
        row.locator("td").nth(3).locator("input[type=radio]").check()
        expect(row).to_have_class(re.compile("is-hidden"))
        shot(page, SCENARIO, "02_editor_zh_desktop")

        page.get_by_test_id("role-publish").click()
        expect(page.get_by_test_id("role-status")).to_have_text("已发布 · 第 1 版")
        published = admin_api.get(f"/api/v1/apps/{APP}/definitions/role/{role}/versions/1")
        assert published["label"] == {"zh": "客户经理(新)"}
        assert published["forms"] == {"client": {"actions": ["read"], "scope": OWN, "fields": {"id_number": "hidden"}}}

        page.get_by_test_id("role-view-as").click()
        drawer = page.get_by_test_id("role-preview")
        expect(drawer).to_be_visible()
        users = drawer.locator(".ant-select").nth(1)
        users.click()
        page.keyboard.type("am0001")
        option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(has_text="am0001")
        option.first.click()
        expect(page.get_by_test_id("role-preview-count")).to_have_text(f"能看到 {mine} 条记录")
        expect(page.get_by_test_id("role-preview-hidden")).to_contain_text("证件号码")
        table = drawer.locator(".ant-table")
        expect(table.locator("thead")).not_to_contain_text("证件号码")
        shown = table.locator(".ant-table-tbody > tr.ant-table-row")
        expect(shown.first).to_be_visible()
        assert shown.count() == min(mine, 20)
        names = {me.get("name"), "am0001"}
        for text in shown.evaluate_all("rows => rows.map(r => r.innerText)"):
            assert any(n and n in text for n in names), text
        shot(page, SCENARIO, "03_view_as_am0001_zh_desktop")

    for lang, viewport, size in (("en", DESKTOP, "desktop"), ("zh", PHONE, "phone"), ("en", PHONE, "phone")):
        with screen(browser, server, lang, viewport) as page:
            page.goto(ROLES)
            expect(page.get_by_test_id(f"role-{role}")).to_be_visible(timeout=30_000)
            no_horizontal_overflow(page)
            shot(page, SCENARIO, f"04_list_{lang}_{size}")
            page.goto(f"{ROLES}/{role}")
            open_panel(page, "client")
            expect(page.get_by_test_id("grant-client-fields")).to_be_visible()
            no_horizontal_overflow(page)
            shot(page, SCENARIO, f"05_editor_{lang}_{size}")
            page.get_by_test_id("role-view-as").click()
            drawer = page.get_by_test_id("role-preview")
            drawer.locator(".ant-select").nth(1).click()
            page.keyboard.type("am0001")
            page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(has_text="am0001").first.click()
            expect(page.get_by_test_id("role-preview-count")).to_contain_text(str(mine))
            no_horizontal_overflow(page)
            shot(page, SCENARIO, f"06_view_as_{lang}_{size}")


def test_the_seed_account_manager_round_trips_through_the_editor(browser, server, admin_api):
    seed = json.loads((Path(ROOT) / "seeds" / APP / "roles" / "account_manager.json").read_text(encoding="utf-8"))
    before = admin_api.get(f"/api/v1/apps/{APP}/definitions/role/account_manager/versions")["items"]
    with screen(browser, server, "zh", DESKTOP) as page:
        page.goto(f"{ROLES}/account_manager")
        expect(page.get_by_test_id("role-title")).to_have_text("客户经理", timeout=30_000)
        open_panel(page, "deposit")
        expect(page.get_by_test_id("grant-deposit-scope-words")).to_contain_text("是当前用户")
        page.get_by_test_id("role-save").click()
        expect(page.get_by_text("草稿已保存")).to_be_visible()
        page.get_by_test_id("role-publish").click()
        expect(page.get_by_test_id("role-status")).to_have_text(f"已发布 · 第 {len(before) + 1} 版")
    versions = admin_api.get(f"/api/v1/apps/{APP}/definitions/role/account_manager/versions")["items"]
    newest = max(v["version"] for v in versions)
    assert newest == max(v["version"] for v in before) + 1
    published = admin_api.get(f"/api/v1/apps/{APP}/definitions/role/account_manager/versions/{newest}")
    assert canonical(published) == canonical(seed)
