"""Scenario 1: an administrator builds a new form in the designer by dragging field types onto
the canvas, names the fields, publishes it; the form shows in the menu and its grid opens
with the new fields as columns."""
from __future__ import annotations

import re

from e2e_ui import APP, drag, drag_palette_to_end, menu_item, shot
from playwright.sync_api import expect

SCENARIO = "s1_designer_new_form"

# (palette type key, field id, Chinese label, English label)
FIELDS = [
    ("text", "subject", "拜访主题", "Subject"),
    ("mobile", "contact_mobile", "联系电话", "Contact mobile"),
    ("date", "visit_date", "拜访日期", "Visit date"),
    ("integer", "attendees", "参会人数", "Attendees"),
    ("single_select", "visit_way", "拜访方式", "Visit type"),
    ("boolean", "followed_up", "已跟进", "Followed up"),
    ("money", "expected_funds", "预计资金", "Expected funds"),
]


def test_build_publish_and_open_a_new_form(admin_page, admin_api):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/new/design")
    page.get_by_test_id("new-form-zh").fill("客户拜访")
    page.get_by_test_id("new-form-advanced").click()
    expect(page.get_by_test_id("new-form-id")).to_have_value("ke_hu_bai_fang")
    page.get_by_test_id("new-form-id").fill("client_visit")
    page.get_by_test_id("new-form-en").fill("Client visit")
    shot(page, SCENARIO, "01_new_form_dialog")
    page.get_by_test_id("new-form-create").click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/client_visit/design$"))
    canvas = page.get_by_test_id("canvas")
    expect(canvas).to_be_visible()
    expect(page.get_by_test_id("designer-title")).to_contain_text("客户拜访")

    placed = page.locator('[data-testid^="field-"]')
    for n, (type_key, field_id, zh, en) in enumerate(FIELDS, start=1):
        drag_palette_to_end(page, type_key)
        expect(placed).to_have_count(n)
        # the dropped field is selected: name it, then give it an id by hand under 高级
        page.get_by_test_id("prop-label-zh").fill(zh)
        if n == 1:
            page.get_by_test_id("prop-advanced").click()
        ident = page.get_by_test_id("prop-id")
        expect(ident).to_have_value(re.compile(r"^[a-z][a-z0-9_]*$"))
        ident.fill(field_id)
        ident.press("Enter")
        expect(page.get_by_test_id(f"field-{field_id}")).to_be_visible()
        page.get_by_test_id("prop-label-en").fill(en)
        expect(page.get_by_test_id(f"field-{field_id}")).to_contain_text(zh)
    # layout order is the order of the drops
    ids = placed.evaluate_all("els => els.map(e => e.dataset.testid.slice(6))")
    assert ids == [f[1] for f in FIELDS]
    shot(page, SCENARIO, "02_fields_placed")

    page.get_by_test_id("publish").click()
    dialog = page.get_by_test_id("publish-dialog")
    expect(dialog).to_contain_text("首次发布:创建表单,包含 7 个字段")
    shot(page, SCENARIO, "03_publish_impact")
    confirm = page.get_by_test_id("publish-confirm")
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(page.get_by_text("已发布为版本 1")).to_be_visible()
    shot(page, SCENARIO, "04_published")

    published = admin_api.form("client_visit")
    assert [f["id"] for f in published["fields"]] == [f[1] for f in FIELDS]
    assert {f["id"]: f["type"] for f in published["fields"]} == {f[1]: f[0] for f in FIELDS}
    assert {f["id"]: f["label"] for f in published["fields"]} == {f[1]: {"zh": f[2], "en": f[3]} for f in FIELDS}

    # the menu offers the new form; its grid opens with the fields as columns
    page.goto("/")
    entry = menu_item(page, "客户拜访")
    expect(entry).to_be_visible()
    entry.click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/client_visit$"))
    expect(page.locator(".trellis-page-title h2")).to_have_text("客户拜访")
    headers = page.locator(".ant-table-thead th")
    for _, _, zh, _ in FIELDS:
        expect(headers.filter(has_text=zh)).to_have_count(1)
    expect(page.locator(".ant-table-placeholder")).to_be_visible()
    expect(page.get_by_test_id("create-record")).to_be_visible()
    shot(page, SCENARIO, "05_grid_of_new_form")


def new_draft_form(page, form_id: str, zh: str) -> None:
    page.goto(f"/apps/{APP}/forms/new/design")
    page.get_by_test_id("new-form-zh").fill(zh)
    page.get_by_test_id("new-form-advanced").click()
    page.get_by_test_id("new-form-id").fill(form_id)
    page.get_by_test_id("new-form-create").click()
    expect(page.get_by_test_id("canvas")).to_be_visible()


def publish(page) -> None:
    page.get_by_test_id("publish").click()
    confirm = page.get_by_test_id("publish-confirm")
    expect(confirm).to_be_enabled()
    confirm.click()
    expect(page.get_by_text(re.compile(r"已发布为版本 \d+"))).to_be_visible()


def test_a_published_form_shows_in_the_menu_without_a_reload(admin_page):
    page = admin_page
    expect(menu_item(page, "客户")).to_be_visible()
    new_draft_form(page, "quick_note", "快速备忘")
    drag_palette_to_end(page, "text")
    page.get_by_test_id("prop-label-zh").fill("备忘内容")
    publish(page)
    item = menu_item(page, "快速备忘")
    try:
        expect(item).to_be_visible()
    finally:
        shot(page, "s1_designer_menu_after_publish", "menu")
    item.click()
    expect(page.locator(".ant-table-thead th").filter(has_text="备忘内容")).to_have_count(1)


def test_drop_into_the_empty_cell_after_the_last_field_appends(admin_page):
    """In a two-column section, dropping a type into the free cell to the right of the last
    field places the new field last, not before that field."""
    page = admin_page
    new_draft_form(page, "dnd_probe", "拖放检查")
    for key in ("text", "integer", "date"):
        drag_palette_to_end(page, key)
    placed = page.locator('[data-testid^="field-"]')
    expect(placed).to_have_count(3)
    last = placed.last.bounding_box()
    drag(page, page.get_by_test_id("palette-money"), last["x"] + last["width"] * 1.5, last["y"] + last["height"] / 2)
    expect(placed).to_have_count(4)
    path = shot(page, "s1_designer_dnd", "drop_into_empty_cell")
    ids = placed.evaluate_all("els => els.map(e => e.dataset.testid.slice(6))")
    assert ids == ["dan_hang_wen_ben", "zheng_shu", "ri_qi", "jin_e"], f"see {path}"


def test_an_unpublished_form_in_the_menu_does_not_lead_to_an_error(admin_page):
    """A form that was created but never published may be listed for its designer, but
    choosing it must not end on the "does not exist or is not published" page."""
    page = admin_page
    new_draft_form(page, "draft_only", "未发布表单")
    page.get_by_test_id("save-draft").click()
    page.goto("/")
    expect(menu_item(page, "客户")).to_be_visible()
    item = menu_item(page, "未发布表单")
    if item.count():
        item.click()
        page.wait_for_load_state("networkidle")
        path = shot(page, "s1_designer_draft_form", "menu_click")
        expect(page.get_by_text("不存在或未发布"), f"see {path}").to_have_count(0)
        expect(page.get_by_test_id("canvas").or_(page.locator(".ant-table")), f"see {path}").to_be_visible()
