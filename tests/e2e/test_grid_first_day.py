"""What a new user meets on the first day in the grid, the record form and saved views:
a shared view naming fields the user may not see opens without those parts and says which;
Enter in a field never saves a half-filled record; the filter builder reads "100万" and keeps
unapplied conditions when closed with Esc; the column chooser searches, offers the filter's
and sort's fields, and brings an added column into view while the title column stays put.
Screenshots in Chinese and English, at desktop size and on a 390 px phone."""
from __future__ import annotations

import json
import re
import urllib.parse

from e2e_ui import (APP, DEMO_PASSWORD, Api, add_filter_rule, grid_rows, login, menu_item, records_request, shot,
                    wait_grid_loaded)
from playwright.sync_api import expect

SCENARIO = "grid_first_day"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
CS_HIDDEN = ("equity", "margin_ratio", "first_deposit_amount", "max_drawdown", "avg_margin_usage", "avg_open_interest")


def use_language(page, lang: str) -> None:
    """The UI language as a returning user has it (kept in localStorage), page reloaded."""
    page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
    page.reload()


def header_labels(page) -> list[str]:
    return [t.strip() for t in page.locator(".ant-table-thead th").all_inner_texts() if t.strip()]


def test_shared_view_with_hidden_fields_opens_without_them(page, server, admin_api):
    cs = Api(server.base, "cs01", DEMO_PASSWORD)
    view = next(v for v in cs.get(f"/api/v1/apps/{APP}/views")["items"] if v["id"] == "high_net_worth")
    assert view["filter"] == {"!=": [{"var": "status"}, "closed"]}
    assert {d["field"] for d in view["dropped"]["filter"]} == {"equity"}
    want = cs.records("client", filter=view["filter"], sort=",".join(view["sort"]), limit=50, count="exact")
    assert want["count"] > 0

    login(page, "cs01", DEMO_PASSWORD)
    with page.expect_response(records_request("client")) as resp:
        menu_item(page, "高净值客户").click()
    assert resp.value.ok, resp.value.text()
    assert not set(CS_HIDDEN) & {k for r in resp.value.json()["items"] for k in r}   # no hidden value sent
    wait_grid_loaded(page)
    notice = page.get_by_test_id("view-trimmed")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("此视图用到了你无权查看的字段")
    expect(notice.locator("li[data-part=filter]")).to_have_text("筛选条件：“客户权益”")
    expect(notice.locator("li[data-part=sort]")).to_have_text("排序：“客户权益”")
    expect(notice.locator("li[data-part=columns]")).to_have_text("列：“客户权益”、“保证金占用率”")
    expect(page.get_by_test_id("record-count")).to_have_text(f"共 {want['count']:,} 条")
    expect(grid_rows(page)).to_have_count(min(50, want["count"]))
    expect(grid_rows(page).first).to_contain_text(want["items"][0]["client_code"])
    assert not {"客户权益", "保证金占用率"} & set(header_labels(page))
    shot(page, SCENARIO, "01_cs_view_trimmed_zh")

    use_language(page, "en")
    wait_grid_loaded(page)
    expect(notice).to_contain_text("This view uses fields you may not see")
    expect(notice.locator("li[data-part=filter]")).to_have_text("Filter: “Equity”")
    shot(page, SCENARIO, "02_cs_view_trimmed_en")
    page.set_viewport_size(PHONE)
    expect(notice).to_be_visible()
    shot(page, SCENARIO, "03_cs_view_trimmed_en_phone")
    use_language(page, "zh")
    wait_grid_loaded(page)
    shot(page, SCENARIO, "04_cs_view_trimmed_zh_phone")

    # the view as stored is untouched: an admin still gets it whole
    stored = next(v for v in admin_api.get(f"/api/v1/apps/{APP}/views")["items"] if v["id"] == "high_net_worth")
    assert "dropped" not in stored and stored["filter"]["and"][0] == {">=": [{"var": "equity"}, 1000000]}


