"""The report designer in the browser: an administrator builds a report without writing JSON.

1. The reports page's 新建报表 opens the designer on a new report: the form 客户 is picked and
   the names given; the id is made from the English name.
2. 风险测评结果 is dragged onto 维度 and 客户权益 onto 指标 (mouse drags in many steps: dnd-kit
   ignores a one-step move); the measure sums (求和), its label following its aggregate. The
   bar chart's preview is an SVG, the pivot's a table with a row per risk level; the row
   count and the query time show under it.
3. A chart that cannot show the report (热力图 needs two dimensions) is refused by the live
   preview: the server's problem shows next to the chart picker, in the UI language.
4. Saved as a draft (the address becomes the report's design page) and published as v1; the
   reports page lists it with its 设计 action, and it opens for readers.

Screenshots of the designer (zh and en, desktop and a 390 px phone, the page scrolled in
steps on the phone) go to a temporary folder (printed), not to the shared artifacts folder.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from e2e_ui import APP, settle
from playwright.sync_api import expect

KEY = "equity_by_risk_level"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path(tempfile.gettempdir()) / "trellis_report_designer_shots"


@pytest.fixture(scope="module", autouse=True)
def _shots_folder():
    SHOTS.mkdir(exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    yield
    print(f"\nreport designer screenshots: {SHOTS}")


def _drag_onto(page, field: str, zone: str) -> None:
    """Find `field` with the list's search, then drag it onto `zone` in small mouse steps."""
    page.get_by_test_id("rd-field-search").fill(field)
    source = page.get_by_test_id(f"rd-field-{field}")
    source.scroll_into_view_if_needed()
    target = page.get_by_test_id(zone)
    target.scroll_into_view_if_needed()
    s, t = source.bounding_box(), target.bounding_box()
    assert s and t
    x0, y0 = s["x"] + s["width"] / 2, s["y"] + s["height"] / 2
    x1, y1 = t["x"] + t["width"] / 2, t["y"] + t["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for i in range(1, 13):
        page.mouse.move(x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12)
    page.mouse.up()
    page.get_by_test_id("rd-field-search").fill("")


def _pick(page, select, title: str) -> None:
    select.click()
    dropdown = page.locator(".ant-select-dropdown:visible")
    page.wait_for_timeout(250)  # the slide-in animation
    dropdown.get_by_title(title, exact=True).click()
    expect(select).to_contain_text(title)


def _preview_rows(page, n: int) -> None:
    expect(page.get_by_test_id("rd-preview-meta")).to_contain_text(re.compile(rf"^{n} (行|rows) · (查询|query) [\d.]+ ms$"))


def _shots(page, step: str) -> None:
    """The designer in zh and en, desktop and phone (the phone page scrolled in steps)."""
    for lang in ("zh", "en"):
        page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
        for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.reload()
            expect(page.get_by_test_id("rd-preview-meta")).to_be_visible(timeout=15_000)
            page.wait_for_timeout(600)  # the chart's first draw
            content = page.locator(".trellis-content")
            width = content.evaluate("e => [e.scrollWidth, e.clientWidth]")
            assert width[0] <= width[1], f"{lang} {name}: the page scrolls sideways ({width})"
            settle(page)
            page.screenshot(path=str(SHOTS / f"{step}_{lang}_{name}.png"), animations="disabled")
            if name == "phone":
                height = content.evaluate("e => e.scrollHeight")
                for i, top in enumerate(range(PHONE["height"] - 120, height, PHONE["height"] - 120), start=2):
                    content.evaluate("(e, top) => e.scrollTo(0, top)", top)
                    settle(page)
                    page.screenshot(path=str(SHOTS / f"{step}_{lang}_{name}_{i}.png"), animations="disabled")
    page.evaluate("localStorage.setItem('trellis.lang', 'zh')")
    page.set_viewport_size(DESKTOP)
    page.reload()
    expect(page.get_by_test_id("rd-preview-meta")).to_be_visible(timeout=15_000)


def test_report_designed_previewed_and_published(admin_page, admin_api):
    page = admin_page

    # 1. a new report on 客户 from the reports page
    page.goto(f"/apps/{APP}/reports")
    page.get_by_test_id("report-new").click()
    page.wait_for_url(f"**/apps/{APP}/reports/new")
    _pick(page, page.get_by_test_id("rd-new-form"), "客户")
    page.get_by_test_id("rd-new-zh").fill("各风险等级客户权益")
    page.get_by_test_id("rd-new-en").fill("Equity by risk level")
    expect(page.get_by_test_id("rd-new-id")).to_have_value(KEY)
    page.get_by_test_id("rd-new-ok").click()
    expect(page.get_by_test_id("report-designer")).to_be_visible()
    expect(page.get_by_test_id("rd-form")).to_have_text("客户")
    expect(page.get_by_test_id("rd-version")).to_have_text("未发布")

    # 2. dragged: a dimension and a summed measure; the bar chart, then the pivot
    _drag_onto(page, "risk_level", "rd-zone-dimensions")
    expect(page.get_by_test_id("rd-dimension-0")).to_contain_text("风险测评结果")
    _drag_onto(page, "equity", "rd-zone-measures")
    measure = page.get_by_test_id("rd-measure-0")
    expect(measure).to_contain_text("客户权益(求和)")
    agg = page.get_by_test_id("rd-measure-agg-0")
    _pick(page, agg, "平均")
    expect(measure).to_contain_text("客户权益(平均)")
    _pick(page, agg, "求和")
    expect(measure).to_contain_text("客户权益(求和)")

    page.get_by_test_id("rd-chart-bar").click()
    expect(page.get_by_test_id("rd-preview").locator('[data-testid="report-chart"] svg').first).to_be_visible(timeout=15_000)
    body = {"schema_version": 1, "id": KEY, "label": {"zh": "x"}, "form": "client", "dimensions": [{"field": "risk_level"}],
            "measures": [{"id": "equity", "agg": "sum", "field": "equity"}]}
    levels = len(admin_api.call("POST", f"/api/v1/apps/{APP}/reports/preview", {"report": body})["data"]["rows"])
    assert levels >= 3
    _preview_rows(page, levels)

    page.get_by_test_id("rd-chart-pivot").click()
    pivot = page.get_by_test_id("rd-preview").locator(".trr-pivot")
    expect(pivot).to_be_visible(timeout=15_000)
    expect(pivot.locator("tbody tr").filter(has_text="C3")).to_have_count(1)
    _preview_rows(page, levels)
    expect(page.get_by_test_id("rd-chart-options")).to_contain_text("小计")

    # 3. a heatmap needs two dimensions: the preview's refusal shows at the chart picker
    page.get_by_test_id("rd-chart-heatmap").click()
    expect(page.get_by_test_id("rd-problems-chart")).to_contain_text("热力图需要 2–2 个维度", timeout=15_000)
    expect(page.get_by_test_id("rd-preview-problems")).to_be_visible()
    page.get_by_test_id("rd-chart-bar").click()
    expect(page.get_by_test_id("rd-problems-chart")).to_have_count(0, timeout=15_000)
    _preview_rows(page, levels)

    # 4. saved, published, listed and readable
    page.get_by_test_id("rd-save").click()
    page.wait_for_url(f"**/apps/{APP}/reports/{KEY}/design")
    expect(page.get_by_test_id("rd-unsaved")).to_have_count(0)
    page.get_by_test_id("rd-publish").click()
    expect(page.get_by_test_id("rd-version")).to_have_text("已发布 v1", timeout=15_000)
    stored = admin_api.get(f"/api/v1/apps/{APP}/definitions/report/{KEY}")
    assert stored["form"] == "client"
    assert stored["dimensions"] == [{"field": "risk_level"}]
    assert [(m["agg"], m["field"], m["format"]) for m in stored["measures"]] == [("sum", "equity", "money")]
    assert stored["chart"] == {"type": "bar"}

    _shots(page, "designer")

    page.get_by_test_id("rd-back").click()
    page.wait_for_url(f"**/apps/{APP}/reports")
    link = page.get_by_test_id(f"report-link-{KEY}")
    expect(link).to_have_text("各风险等级客户权益")
    expect(page.get_by_test_id(f"report-design-{KEY}")).to_be_visible()
    link.click()
    expect(page.get_by_test_id("report-page").locator('[data-testid="report-chart"] svg').first).to_be_visible(timeout=15_000)
