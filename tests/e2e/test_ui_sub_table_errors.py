"""Sub-table rows with mistakes are shown on the offending cells of the record form's sub-table
editor: first the browser's own check (a required child left empty), then the server's 422
answer, which points at a cell (`/items/1/qty`): here the form was tightened by a designer
(数量 at most 10) while the record form was open, so only the server knows. Fixing the cell
clears its error and the record saves."""
from __future__ import annotations

import re

from e2e_ui import APP, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s8_sub_table_errors"
FORM = "e2e_order"
DEFINITION = {
    "schema_version": 1, "id": FORM, "label": {"zh": "订货单", "en": "Order"}, "title_field": "title",
    "fields": [
        {"id": "title", "type": "text", "label": {"zh": "标题", "en": "Title"}, "required": True},
        {"id": "items", "type": "sub_table", "label": {"zh": "明细", "en": "Items"}, "fields": [
            {"id": "product", "type": "text", "label": {"zh": "品种", "en": "Product"}, "required": True},
            {"id": "qty", "type": "integer", "label": {"zh": "数量", "en": "Qty"}},
        ]},
    ],
}


def publish(api, definition: dict) -> None:
    base = f"/api/v1/apps/{APP}/forms/{FORM}"
    api.call("PUT", f"{base}/definition", definition)
    api.call("POST", f"{base}/publish", {"note": "e2e"})


def cell(dialog, row: int, col: str):
    return dialog.locator(f'.trellis-subtable-cell[data-row="{row}"][data-col="{col}"]')


def test_sub_table_errors_show_on_their_cells(admin_page, admin_api):
    page = admin_page
    publish(admin_api, DEFINITION)
    page.goto(f"/apps/{APP}/forms/{FORM}")
    wait_grid_loaded(page)
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name="新建订货单")
    expect(dialog).to_be_visible()
    dialog.get_by_label("标题", exact=True).fill("三行明细")
    for _ in range(3):
        dialog.get_by_role("button", name=re.compile("添加一行")).click()
    rows = [("IF2406", "1"), (None, "50"), ("rb2410", "2")]
    for i, (product, qty) in enumerate(rows):
        if product:
            cell(dialog, i, "product").locator("input").fill(product)
        cell(dialog, i, "qty").locator("input").fill(qty)

    # 1. the browser's check: row 2 has no 品种
    page.get_by_test_id("record-save").click()
    expect(cell(dialog, 1, "product")).to_have_attribute("data-invalid", "true")
    expect(cell(dialog, 1, "product").locator(".trellis-cell-error")).to_have_text("必填")
    expect(dialog.locator(".trellis-cell-error")).to_have_count(1)
    expect(dialog.locator(".trellis-subtable .ant-input-status-error, .trellis-subtable .ant-input-number-status-error"))\
        .to_have_count(1)                                                  # only that cell is outlined
    items = dialog.locator('[data-field="items"]')
    expect(items.locator(".ant-form-item-explain")).to_contain_text("第 2 行有误")
    shot(page, SCENARIO, "01_client_check_on_cell")
    cell(dialog, 1, "product").locator("input").fill("cu2408")
    expect(dialog.locator(".trellis-cell-error")).to_have_count(0)

    # 2. a designer allows at most 10 per row meanwhile: the server refuses row 2's 50
    publish(admin_api, {**DEFINITION, "fields": [DEFINITION["fields"][0], {**DEFINITION["fields"][1], "fields": [
        DEFINITION["fields"][1]["fields"][0], {**DEFINITION["fields"][1]["fields"][1], "max": 10}]}]})
    page.wait_for_timeout(2_500)  # the server's other processes see a publish within their definition TTL (2 s)
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/forms/{FORM}/records")) as resp:
        page.get_by_test_id("record-save").click()
    assert resp.value.status == 422
    pointers = [e.get("pointer") for e in resp.value.json()["errors"]]
    assert pointers == ["/items/1/qty"], resp.value.json()
    expect(cell(dialog, 1, "qty")).to_have_attribute("data-invalid", "true")
    expect(cell(dialog, 1, "qty").locator(".trellis-cell-error")).to_have_text("不能大于 10")
    expect(dialog.locator(".trellis-cell-error")).to_have_count(1)
    expect(items.locator(".ant-form-item-explain")).to_contain_text("第 2 行有误")
    expect(dialog.get_by_text("请修正标出的字段后再保存")).to_be_visible()
    expect(cell(dialog, 1, "qty").locator(".ant-input-number-status-error")).to_have_count(1)
    shot(page, SCENARIO, "02_server_error_on_cell")

    # 3. fixing that cell clears its error; the record saves with its three rows
    cell(dialog, 1, "qty").locator("input").fill("5")
    expect(dialog.locator(".trellis-cell-error")).to_have_count(0)
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/forms/{FORM}/records")) as resp:
        page.get_by_test_id("record-save").click()
    assert resp.value.status == 201, resp.value.text()
    expect(dialog).to_be_hidden()
    saved = admin_api.get(f"/api/v1/apps/{APP}/forms/{FORM}/records/{resp.value.json()['id']}")
    assert [(r["product"], r["qty"]) for r in saved["items"]] == [("IF2406", 1), ("cu2408", 5), ("rb2410", 2)]