def test_enter_never_saves_the_record_form(admin_page, admin_api):
    page = admin_page
    before = admin_api.records("client", limit=1, count="exact")["count"]
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name="新建客户")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" and "/records" in r.url else None)
    dialog.get_by_label("客户名称", exact=True).fill("回车测试客户")
    dialog.get_by_label("手机号", exact=True).fill("13912345678")
    dialog.get_by_label("客户名称", exact=True).press("Enter")
    # the date picker: a typed date confirmed with Enter
    date = dialog.get_by_label("开户日期", exact=True)
    date.click()
    date.fill("2026-03-02")
    date.press("Enter")
    expect(date).to_have_value("2026-03-02")
    page.wait_for_timeout(400)
    expect(dialog).to_be_visible()
    assert posts == [] and admin_api.records("client", limit=1, count="exact")["count"] == before
    shot(page, SCENARIO, "05_enter_kept_form_open")

    # Ctrl+Enter saves (the required 风险测评结果 is still missing: the form says so, nothing is sent)
    dialog.get_by_label("客户名称", exact=True).press("Control+Enter")
    expect(dialog.get_by_text("请修正标出的字段后再保存")).to_be_visible()
    assert posts == []
    dialog.get_by_label("风险测评结果", exact=True).click()
    page.locator(".ant-select-dropdown:visible").get_by_title("C3 稳健型", exact=True).click()
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/forms/client/records")) as resp:
        dialog.get_by_label("客户名称", exact=True).focus()
        page.keyboard.press("Control+Enter")
        page.keyboard.press("Control+Enter")   # pressed twice while the first save runs: saved once
    assert resp.value.status == 201, resp.value.text()
    expect(dialog).to_be_hidden()
    page.wait_for_timeout(300)
    assert len(posts) == 1, posts
    assert admin_api.records("client", limit=1, count="exact")["count"] == before + 1
    assert resp.value.json()["opened_at"] == "2026-03-02"


def test_filter_reads_chinese_numbers_and_esc_keeps_the_draft(admin_page, admin_api):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    page.get_by_test_id("filter-button").click()
    drawer = page.get_by_role("dialog", name="筛选条件")
    add_filter_rule(page, "客户权益", "大于", value="100万")
    expect(drawer.get_by_test_id("number-echo")).to_have_text("= 1,000,000")
    shot(page, SCENARIO, "06_filter_100wan")
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(page.get_by_test_id("filter-button")).to_have_attribute("title", "这是上次未应用的筛选条件")

    # reopened: the unapplied condition is still there, said to be a draft
    page.get_by_test_id("filter-button").click()
    expect(drawer.get_by_test_id("filter-draft")).to_be_visible()
    expect(drawer.get_by_test_id("number-input")).to_have_value(re.compile(r"^(100万|1000000)$"))
    shot(page, SCENARIO, "07_filter_draft_kept")
    value = drawer.get_by_test_id("number-input")
    value.fill("1,5万")
    expect(drawer.get_by_test_id("number-echo")).to_have_text("不是有效的数字")
    value.fill("１，５００，０００")
    expect(drawer.get_by_test_id("number-echo")).to_have_text("= 1,500,000")
    # a percent field reads "60%" as the fraction it stores
    add_filter_rule(page, "保证金占用率", "大于", value="60%")
    expect(drawer.get_by_test_id("number-echo").nth(1)).to_have_text("= 0.6")
    with page.expect_response(records_request("client")) as resp:
        drawer.get_by_role("button", name="应用").click()
    sent = json.loads(urllib.parse.parse_qs(urllib.parse.urlparse(resp.value.url).query)["filter"][0])
    assert sent == {"and": [{">": [{"var": "equity"}, 1500000]}, {">": [{"var": "margin_ratio"}, 0.6]}]}, sent
    wait_grid_loaded(page)
    want = admin_api.records("client", filter=sent, limit=1, count="exact")["count"]
    expect(page.get_by_test_id("record-count")).to_have_text(f"共 {want:,} 条")

    # applied: no draft any more
    page.get_by_test_id("filter-button").click()
    expect(drawer.get_by_test_id("number-input").first).to_have_value("1500000")
    expect(drawer.get_by_test_id("number-input").nth(1)).to_have_value("60%")   # a percent shown as one
    expect(drawer.get_by_test_id("filter-draft")).to_have_count(0)
    page.set_viewport_size(PHONE)
    shot(page, SCENARIO, "07b_filter_phone_zh")
    page.keyboard.press("Escape")


