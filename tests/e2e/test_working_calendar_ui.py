"""The working calendar (工作日历) in the web UI, as the administrator: the user menu leads to
it; 2026 shows 国庆 (1-7 October) as holidays and Saturday 10 October as a make-up working
day; 2027, which chinese-calendar does not know yet, says so, and a day of it marked as a
holiday through the day's form persists (the API answers it, a reload shows it) and is reset
to the package's answer again. Screenshots in Chinese and English, on a desktop and on a
390 px phone, are saved under /tmp/trellis_calendar_shots/."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_ui import screen, settle
from playwright.sync_api import expect

SHOTS = Path("/tmp/trellis_calendar_shots")
URL = "/system/calendar"
DAY = "2027-01-04"
CJK = re.compile("[\u4e00-\u9fff]")


def save_shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", full_page=True)
    return path


def cell(page, day: str):
    return page.locator(f"button[data-day='{day}']")


def editor(page):
    return page.get_by_role("dialog").filter(has=page.get_by_test_id("calendar-working"))


def test_admin_sees_national_day_and_marks_a_2027_holiday(admin_page, admin_api):
    page = admin_page
    admin_api.call("DELETE", f"/api/v1/calendar/days/{DAY}")
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name=re.compile("工作日历")).click()
    page.wait_for_url(f"**{URL}")
    expect(page.get_by_role("heading", name="工作日历")).to_be_visible()

    page.get_by_test_id("calendar-year").fill("2026")
    page.get_by_test_id("calendar-year").press("Enter")
    expect(page.get_by_test_id("calendar-year")).to_have_value("2026")
    for d in range(1, 8):
        expect(cell(page, f"2026-10-0{d}")).to_have_attribute("data-kind", "holiday")
    expect(cell(page, "2026-10-08")).to_have_attribute("data-kind", "working")
    expect(cell(page, "2026-10-10")).to_have_attribute("data-kind", "makeup")
    expect(cell(page, "2026-10-10")).to_contain_text("班")
    expect(cell(page, "2026-10-01")).to_contain_text("休")
    expect(page.get_by_test_id("calendar-unknown")).to_have_count(0)
    cell(page, "2026-10-10").click()
    dialog = editor(page)
    expect(dialog.get_by_test_id("calendar-working")).to_be_checked()
    expect(dialog.get_by_test_id("calendar-trading")).not_to_be_checked()
    expect(dialog).to_contain_text("国庆节")
    expect(dialog).to_contain_text("工作日 · 非交易日")
    dialog.get_by_role("button", name=re.compile(r"^取\s*消$")).click()
    expect(dialog).to_be_hidden()

    # 2027: the package does not know it yet; 4 January becomes a holiday
    page.get_by_role("button", name="下一年").click()
    page.wait_for_url("**year=2027")
    expect(page.get_by_test_id("calendar-unknown")).to_contain_text("2027")
    expect(cell(page, DAY)).to_have_attribute("data-source", "weekday")
    cell(page, DAY).click()
    dialog = editor(page)
    dialog.get_by_test_id("calendar-working").click()
    expect(dialog.get_by_test_id("calendar-trading")).to_be_disabled()
    dialog.get_by_test_id("calendar-note").fill("元旦调休")
    dialog.get_by_test_id("calendar-save").click()
    expect(page.locator(".ant-message")).to_contain_text(f"{DAY} 已保存")
    expect(cell(page, DAY)).to_have_attribute("data-kind", "holiday")
    expect(cell(page, DAY)).to_have_attribute("data-source", "override")
    saved = {d["day"]: d for d in admin_api.get("/api/v1/calendar/days", year=2027)["days"]}[DAY]
    assert (saved["working"], saved["trading"], saved["note"], saved["source"]) == (False, False, "元旦调休", "override")

    page.reload()
    expect(cell(page, DAY)).to_have_attribute("data-kind", "holiday")
    save_shot(page, "zh_desktop_2027_override")
    cell(page, DAY).click()
    dialog = editor(page)
    expect(dialog.get_by_test_id("calendar-note")).to_have_value("元旦调休")
    expect(dialog.get_by_test_id("calendar-source")).to_have_text("手工设置")
    dialog.get_by_test_id("calendar-reset").click()
    expect(cell(page, DAY)).to_have_attribute("data-source", "weekday")
    expect(cell(page, DAY)).to_have_attribute("data-kind", "working")
    after = {d["day"]: d for d in admin_api.get("/api/v1/calendar/days", year=2027)["days"]}[DAY]
    assert after["source"] == "weekday" and after["working"]
    assert not page.js_errors


VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots(browser, server, admin_api, lang, device):
    admin_api.call("PUT", "/api/v1/calendar/days/2026-12-31", {"working": True, "trading": False, "note": "年终结算"})
    try:
        with screen(browser, server, lang, VIEWPORTS[device]) as page:
            page.goto(f"{URL}?year=2026")
            expect(cell(page, "2026-10-01")).to_have_attribute("data-kind", "holiday")
            expect(cell(page, "2026-12-31")).to_have_attribute("data-kind", "noTrading")
            # the page's own content fits the screen (the shared header bar is the shell's)
            wide = page.evaluate("""() => [...document.querySelectorAll('.trellis-calendar *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""")
            assert not wide, f"wider than the screen: {wide}"
            if lang == "en":
                expect(page.get_by_role("heading", name="Working calendar")).to_be_visible()
                expect(page.locator(".trellis-calendar-months")).not_to_contain_text(CJK)
            cell(page, "2026-10-01").scroll_into_view_if_needed()
            save_shot(page, f"{lang}_{device}_2026")
            cell(page, "2026-10-10").click()
            expect(editor(page)).to_be_visible()
            save_shot(page, f"{lang}_{device}_editor")
            page.keyboard.press("Escape")
            page.goto(f"{URL}?year=2027")
            expect(page.get_by_test_id("calendar-unknown")).to_be_visible()
            save_shot(page, f"{lang}_{device}_2027")
    finally:
        admin_api.call("DELETE", "/api/v1/calendar/days/2026-12-31")
