"""Scenario 3: the client grid is filtered with the filter builder and sorted by clicking a
column header; the rows shown are those the REST API answers for the same filter and sort."""
from __future__ import annotations

import json
import re
import urllib.parse

from e2e_ui import (APP, add_filter_rule, exactly, expect_rows_in_order, grid_rows, records_request, shot,
                    wait_grid_loaded)
from playwright.sync_api import expect

SCENARIO = "s3_grid_filter_sort"
ACTIVE_RICH = {"and": [{"==": [{"var": "status"}, "active"]}, {">": [{"var": "equity"}, 1000000]}]}


def header(page, label: str):
    return page.locator(".ant-table-thead th").filter(has_text=exactly(label))


def test_filter_then_sort_matches_the_api(admin_page, admin_api):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    total = admin_api.records("client", limit=1, count="exact")["count"]
    expect(page.get_by_test_id("record-count")).to_contain_text(str(total))

    page.get_by_test_id("filter-button").click()
    add_filter_rule(page, "账户状态", "等于", option="正常")
    add_filter_rule(page, "客户权益", "大于", value=1000000)
    shot(page, SCENARIO, "01_filter_builder")
    with page.expect_response(records_request("client")) as resp:
        page.get_by_role("dialog", name="筛选条件").get_by_role("button", name="应用").click()
    assert resp.value.ok
    sent = json.loads(urllib.parse.parse_qs(urllib.parse.urlparse(resp.value.url).query)["filter"][0])
    wait_grid_loaded(page)

    want = admin_api.records("client", filter=ACTIVE_RICH, limit=50, count="exact")
    assert 0 < want["count"] < total
    # the builder's filter means the same as ours
    assert admin_api.records("client", filter=sent, limit=1, count="exact")["count"] == want["count"]
    expect(page.get_by_test_id("record-count")).to_contain_text(f"{want['count']}")
    expect(grid_rows(page)).to_have_count(min(want["count"], 50))
    expect_rows_in_order(page, [r["client_code"] for r in want["items"]])  # both unsorted: by id
    expect(page.get_by_test_id("filter-button")).to_contain_text("筛选")
    shot(page, SCENARIO, "02_filtered")

    # click the 客户编号 header: ascending, click again: descending
    for direction, sort in (("ascending", "client_code"), ("descending", "-client_code")):
        with page.expect_response(records_request("client")) as resp:
            header(page, "客户编号").click()
        assert urllib.parse.parse_qs(urllib.parse.urlparse(resp.value.url).query)["sort"] == [sort]
        wait_grid_loaded(page)
        expect(header(page, "客户编号")).to_have_attribute("aria-sort", direction)
        want = admin_api.records("client", filter=ACTIVE_RICH, sort=sort, limit=50)
        expect_rows_in_order(page, [r["client_code"] for r in want["items"]])
    shot(page, SCENARIO, "03_sorted_by_code_desc")

    # a numeric column: 客户权益 is not shown by default; sort through its header once shown
    page.get_by_role("button", name=re.compile("^(table )?列$")).click()
    chooser = page.locator(".ant-popover:visible, .ant-dropdown:visible, .ant-drawer:visible").last
    chooser.get_by_text("客户权益", exact=True).click()
    page.keyboard.press("Escape")
    expect(header(page, "客户权益")).to_have_count(1)
    wait_grid_loaded(page)
    with page.expect_response(records_request("client")) as resp:
        header(page, "客户权益").click()
    wait_grid_loaded(page)
    want = admin_api.records("client", filter=ACTIVE_RICH, sort="equity", limit=50)
    expect_rows_in_order(page, [r["client_code"] for r in want["items"]])
    shot(page, SCENARIO, "04_sorted_by_equity")


def test_filter_builder_speaks_chinese(admin_page):
    """In the Chinese UI the filter builder's value inputs carry Chinese hints, not the query
    builder's English defaults ("Enter number", "Select value", ...)."""
    page = admin_page
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    page.get_by_test_id("filter-button").click()
    for field, op in (("客户权益", "大于"), ("客户名称", "包含"), ("开户日期", "介于"), ("账户状态", "属于其中之一")):
        add_filter_rule(page, field, op)
    drawer = page.get_by_role("dialog", name="筛选条件")
    hints = drawer.locator("input[placeholder]").evaluate_all("els => els.map(e => e.placeholder)")
    hints += drawer.locator(".ant-select-placeholder, .ant-select-selection-placeholder").all_inner_texts()
    path = shot(page, SCENARIO, "05_filter_builder_hints")
    assert hints, "no value inputs in the filter builder"
    english = [h for h in hints if re.search(r"[A-Za-z]{3,}", h)]
    assert not english, f"English hints in the Chinese UI: {english} (see {path})"
