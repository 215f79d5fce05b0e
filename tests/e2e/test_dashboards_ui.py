"""Reports and dashboards in the browser, on the futures CRM's seed dashboard 客户服务质量
(`service_quality`):

1. The side menu's 报表 / 仪表盘 leads to the reports page, which lists the dashboards as cards
   and the reports; a card opens its dashboard.
2. Opened with a period in its address (?f=), the dashboard shows that period in its filter bar
   and draws every readable tile (an svg or a canvas in its body, the KPI cards their figure).
3. Picking a department in the global filter puts it in the address and asks every tile again
   with it; a reload keeps it.
4. Clicking a bar of 未结工单(按部门) opens the ticket grid filtered to that bar's records: the
   grid counts as many tickets as the bar showed.
5. A report opens alone from the reports page, and its figures download as xlsx.

Screenshots of the reports page and of every seed dashboard (客户服务质量, 客户经营, 风险, 我的工作台;
zh and en, 1440 px and a 390 px phone, where the tiles stack in one column and nothing scrolls
sideways; every readable tile drawn) go to /tmp/trellis_dashboard_shots/.
"""
from __future__ import annotations

import json
import re
import tempfile
import urllib.parse
from pathlib import Path

import pytest
from e2e_ui import APP, screen, settle
from playwright.sync_api import expect

DASHBOARD = "service_quality"
SEEDED = {"service_quality": "Service quality", "client_business": "Client business", "risk": "Risk",
          "workbench": "My workbench"}
BAR_TILE = "open"  # 未结工单(按部门): tickets by their handling department
PERIOD = ["2020-01-01", "2030-12-31"]
URL = f"/apps/{APP}/dashboards/{DASHBOARD}"
SHOTS = Path(tempfile.gettempdir()) / "trellis_dashboard_shots"
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module", autouse=True)
def _fresh_shots():
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\ndashboard screenshots: {SHOTS}")


def address(values: dict) -> str:
    return f"{URL}?f={urllib.parse.quote(json.dumps(values))}"


def drawn(page, figures: bool = True) -> None:
    """Every readable tile shows its figures: a chart (svg or canvas), a table or pivot, a KPI
    card's number (or says it has no rows)."""
    tiles = page.locator("[data-testid^='tile-'][data-readable='1']")
    expect(tiles.first).to_be_visible()
    for i in range(tiles.count()):
        tile = tiles.nth(i)
        expect(tile).to_have_attribute("data-loaded", "1")
        expect(tile.get_by_test_id("tile-error")).to_have_count(0)
        chart = tile.locator(".trr-tile-body .trr-vega svg, .trr-tile-body .trr-vega canvas, "
                             ".trr-tile-body table, .trr-tile-body .ant-empty")  # a chart, a table or pivot, or no rows
        if tile.get_by_test_id("report-kpi").count():
            value = tile.get_by_test_id("kpi-value")  # `figures`: each card has one (a ratio of no rows has none)
            expect(value).not_to_have_text("—") if figures else expect(value).to_be_visible()
        else:
            expect(chart.first).to_be_visible()


