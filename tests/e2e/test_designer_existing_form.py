"""Scenario 7: the seed `client` form is opened in the designer, a field is dragged in after
手机号, named and published; the client grid then shows it as a column and the 360 view shows
it among the details, with a value entered through the record form."""
from __future__ import annotations

import re

from e2e_ui import APP, drag, exactly, grid_rows, menu_item, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s7_designer_existing_form"


def test_add_a_field_to_the_client_form(admin_page, admin_api):
    page = admin_page
    before = admin_api.form("client")
    latest = max(v["version"] for v in admin_api.get(f"/api/v1/apps/{APP}/forms/client/versions")["items"])
    page.goto(f"/apps/{APP}/forms/client/design")
    expect(page.get_by_test_id("designer-title")).to_contain_text("客户")
    placed = page.locator('[data-testid^="field-"]')
    expect(page.get_by_test_id("field-mobile")).to_be_visible()
    n = placed.count()
    assert n >= len(before["fields"]) - 1

    # drop a single-line text on the right half of 手机号: it lands just after it
    mobile = page.get_by_test_id("field-mobile").bounding_box()
    drag(page, page.get_by_test_id("palette-text"), mobile["x"] + mobile["width"] * 0.85,
         mobile["y"] + mobile["height"] / 2)
    expect(placed).to_have_count(n + 1)
    page.get_by_test_id("prop-advanced").click()
    ident = page.get_by_test_id("prop-id")
    expect(ident).to_have_value(re.compile(r"^dan_hang_wen_ben(_\d+)?$"))
    ident.fill("wechat_id")
    ident.press("Enter")
    page.get_by_test_id("prop-label-zh").fill("微信号")
    page.get_by_test_id("prop-label-en").fill("WeChat ID")
    expect(page.get_by_test_id("field-wechat_id")).to_contain_text("微信号")
    order = placed.evaluate_all("els => els.map(e => e.dataset.testid.slice(6))")
    assert order[order.index("mobile") + 1] == "wechat_id"
    shot(page, SCENARIO, "01_field_added")

    page.get_by_test_id("publish").click()
    dialog = page.get_by_test_id("publish-dialog")
    expect(dialog.get_by_test_id("impact-line").filter(has_text="微信号")).to_have_count(1)
    shot(page, SCENARIO, "02_publish_impact")
    confirm = page.get_by_test_id("publish-confirm")
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(page.get_by_text(f"已发布为版本 {latest + 1}")).to_be_visible()

    after = admin_api.form("client")
    new = [f for f in after["fields"] if f["id"] == "wechat_id"]
    assert new and new[0]["type"] == "text" and new[0]["label"] == {"zh": "微信号", "en": "WeChat ID"}
    assert len(after["fields"]) == len(before["fields"]) + 1

    # the grid: a 微信号 column right after 手机号
    menu_item(page, "客户").click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/client$"))
    wait_grid_loaded(page)
    heads = page.locator(".ant-table-thead th")
    expect(heads.filter(has_text=exactly("微信号"))).to_have_count(1)
    titles = [t.strip() for t in heads.all_inner_texts()]
    assert titles[titles.index("手机号") + 1] == "微信号", titles
    shot(page, SCENARIO, "03_grid_column")

    # enter a value through the record form of a client; grid and 360 view show it
    first = grid_rows(page).first
    name = first.get_by_role("link").first.inner_text().strip()
    first.get_by_role("button", name="编辑").click()
    form = page.get_by_role("dialog", name="编辑客户")
    form.get_by_label("微信号", exact=True).fill("wx_e2e_001")
    page.get_by_test_id("record-save").click()
    expect(form).to_be_hidden()
    expect(grid_rows(page).first).to_contain_text("wx_e2e_001")

    grid_rows(page).first.get_by_role("link", name=name).click()
    expect(page.get_by_test_id("record-title")).to_have_text(name)
    details = page.get_by_role("tabpanel")
    expect(details.get_by_text("微信号", exact=True)).to_be_visible()
    expect(details).to_contain_text("wx_e2e_001")
    shot(page, SCENARIO, "04_record_360_shows_field")
