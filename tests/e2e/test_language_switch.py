"""Scenario 5: the UI starts in Chinese; switching to English turns the menu, the grid's column
headers, the record form's field labels and the 360 view's tabs into the English labels of the
app's definitions; the choice survives a reload, and switching back restores Chinese."""
from __future__ import annotations

import re

from e2e_ui import APP, exactly, grid_rows, menu_item, seed_form, seed_forms, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s5_language_switch"


def switch_language(page, label: str) -> None:
    """The 中文 / EN switch in the header."""
    page.get_by_role("radiogroup", name="language").get_by_text(label, exact=True).click()


def test_switch_to_english_and_back(admin_page):
    page = admin_page
    forms = seed_forms()
    client = seed_form("client")
    labels = {f["id"]: f["label"] for f in client["fields"]}
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    for form in forms:
        expect(menu_item(page, form["label"]["zh"])).to_be_visible()
    heads = page.locator(".ant-table-thead th")
    for fid in ("name", "client_code", "mobile"):
        expect(heads.filter(has_text=exactly(labels[fid]["zh"]))).to_have_count(1)
    expect(page.get_by_test_id("create-record")).to_have_text(re.compile(r"新\s*建"))
    shot(page, SCENARIO, "01_chinese")

    switch_language(page, "EN")
    expect(page.locator("html")).to_have_attribute("lang", re.compile("^en"))
    for form in forms:
        expect(menu_item(page, form["label"]["en"])).to_be_visible()
        expect(menu_item(page, form["label"]["zh"])).to_have_count(0)
    expect(page.locator(".trellis-page-title h2")).to_have_text(client["label"]["en"])
    for fid in ("name", "client_code", "mobile", "client_type"):
        expect(heads.filter(has_text=exactly(labels[fid]["en"]))).to_have_count(1)
    expect(heads.filter(has_text=re.compile("[\u4e00-\u9fff]"))).to_have_count(0)
    expect(page.get_by_test_id("create-record")).to_have_text("New")
    expect(page.get_by_test_id("filter-button")).to_have_text("Filter")
    # option labels in cells are English too
    expect(grid_rows(page).first).to_contain_text(re.compile("Individual|Institution|Asset-management product"))
    shot(page, SCENARIO, "02_english_grid")

    # the record form: English field labels and buttons
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name=re.compile(r"^New\s*Client$"))
    expect(dialog).to_be_visible()
    for fid in ("name", "mobile", "opened_at", "risk_level", "equity"):
        expect(dialog.get_by_label(labels[fid]["en"], exact=True)).to_be_attached()
    expect(dialog.locator(".ant-form-item-label label").filter(has_text=re.compile("[\u4e00-\u9fff]"))).to_have_count(0)
    page.get_by_test_id("record-save").click()
    expect(dialog.locator(".ant-form-item-explain").first).to_have_text(re.compile(r"^(is )?required$", re.I))
    shot(page, SCENARIO, "03_english_record_form")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()

    # a reload keeps English; the 360 view's tabs are English
    page.reload()
    wait_grid_loaded(page)
    expect(menu_item(page, client["label"]["en"])).to_be_visible()
    grid_rows(page).first.get_by_role("link").first.click()
    expect(page.get_by_role("tab", name="Details", exact=True)).to_be_visible()
    for form in ("deposit", "ticket", "follow_up"):
        expect(page.get_by_role("tab", name=seed_form(form)["label"]["en"], exact=True)).to_be_visible()
    expect(page.get_by_role("tab", name="History", exact=True)).to_be_visible()
    shot(page, SCENARIO, "04_english_360")

    switch_language(page, "中文")
    expect(menu_item(page, client["label"]["zh"])).to_be_visible()
    expect(page.get_by_role("tab", name="详细信息", exact=True)).to_be_visible()
    shot(page, SCENARIO, "05_back_to_chinese")
