"""The grid's state lives in the URL: after a filter, a sort and a page change, a reload (or the
link opened in another tab) shows the same rows, sorted and paged the same; the back button
steps back through the page, the sorts and the filter; typing a search does not add history
entries (it replaces the current one), and going forward again brings the search back."""
from __future__ import annotations

import json
import re
import urllib.parse

from e2e_ui import APP, add_filter_rule, exactly, expect_rows_in_order, records_request, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s9_grid_url_state"


def header(page, label: str):
    return page.locator(".ant-table-thead th").filter(has_text=exactly(label))


def query(page) -> dict[str, str]:
    return {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query).items()}


def codes(api, **params) -> list[str]:
    return [r["client_code"] for r in api.records("client", limit=50, fields="client_code", **params)["items"]]


def active_page(page):
    return page.locator(".ant-pagination-item-active")


def test_filter_sort_page_survive_reload_and_back(admin_page, admin_api):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    assert query(page) == {}

    page.get_by_test_id("filter-button").click()
    add_filter_rule(page, "账户状态", "等于", option="正常")
    with page.expect_response(records_request("client")):
        page.get_by_role("dialog", name="筛选条件").get_by_role("button", name="应用").click()
    wait_grid_loaded(page)
    flt = json.loads(query(page)["filter"])
    assert admin_api.records("client", filter=flt, limit=1, count="exact")["count"] > 50   # more than a page

    for _ in range(2):                                          # ascending, then descending
        with page.expect_response(records_request("client")):
            header(page, "客户编号").click()
        wait_grid_loaded(page)
    assert query(page)["sort"] == "-client_code"
    with page.expect_response(records_request("client")):
        page.locator(".ant-pagination-item-2").click()
    wait_grid_loaded(page)
    assert query(page)["page"] == "2"
    want = codes(admin_api, filter=flt, sort="-client_code", page=2)
    expect_rows_in_order(page, want)
    link = page.url

    # reload: the same filter, sort and page
    page.reload()
    wait_grid_loaded(page)
    expect(header(page, "客户编号")).to_have_attribute("aria-sort", "descending")
    expect(active_page(page)).to_have_text("2")
    expect(page.get_by_test_id("filter-button")).to_have_class(re.compile("ant-btn-primary"))
    expect_rows_in_order(page, want)
    shot(page, SCENARIO, "01_after_reload")

    # the link pasted into another tab
    other = page.context.new_page()
    other.goto(link)
    wait_grid_loaded(other)
    expect_rows_in_order(other, want)
    expect(header(other, "客户编号")).to_have_attribute("aria-sort", "descending")
    other.close()

    # back: page 1, then the ascending sort, then the filter alone
    page.go_back()
    wait_grid_loaded(page)
    expect(active_page(page)).to_have_text("1")
    expect_rows_in_order(page, codes(admin_api, filter=flt, sort="-client_code"))
    page.go_back()
    wait_grid_loaded(page)
    expect(header(page, "客户编号")).to_have_attribute("aria-sort", "ascending")
    expect_rows_in_order(page, codes(admin_api, filter=flt, sort="client_code"))
    page.go_back()
    wait_grid_loaded(page)
    assert set(query(page)) == {"filter"}
    expect(header(page, "客户编号")).not_to_have_attribute("aria-sort", re.compile("ascending|descending"))
    expect_rows_in_order(page, codes(admin_api, filter=flt))

    # typing a search replaces the current entry: no history entry per keystroke
    entries = page.evaluate("history.length")
    search = page.get_by_test_id("grid-search").locator("input")
    search.press_sequentially("KH20260000", delay=60)
    expect(page).to_have_url(re.compile(r"[?&]q=KH20260000"))
    wait_grid_loaded(page)
    assert page.evaluate("history.length") == entries
    assert set(query(page)) == {"filter", "q"}
    shot(page, SCENARIO, "02_search_typed")
    page.go_back()                                              # before the filter: the whole list
    wait_grid_loaded(page)
    assert query(page) == {}
    expect(search).to_have_value("")
    expect_rows_in_order(page, codes(admin_api))
    page.go_forward()                                           # the filter and the search again
    wait_grid_loaded(page)
    expect(search).to_have_value("KH20260000")
    expect_rows_in_order(page, codes(admin_api, filter=flt, q="KH20260000"))
