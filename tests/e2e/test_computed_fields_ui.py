"""Computed fields and decision tables in the browser.

1. In the designer an administrator adds a formula field to the daily trading summary
   (每手手续费 = ROUND(手续费 / 成交手数, 2)) with the function and field pickers, sees a
   mistake marked at its position and then the value on a sample record, and publishes.
2. The record form recomputes the formula while the user types the fields it reads.
3. The grid filters and sorts by the formula (the filter builder offers number operators).
4. The seed's decision table 客户分层 (client_tier) opens in its editor; a cell the server
   cannot read is refused on publish with the problem shown on that cell; a lower equity
   threshold of 低频价值客户 (rule 4) is published, "try it" answers by it, and the number of
   clients the grid shows in that tier grows.

Screenshots (zh and en, desktop and a 390 px phone) of the formula editor, the record form and
the decision editor go to tests/e2e/artifacts/.
"""
from __future__ import annotations

import json
import re
import time
import urllib.parse

from e2e_ui import APP, add_filter_rule, records_request, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "computed_fields"
FORM = "trade_day"
FIELD = "fee_per_lot"
TIER = "low_freq_value"
IN_TIER = {"==": [{"var": "tier"}, TIER]}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


def _set_lang(page, lang: str) -> None:
    page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
    page.reload()


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.\-]", "", text) or "nan")


def _open_field(page, label: str) -> None:
    page.get_by_test_id("canvas").get_by_text(label, exact=True).first.click()
    expect(page.get_by_test_id("formula-editor")).to_be_visible()


def _shots_both_ways(page, step: str, reopen) -> None:
    """Screenshots of the current page in zh and en, desktop and phone; `reopen()` brings the
    page back to the same state after a reload."""
    for lang in ("zh", "en"):
        for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            _set_lang(page, lang)
            reopen()
            shot(page, SCENARIO, f"{step}_{lang}_{name}")
    page.set_viewport_size(DESKTOP)
    _set_lang(page, "zh")
    reopen()


