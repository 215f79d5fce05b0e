"""A plugin's field type end to end: the rating plugin (plugins/trellis_rating, installed with
the platform) offers 评分 in the designer's palette; an administrator adds a rating field to a
new form and publishes it; in the record form its stars (the plugin's own widget, loaded from
/plugins/rating/rating.js into the page) set 4; the grid shows 4 stars (the plugin's cell), and
filtering on the rating (at least 4) keeps the records rated 4 and 5; the filtered grid exports
the ratings as numbers, and a sheet typed with stars (★★★) imports through the wizard."""
from __future__ import annotations

import json
import re
import urllib.parse

import openpyxl
import pytest
from e2e_ui import APP, add_filter_rule, drag_palette_to_end, grid_rows, records_request, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s_plugin_rating"
FORM = "service_visit"


def test_rating_field_from_designer_to_filter(admin_page, admin_api, tmp_path):
    plugins = {p["name"]: p for p in admin_api.get("/api/v1/plugins")["items"]}
    if plugins.get("rating", {}).get("status") != "active":
        pytest.skip("the rating plugin is not installed (pip install -e plugins/trellis_rating)")
    page = admin_page
    module = plugins["rating"]["frontend"][0]
    served = page.request.get(module)
    assert served.ok and served.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "immutable" in served.headers["cache-control"]
    page.goto(f"/apps/{APP}/forms/new/design")
    page.get_by_test_id("new-form-zh").fill("服务回访")
    page.get_by_test_id("new-form-advanced").click()  # the id and the English name sit under 高级
    page.get_by_test_id("new-form-id").fill(FORM)
    page.get_by_test_id("new-form-en").fill("Service visit")
    page.get_by_test_id("new-form-create").click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/{FORM}/design$"))
    expect(page.get_by_test_id("palette-rating")).to_contain_text("评分")

    for n, (type_key, field_id, zh) in enumerate((("text", "subject", "回访主题"), ("rating", "score", "服务满意度")), 1):
        drag_palette_to_end(page, type_key)
        expect(page.locator('[data-testid^="field-"]')).to_have_count(n)
        page.get_by_test_id("prop-label-zh").fill(zh)
        if n == 1:
            page.get_by_test_id("prop-advanced").click()  # the id sits under 高级
        ident = page.get_by_test_id("prop-id")
        ident.fill(field_id)
        ident.press("Enter")
        expect(page.get_by_test_id(f"field-{field_id}")).to_be_visible()
    shot(page, SCENARIO, "01_designer")
    # the preview shows the field with the plugin's widget: five stars
    page.locator(".ant-segmented-item").filter(has_text="预览").click()
    expect(page.locator(".ant-rate").first.locator(".ant-rate-star")).to_have_count(5)
    page.locator(".ant-segmented-item").filter(has_text="设计").click()
    page.get_by_test_id("publish").click()
    page.get_by_test_id("publish-confirm").click()
    expect(page.get_by_text("已发布为版本 1")).to_be_visible()
    assert {f["id"]: f["type"] for f in admin_api.form(FORM)["fields"]} == {"subject": "text", "score": "rating"}
    for subject, score in (("回访乙", 2), ("回访丙", "★★★★★")):
        admin_api.call("POST", f"/api/v1/apps/{APP}/forms/{FORM}/records", {"subject": subject, "score": score})

    page.goto(f"/apps/{APP}/forms/{FORM}")
    wait_grid_loaded(page)
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name="新建服务回访")
    dialog.get_by_label("回访主题", exact=True).fill("回访甲")
    stars = dialog.locator(".trellis-form-field").filter(has_text="服务满意度").locator(".ant-rate-star")
    expect(stars).to_have_count(5)
    stars.nth(3).click()
    expect(dialog.locator(".ant-rate-star-full")).to_have_count(4)
    shot(page, SCENARIO, "02_four_stars")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/forms/{FORM}/records")) as r:
        page.get_by_test_id("record-save").click()
    assert r.value.status == 201 and r.value.json()["score"] == 4
    expect(dialog).to_be_hidden()
    wait_grid_loaded(page)
    row = grid_rows(page).filter(has_text="回访甲")
    expect(row.locator('.trellis-rating[data-rating="4"]')).to_have_text("★★★★☆")
    expect(grid_rows(page).filter(has_text="回访乙").locator(".trellis-rating")).to_have_attribute("data-rating", "2")
    shot(page, SCENARIO, "03_grid")

    page.get_by_test_id("filter-button").click()
    # the type's traits give the builder number operators ("at least")
    add_filter_rule(page, "服务满意度", "大于等于", value=4)
    with page.expect_response(records_request(FORM)) as resp:
        page.get_by_role("dialog", name="筛选条件").get_by_role("button", name="应用").click()
    sent = json.loads(urllib.parse.parse_qs(urllib.parse.urlparse(resp.value.url).query)["filter"][0])
    wait_grid_loaded(page)
    expect(grid_rows(page)).to_have_count(2)
    expect(grid_rows(page).filter(has_text="回访乙")).to_have_count(0)
    assert sorted(r["subject"] for r in admin_api.records(FORM, filter=sent)["items"]) == ["回访丙", "回访甲"]
    shot(page, SCENARIO, "04_filtered")

    # export: the filtered grid as xlsx, the rating as its number
    page.get_by_test_id("export-menu").click()
    with page.expect_download() as dl:
        page.locator(".ant-dropdown:visible").get_by_test_id("export-xlsx").click()
    out = tmp_path / "visits.xlsx"
    dl.value.save_as(out)
    rows = [r for r in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True) if any(r)]
    head = list(rows[0])
    assert sorted((r[head.index("回访主题")], r[head.index("服务满意度")]) for r in rows[1:]) == [("回访丙", 5), ("回访甲", 4)]

    # import: a sheet that types the rating as stars, through the wizard (columns matched by label)
    sheet = tmp_path / "more_visits.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["回访主题", "服务满意度"])
    wb.active.append(["回访丁", "★★★"])
    wb.save(sheet)
    page.get_by_test_id("import-button").click()
    dlg = page.get_by_role("dialog", name=re.compile("^导入"))
    dlg.locator("input[type=file]").first.set_input_files(str(sheet))
    expect(dlg.get_by_test_id("import-filename")).to_have_text(sheet.name)
    dlg.get_by_test_id("wizard-next").click()
    expect(dlg.get_by_test_id("mapping-count")).to_contain_text("2 / 2")
    dlg.get_by_test_id("wizard-next").click()
    dlg.get_by_test_id("import-start").click()
    expect(dlg.get_by_test_id("summary-title")).to_have_text("导入完成", timeout=60_000)
    expect(dlg.get_by_test_id("summary-inserted")).to_contain_text("1")
    shot(page, SCENARIO, "05_imported")
    got = admin_api.records(FORM, filter={"==": [{"var": "subject"}, "回访丁"]})["items"]
    assert [r["score"] for r in got] == [3]