def test_column_chooser_search_suggestions_and_placement(admin_page):
    page = admin_page
    flt = json.dumps({">": [{"var": "equity"}, 100000]})
    page.goto(f"/apps/{APP}/forms/client?" + urllib.parse.urlencode({"filter": flt, "sort": "-margin_ratio"}))
    wait_grid_loaded(page)
    page.get_by_test_id("column-button").click()
    chooser = page.get_by_test_id("column-chooser")
    suggested = chooser.get_by_test_id("column-suggested")
    expect(suggested.locator("[data-column]")).to_have_count(2)
    expect(suggested).to_contain_text("客户权益")
    expect(suggested).to_contain_text("保证金占用率")
    shot(page, SCENARIO, "08_chooser_suggests")

    title_x = page.locator(".ant-table-thead th[data-col=name]").bounding_box()["x"]
    chooser.get_by_test_id("column-search").fill("销户")
    expect(chooser.locator("[data-column]")).to_have_count(1)
    shot(page, SCENARIO, "09_chooser_search")
    chooser.get_by_test_id("column-search").press("Enter")   # the one field found is added
    page.keyboard.press("Escape")
    wait_grid_loaded(page)

    # the added column, last of many, is brought into view (not under the frozen columns)
    th = page.locator(".ant-table-thead th[data-col=closed_at]")
    expect(th).to_have_count(1)
    page.wait_for_timeout(800)
    box, table = th.bounding_box(), page.locator(".ant-table-wrapper").bounding_box()
    assert box and table and box["x"] >= table["x"] and box["x"] + box["width"] <= table["x"] + table["width"], (box, table)
    shot(page, SCENARIO, "10_added_column_in_view")

    # the title column stays at the left edge while the table scrolls sideways
    title = page.locator(".ant-table-thead th[data-col=name]")
    scrolled = page.locator(".ant-table-wrapper").evaluate(
        "w => Math.max(...[...w.querySelectorAll('*')].map(e => e.scrollLeft))")
    assert scrolled > 0, scrolled
    assert abs(title.bounding_box()["x"] - title_x) < 2, (title.bounding_box(), title_x)
    first_cell = grid_rows(page).first.locator("td[data-col=name]")
    assert abs(first_cell.bounding_box()["x"] - title.bounding_box()["x"]) < 2
    expect(first_cell).to_be_visible()
    page.set_viewport_size(PHONE)   # a phone lists the records as cards, each led by its title
    wait_grid_loaded(page)
    expect(page.get_by_test_id("record-card").first.locator(".trellis-record-card-title")).to_be_visible()
    shot(page, SCENARIO, "11_phone_cards_zh")
    use_language(page, "en")
    wait_grid_loaded(page)
    page.get_by_test_id("column-button").click()
    expect(page.get_by_test_id("column-suggested")).to_contain_text("Fields in the filter or sort")
    shot(page, SCENARIO, "12_phone_chooser_en")
    page.keyboard.press("Escape")
    page.set_viewport_size(DESKTOP)
    page.get_by_test_id("filter-button").click()
    expect(page.get_by_role("dialog", name="Filter").locator(".rule")).to_have_count(1)   # the applied condition
    add_filter_rule(page, "Equity", "greater than", value="2亿")
    expect(page.get_by_role("dialog", name="Filter").get_by_test_id("number-echo").last).to_have_text("= 200,000,000")
    shot(page, SCENARIO, "13_filter_en")