def test_formula_field_designed_live_filtered_and_sorted(admin_page, admin_api):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/{FORM}/design")
    expect(page.get_by_test_id("canvas")).to_be_visible()

    # the palette offers the computed types (from /field-types); a click adds one at the end
    for key in ("formula", "lookup", "rollup"):
        expect(page.get_by_test_id(f"palette-{key}")).to_be_visible()
    page.get_by_test_id("palette-formula").click()
    page.get_by_test_id("prop-advanced").click()  # the id is under 高级
    ident = page.get_by_test_id("prop-id")
    expect(ident).to_have_value(re.compile(r"^gong_shi(_\d+)?$"))
    ident.fill(FIELD)
    ident.press("Enter")
    page.get_by_test_id("prop-label-zh").fill("每手手续费")
    page.get_by_test_id("prop-label-en").fill("Fee per lot")
    editor = page.get_by_test_id("formula-editor")
    expect(editor).to_be_visible()
    box = page.get_by_test_id("formula-expression")

    # a mistake: the server's error is shown with its position, and the span is marked
    box.fill("ROUND(手续费 / , 2)")
    expect(page.get_by_test_id("formula-error")).to_be_visible()
    expect(page.get_by_test_id("formula-error")).to_contain_text("第 1 行")
    expect(editor.locator("mark.td-formula-bad")).to_have_count(1)
    editor.scroll_into_view_if_needed()
    shot(page, SCENARIO, "01_formula_error")

    # built with the pickers: the function, then fields at the caret
    box.fill("")
    page.get_by_test_id("formula-insert-function").click()
    picker = page.get_by_test_id("formula-functions")
    picker.get_by_placeholder(re.compile("搜索函数")).fill("ROUND")
    expect(page.get_by_test_id("formula-function-help")).to_contain_text("ROUND")
    picker.locator('[data-fn="ROUND"]').click()
    expect(box).to_have_value("ROUND(")
    field_picker = page.get_by_test_id("formula-insert-field")
    field_picker.click()
    page.locator(".ant-select-dropdown:visible").get_by_title("手续费", exact=True).click()
    expect(box).to_have_value("ROUND(手续费")
    box.press_sequentially(" / ")
    field_picker.click()
    page.locator(".ant-select-dropdown:visible").get_by_title("成交手数", exact=True).click()
    box.press_sequentially(", 2)")
    expect(box).to_have_value("ROUND(手续费 / 成交手数, 2)")
    result = page.get_by_test_id("formula-result")
    expect(result).to_be_visible()
    expect(page.get_by_test_id("formula-type")).to_have_text("数字")
    expect(page.get_by_test_id("formula-sample")).not_to_have_text("—")
    editor.scroll_into_view_if_needed()
    shot(page, SCENARIO, "02_formula_ok")

    page.get_by_test_id("publish").click()
    page.get_by_test_id("publish-confirm").click()
    expect(page.get_by_text(re.compile("已发布为版本"))).to_be_visible()
    published = {f["id"]: f for f in admin_api.form(FORM)["fields"]}
    assert published[FIELD]["type"] == "formula"
    assert published[FIELD]["value_type"] == "number"
    assert published[FIELD]["logic"]

    def reopen_editor():
        expect(page.get_by_test_id("canvas")).to_be_visible()
        page.get_by_test_id("canvas").locator(f'[data-testid="field-{FIELD}"]').click()
        expect(page.get_by_test_id("formula-result")).to_be_visible()
        page.get_by_test_id("formula-status").scroll_into_view_if_needed()
    _shots_both_ways(page, "03_formula_editor", reopen_editor)

    # 2. the record form recomputes the formula as the fields it reads are typed
    page.goto(f"/apps/{APP}/forms/{FORM}")
    wait_grid_loaded(page)
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name=re.compile("新建"))
    expect(dialog).to_be_visible()
    computed = dialog.locator(f'input[data-computed="{FIELD}"]')
    expect(computed).to_be_visible()
    dialog.get_by_label("手续费", exact=True).fill("100")
    dialog.get_by_label("成交手数", exact=True).fill("4")
    expect(computed).to_have_value("25")
    dialog.get_by_label("成交手数", exact=True).fill("8")
    expect(computed).to_have_value("12.5")
    dialog.get_by_label("成交手数", exact=True).fill("3")
    expect(computed).to_have_value("33.33")
    shot(page, SCENARIO, "04_record_form_live")

    def reopen_form():
        wait_grid_loaded(page)
        page.get_by_test_id("create-record").click()
        dlg = page.get_by_role("dialog").first
        expect(dlg).to_be_visible()
        dlg.locator('input').first.wait_for()
        lots = dlg.get_by_label(re.compile("^(成交手数|Lots.*)$")).first
        fee = dlg.get_by_label(re.compile("^(手续费|Commission)$")).first
        fee.fill("100")
        lots.fill("3")
        expect(dlg.locator(f'input[data-computed="{FIELD}"]')).to_have_value("33.33")
        dlg.locator(f'input[data-computed="{FIELD}"]').scroll_into_view_if_needed()
    _shots_both_ways(page, "05_record_form", reopen_form)
    page.keyboard.press("Escape")

    # 3. filter and sort the grid by the formula
    page.goto(f"/apps/{APP}/forms/{FORM}")
    wait_grid_loaded(page)
    ordered = admin_api.records(FORM, sort=FIELD, limit=200, fields=f"id,{FIELD}", filter={"not_empty": [{"var": FIELD}]})
    values = [r[FIELD] for r in ordered["items"] if r[FIELD] is not None]
    assert values, "the seed has trading days with lots"
    threshold = values[len(values) // 2]
    want = admin_api.records(FORM, filter={">": [{"var": FIELD}, threshold]}, limit=1, count="exact")["count"]
    page.get_by_test_id("filter-button").click()
    add_filter_rule(page, "每手手续费", "大于", value=threshold)
    with page.expect_response(records_request(FORM)) as resp:
        page.get_by_role("dialog", name="筛选条件").get_by_role("button", name="应用").click()
    assert resp.value.ok
    sent = json.loads(urllib.parse.parse_qs(urllib.parse.urlparse(resp.value.url).query)["filter"][0])
    assert admin_api.records(FORM, filter=sent, limit=1, count="exact")["count"] == want
    wait_grid_loaded(page)
    expect(page.get_by_test_id("record-count")).to_contain_text(f"{want:,}")

    header = page.locator(".ant-table-thead th").filter(has_text=re.compile(r"^\s*每手手续费\s*$"))
    # the header row is drawn before a column is counted as missing (else the chooser would hide it)
    expect(page.locator(".ant-table-thead th").filter(has_text=re.compile(r"^\s*交易日\s*$"))).to_have_count(1)
    if header.count() == 0:
        page.get_by_test_id("column-button").click()
        page.get_by_test_id("column-chooser").get_by_text("每手手续费", exact=True).click()
        page.keyboard.press("Escape")
    expect(header).to_have_count(1)
    wait_grid_loaded(page)
    with page.expect_response(records_request(FORM)) as resp:
        header.click()
    assert urllib.parse.parse_qs(urllib.parse.urlparse(resp.value.url).query)["sort"] == [FIELD]
    wait_grid_loaded(page)
    cells = page.locator(f'.ant-table-tbody td[data-col="{FIELD}"]').all_inner_texts()
    shown = [_number(c) for c in cells if c.strip()]
    assert shown and all(v > threshold for v in shown), (threshold, shown[:5])
    assert shown == sorted(shown), shown[:10]
    page.reload()  # the filter, the sort and the columns are in the address
    wait_grid_loaded(page)
    expect(header).to_have_attribute("aria-sort", "ascending")
    # the new column is the last: scroll the table to its end (clear of the frozen actions column)
    page.locator(".ant-table-content, .ant-table-body").first.evaluate("e => e.scrollLeft = e.scrollWidth")
    shot(page, SCENARIO, "06_grid_filtered_sorted")


def test_decision_table_edited_and_published(admin_page, admin_api):
    page = admin_page
    before = admin_api.records("client", filter=IN_TIER, limit=1, count="exact")["count"]

    page.goto(f"/apps/{APP}/decisions")
    expect(page.get_by_test_id("decision-link-client_tier")).to_have_text("客户分层")
    shot(page, SCENARIO, "07_decision_list")
    page.get_by_test_id("decision-link-client_tier").click()
    expect(page.get_by_test_id("decision-editor")).to_be_visible()
    grid = page.get_by_test_id("decision-grid")
    expect(grid.get_by_test_id("decision-input-equity")).to_be_visible()
    # rule 4: sizeable funds (equity >= 500,000) and no trade for a month: low_freq_value
    cell = page.get_by_test_id("cell-4-equity")
    expect(cell).to_have_value(">= 500000")
    expect(page.get_by_test_id("cell-4-tier")).to_have_value(TIER)

    # a cell the server cannot read: publishing is refused and the problem shows on that cell
    cell.fill(">= lots")
    cell.press("Enter")
    page.get_by_test_id("decision-publish").click()
    expect(page.get_by_test_id("decision-rule-problems-4")).to_be_visible()
    expect(cell).to_have_attribute("data-problem", "true")
    shot(page, SCENARIO, "07_decision_problem_on_its_cell")

    # a lower threshold, published
    cell.fill(">= 300000")
    cell.press("Enter")
    version = page.get_by_test_id("decision-version")
    page.get_by_test_id("decision-publish").click()
    expect(page.get_by_test_id("decision-rule-problems-4")).to_have_count(0)
    expect(version).to_contain_text(re.compile(r"v\d+"))

    # try it: a client with 400,000 who last traded two months ago is now low_freq_value (rule 4)
    for key, value in (("recency_days", 60), ("trade_days_90", 0), ("commission_90", 0), ("equity", 400000),
                       ("complaints", 0)):
        page.get_by_test_id(f"try-{key}").fill(str(value))
    page.get_by_test_id("decision-try-run").click()
    expect(page.get_by_test_id("decision-try-result")).to_contain_text(TIER)
    expect(page.get_by_test_id("decision-try-result")).to_contain_text("4")
    expect(page.get_by_test_id("decision-rule-4")).to_have_class(re.compile("tdc-hit"))

    def reopen_decision():
        expect(page.get_by_test_id("decision-grid")).to_be_visible()
    _shots_both_ways(page, "08_decision_editor", reopen_decision)

    after = admin_api.records("client", filter=IN_TIER, limit=1, count="exact")["count"]
    assert after > before, (before, after)

    # the grid (with the tier and its inputs as columns) shows that many clients in the tier
    page.goto(f"/apps/{APP}/forms/client?cols=name,tier,equity,recency_days,trade_days_90,complaints")
    wait_grid_loaded(page)
    page.get_by_test_id("filter-button").click()
    add_filter_rule(page, "客户分层", "等于", value=TIER)
    with page.expect_response(records_request("client")) as resp:
        page.get_by_role("dialog", name="筛选条件").get_by_role("button", name="应用").click()
    assert resp.value.ok
    wait_grid_loaded(page)
    expect(page.get_by_test_id("record-count")).to_contain_text(f"{after:,}")
    expect(page.locator('.ant-table-tbody td[data-col="tier"]').first).to_contain_text("低频价值客户")
    shot(page, SCENARIO, "09_clients_in_tier")


def test_lookup_follows_its_relation_on_the_record_form(admin_page, admin_api):
    """A lookup (a ticket's client's equity) added in the designer shows the related client's
    value as soon as the client is picked on the record form."""
    page = admin_page
    page.goto(f"/apps/{APP}/forms/ticket/design")
    expect(page.get_by_test_id("canvas")).to_be_visible()
    page.get_by_test_id("palette-lookup").click()
    page.get_by_test_id("prop-advanced").click()  # the id is under 高级
    ident = page.get_by_test_id("prop-id")
    ident.fill("client_equity")
    ident.press("Enter")
    page.get_by_test_id("prop-label-zh").fill("客户当前权益")
    page.get_by_test_id("prop-label-en").fill("Client equity")
    page.get_by_test_id("lookup-via").click()
    page.locator(".ant-select-dropdown:visible").get_by_title("客户", exact=True).click()
    page.get_by_test_id("lookup-field").click()
    page.keyboard.type("客户权益")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("lookup-field")).to_contain_text("客户权益")
    page.get_by_test_id("publish").click()
    page.get_by_test_id("publish-confirm").click()
    expect(page.get_by_text(re.compile("已发布为版本"))).to_be_visible()
    for _ in range(40):  # another server process serves its cached definitions for up to their TTL
        fields = {f["id"]: f for f in admin_api.form("ticket")["fields"]}
        if "client_equity" in fields:
            break
        time.sleep(0.25)
    field = fields["client_equity"]
    assert (field["type"], field["via"], field["field"]) == ("lookup", "client", "equity")

    client = admin_api.records("client", limit=1, sort="-equity", fields="id,name,equity")["items"][0]
    page.goto(f"/apps/{APP}/forms/ticket")
    wait_grid_loaded(page)
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name=re.compile("新建"))
    computed = dialog.locator('input[data-computed="client_equity"]')
    expect(computed).to_be_visible()
    dialog.get_by_label("客户", exact=True).click()
    page.keyboard.type(client["name"])
    page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(has_text=client["name"]).first.click()
    expect(computed).not_to_have_value("")
    assert _number(computed.input_value()) == round(client["equity"], 2)
    computed.scroll_into_view_if_needed()
    shot(page, SCENARIO, "10_lookup_on_record_form")
