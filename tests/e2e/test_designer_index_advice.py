"""The designer's index advice: a saved view filters and sorts the client form on fields
without an index; the administrator sees it in the form's panel and in the field's Index
tab with the cost, creates the index in one click, and the form is published with the
field indexed. Screenshots in Chinese and English, desktop and 390 px wide."""
from __future__ import annotations

import re

from e2e_ui import ADMIN_PASSWORD, APP, login, shot
from playwright.sync_api import expect

SCENARIO = "s_designer_index_advice"
VIEW = "ix_professional"
FIELD = "investor_type"


def open_index(page, lang: str = "zh") -> None:
    """The field's index advice: under 高级 in its validation tab."""
    page.get_by_role("tab", name="校验" if lang == "zh" else "Validation").click()
    if not page.get_by_test_id("rules-advanced-body").is_visible():
        page.get_by_test_id("rules-advanced").click()


def test_admin_sees_the_advice_and_creates_the_index(admin_page, admin_api, browser, server):
    page = admin_page
    view = {"schema_version": 1, "id": VIEW, "form": "client", "shared": True, "type": "grid",
            "label": {"zh": "专业投资者", "en": "Professional investors"},
            "filter": {"==": [{"var": FIELD}, "professional"]}, "sort": ["-first_deposit_amount"]}
    admin_api.call("PUT", f"/api/v1/apps/{APP}/views/{VIEW}", view)
    try:
        page.goto(f"/apps/{APP}/forms/client/design")
        expect(page.get_by_test_id("designer-title")).to_contain_text("客户")
        panel = page.get_by_test_id("index-advice-panel")
        card = panel.get_by_test_id(f"index-advice-{FIELD}")
        expect(card).to_contain_text("建议建立索引")
        expect(card).to_contain_text("专业投资者")
        expect(card.get_by_test_id("index-cost")).to_contain_text(re.compile(r"代价:[\d,]+ 行"))
        expect(panel.get_by_test_id("index-advice-first_deposit_amount")).to_contain_text("降序排序")
        panel.scroll_into_view_if_needed()
        shot(page, SCENARIO, "01_form_panel_zh")

        page.get_by_test_id(f"field-{FIELD}").click()
        open_index(page)
        tab = page.get_by_test_id("field-index-tab")
        expect(tab.get_by_test_id("index-view")).to_contain_text("专业投资者")
        expect(tab.get_by_test_id("index-view")).to_contain_text("等于")
        shot(page, SCENARIO, "02_field_tab_zh")

        tab.get_by_test_id(f"index-create-{FIELD}").click()
        page.locator(".ant-popconfirm .ant-btn-primary").click()
        expect(page.get_by_text(re.compile(r"已建立索引"))).to_be_visible()
        expect(page.get_by_test_id("designer-toolbar")).to_contain_text(re.compile(r"已发布 v\d+"))
        tab = page.get_by_test_id("field-index-tab")  # the field stays selected with its index advice open after the reload
        expect(tab.get_by_test_id(f"index-advice-{FIELD}")).to_contain_text(f"已有索引 ix_{APP}__client_{FIELD}")
        expect(tab.get_by_test_id(f"index-create-{FIELD}")).to_have_count(0)
        shot(page, SCENARIO, "03_index_created_zh")

        field = next(f for f in admin_api.form("client")["fields"] if f["id"] == FIELD)
        assert field.get("indexed") is True
        advice = admin_api.get(f"/api/v1/apps/{APP}/forms/client/index-advice")
        item = next(f for f in advice["fields"] if f["field"] == FIELD)
        assert item["index"]["name"] == f"ix_{APP}__client_{FIELD}" and not item["suggested"]

        # English, desktop then phone width
        page.get_by_role("radiogroup", name="language").get_by_text("EN", exact=True).click()
        page.get_by_test_id(f"field-{FIELD}").click()
        open_index(page, "en")
        expect(page.get_by_test_id(f"index-advice-{FIELD}")).to_contain_text("Indexed (")
        shot(page, SCENARIO, "04_field_tab_en")
        phone(browser, server)
    finally:
        admin_api.call("DELETE", f"/api/v1/apps/{APP}/views/{VIEW}")


def phone(browser, server) -> None:
    """The field's Index tab on a 390 px wide phone, in Chinese then English."""
    ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport={"width": 390, "height": 844})
    try:
        page = ctx.new_page()
        login(page, "admin", ADMIN_PASSWORD)
        page.goto(f"/apps/{APP}/forms/client/design")
        page.get_by_test_id(f"field-{FIELD}").click()
        open_index(page)
        card = page.get_by_test_id(f"index-advice-{FIELD}")
        expect(card).to_contain_text("已有索引")
        card.scroll_into_view_if_needed()
        shot(page, SCENARIO, "05_field_tab_zh_390")
        page.evaluate("localStorage.setItem('trellis.lang', 'en')")
        page.reload()
        page.get_by_test_id(f"field-{FIELD}").click()
        open_index(page, "en")
        card = page.get_by_test_id(f"index-advice-{FIELD}")
        expect(card).to_contain_text("Indexed (")
        card.scroll_into_view_if_needed()
        shot(page, SCENARIO, "06_field_tab_en_390")
    finally:
        ctx.close()