def test_dashboard_filters_and_drills_down(admin_page, admin_api):
    page = admin_page
    tile_api = f"/api/v1/apps/{APP}/dashboards/{DASHBOARD}/tiles/{BAR_TILE}"
    bars = admin_api.get(tile_api, values=json.dumps({"period": PERIOD}), lang="zh")
    department = bars["data"]["columns"][0]
    raw, count = bars["data"]["rows"][0]
    name = department["labels"][str(raw)]["zh"]

    # 0. opening the app shows its home dashboard, the workbench
    page.wait_for_url(f"**/apps/{APP}/dashboards/workbench")
    expect(page.get_by_role("heading", name="我的工作台")).to_be_visible()

    # 1. the side menu, the reports page, a dashboard card
    page.get_by_role("menuitem", name="报表 / 仪表盘").click()
    page.wait_for_url(f"**/apps/{APP}/reports")
    expect(page.get_by_test_id(f"dashboard-card-{DASHBOARD}")).to_contain_text("客户服务质量")
    expect(page.get_by_test_id("report-link-nps_trend")).to_be_visible()
    page.get_by_test_id(f"dashboard-card-{DASHBOARD}").click()
    page.wait_for_url(f"**{URL}")
    expect(page.get_by_role("heading", name="客户服务质量")).to_be_visible()

    # 2. a period from the address, every tile drawn
    page.goto(address({"period": PERIOD}))
    period_inputs = page.get_by_test_id("filter-period").locator("input")
    expect(period_inputs.nth(0)).to_have_value(PERIOD[0])
    expect(period_inputs.nth(1)).to_have_value(PERIOD[1])
    drawn(page)

    # 3. a department picked: in the address, every tile asked again with it
    with page.expect_response(lambda r: f"/tiles/{BAR_TILE}" in r.url and "department" in urllib.parse.unquote(r.url)) as asked:
        page.get_by_test_id("filter-department").locator(".ant-select").click()
        page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option", has_text=re.compile(f"^{name}$")).click()
        page.keyboard.press("Escape")
    assert asked.value.ok
    page.wait_for_url(re.compile(r"[?&]f="))
    chosen = json.loads(urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["f"][0])
    assert chosen == {"period": PERIOD, "department": [raw]}
    page.reload()
    expect(page.get_by_test_id("filter-department")).to_contain_text(name)
    drawn(page)

    # 4. a bar clicked: the grid of its records
    tile = page.get_by_test_id(f"tile-{BAR_TILE}")
    tile.scroll_into_view_if_needed()
    bar = tile.locator(f".mark-rect path[aria-label*='{name}']")
    expect(bar).to_have_count(1)
    expect(bar).to_have_attribute("aria-label", re.compile(f"{count}"))
    bar.click()
    page.wait_for_url(re.compile(rf"/apps/{APP}/forms/ticket\?filter="))
    rule = json.loads(urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["filter"][0])
    assert str(raw) in json.dumps(rule)
    expect(page.locator(".ant-table-tbody > tr.ant-table-row")).to_have_count(count)

    # 5. a report alone, its figures as xlsx
    page.goto(f"/apps/{APP}/reports")
    page.get_by_test_id("report-link-nps_trend").click()
    page.wait_for_url(f"**/apps/{APP}/reports/nps_trend")
    expect(page.get_by_test_id("report-chart").locator("svg, canvas").first).to_be_visible()
    expect(page.get_by_test_id("report-footer")).to_contain_text("数据更新于")
    with page.expect_download() as download:
        page.get_by_test_id("report-download").click()
        page.get_by_role("menuitem", name=re.compile("Excel")).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    assert not page.js_errors


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots(browser, server, lang, device):
    with screen(browser, server, lang, VIEWPORTS[device]) as page:
        page.goto(f"/apps/{APP}/reports")
        expect(page.get_by_test_id(f"dashboard-card-{DASHBOARD}")).to_be_visible()
        settle(page)
        page.screenshot(path=str(SHOTS / f"{lang}_{device}_reports.png"), animations="disabled")
        for key, heading in SEEDED.items():  # every seed dashboard draws every tile, nothing wider than the screen
            page.goto(f"/apps/{APP}/dashboards/{key}" + ("?f=" + urllib.parse.quote(json.dumps({"period": PERIOD}))
                                                         if key == DASHBOARD else ""))
            drawn(page, figures=key == DASHBOARD)
            if lang == "en":
                expect(page.get_by_role("heading", name=heading)).to_be_visible()
            if device == "phone":
                expect(page.get_by_test_id("dashboard-grid")).to_have_attribute("data-stacked", "1")
            # nothing reaches past the screen, but inside a box that scrolls it sideways (a wide pivot's)
            wide = page.evaluate("""() => {
                const boxed = e => { for (let p = e.parentElement; p; p = p.parentElement) {
                    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
                return [...document.querySelectorAll('[data-testid=dashboard-page] *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !boxed(e))
                    .slice(0, 5).map(e => e.tagName + '.' + e.className); }""")
            assert not wide, f"{key}: wider than the screen: {wide}"
            assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
            settle(page)
            page.screenshot(path=str(SHOTS / f"{lang}_{device}_{key}.png"), animations="disabled", full_page=True)
