"""Public form links in the browser: the administrator opens the 外链发布 panel of the seed's
开户预约 form in the designer and sees the link and its QR code; an anonymous visitor (a
browser context that never signed in) opens the link on a 390 px phone, sees the fields named
when left empty, fills them, answers the captcha (read by the test from the server's database)
and sees the success message; the administrator finds the request in the grid marked 外链.
Screenshots in Chinese and English, on a desktop and at 390 px."""
from __future__ import annotations

import re
import sqlite3

from e2e_ui import APP, grid_rows, pick, screen, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "public_form"
FORM = "account_opening_request"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def _answer(server, captcha_id: str) -> str:
    """The captcha's answer, from the server's database (the test's own store)."""
    with sqlite3.connect(server.home / "trellis.db") as db:
        row = db.execute("SELECT answer FROM trellis_public_captcha WHERE id = ?", (captcha_id,)).fetchone()
    assert row is not None, captcha_id
    return row[0]


def _fits(page, width: int) -> None:
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"the page scrolls sideways: {wide} > {width}"


def _link_from_panel(page, lang: str, size: str) -> str:
    page.goto(f"/apps/{APP}/forms/{FORM}/design")
    page.get_by_test_id("open-public-link").click()
    panel = page.get_by_test_id("public-link-panel")
    expect(panel.get_by_test_id("public-link-qr").locator("canvas")).to_be_visible()
    url = panel.get_by_test_id("public-link-url").inner_text().strip()
    assert re.search(r"/p/[A-Za-z0-9_-]{20,}$", url), url
    expect(panel.get_by_placeholder("中文" if lang == "zh" else "Chinese", exact=True).first).to_have_value("预约开户")
    expect(panel.get_by_placeholder("English(可选)" if lang == "zh" else "English (optional)").first).to_have_value(
        "Book an account opening")
    shot(page, SCENARIO, f"01_admin_panel_{lang}_{size}")
    return url


def test_publish_fill_anonymously_and_find_the_record(browser, server, admin_api):
    with screen(browser, server, "zh", DESKTOP) as page:
        url = _link_from_panel(page, "zh", "desktop")
        with page.expect_download() as download:
            page.get_by_test_id("public-link-download").click()
        assert download.value.suggested_filename.endswith(".png")
    with screen(browser, server, "en", PHONE) as page:
        assert _link_from_panel(page, "en", "390") == url

    # an anonymous visitor on a phone: no sign-in, no stored token
    ctx = browser.new_context(locale="zh-CN", viewport=PHONE)
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url)
        expect(page.get_by_role("heading", name="预约开户")).to_be_visible()
        expect(page.get_by_test_id("captcha-image")).to_be_visible()
        page.get_by_test_id("public-submit").click()
        expect(page.locator("[data-field=name] .ant-form-item-explain")).to_have_text("请填写姓名")
        expect(page.locator("[data-field=captcha] .ant-form-item-explain")).to_have_text("请填写验证码")
        _fits(page, PHONE["width"])
        shot(page, SCENARIO, "02_anonymous_errors_zh_390")

        page.get_by_label("姓名").fill("赵小燕")
        page.get_by_label("手机号").fill("13700001234")
        pick(page, page.locator("[data-field=branch] .ant-select"), "上海营业部")
        when = page.locator("[data-field=appointment_at] input")
        when.click()
        when.fill("2026-12-10 10:30")
        when.press("Enter")
        page.get_by_label("备注").fill("想了解股指期货开户条件")
        wrong = page.get_by_test_id("captcha-image").get_attribute("data-captcha-id")
        page.get_by_label("验证码").fill("zzzzz")
        page.get_by_test_id("public-submit").click()
        expect(page.locator("[data-field=captcha] .ant-form-item-explain")).to_contain_text("验证码不正确")
        expect(page.get_by_test_id("captcha-image")).not_to_have_attribute("data-captcha-id", wrong or "")
        captcha_id = page.get_by_test_id("captcha-image").get_attribute("data-captcha-id")
        page.get_by_label("验证码").fill(_answer(server, captcha_id).lower())
        _fits(page, PHONE["width"])
        shot(page, SCENARIO, "03_anonymous_filled_zh_390")
        page.get_by_test_id("public-submit").click()
        expect(page.get_by_test_id("public-done")).to_contain_text("预约已提交")
        _fits(page, PHONE["width"])
        shot(page, SCENARIO, "04_anonymous_done_zh_390")
        assert not page.context.cookies(), page.context.cookies()

        page.set_viewport_size(DESKTOP)
        page.get_by_role("radiogroup", name="language").get_by_text("EN", exact=True).click()
        page.get_by_role("button", name="Fill in another").click()
        expect(page.get_by_role("heading", name="Book an account opening")).to_be_visible()
        page.get_by_test_id("public-submit").click()
        expect(page.locator("[data-field=mobile] .ant-form-item-explain")).to_have_text("Please fill in Mobile")
        shot(page, SCENARIO, "05_anonymous_errors_en_desktop")
        page.set_viewport_size(PHONE)
        _fits(page, PHONE["width"])
        shot(page, SCENARIO, "06_anonymous_errors_en_390")
        page.goto(url.rsplit("/", 1)[0] + "/not-a-real-link-token-at-all")
        expect(page.get_by_text("This link does not exist or is no longer open")).to_be_visible()
        assert not errors, errors
    finally:
        ctx.close()

    found = admin_api.records(FORM, filter='{"==": [{"var": "mobile"}, "13700001234"]}')["items"]
    assert len(found) == 1 and found[0]["source"] == "public" and found[0]["branch"] == "sh"
    assert found[0]["appointment_at"].startswith("2026-12-10T10:30")
    for lang, size, viewport in (("zh", "desktop", DESKTOP), ("en", "390", PHONE)):
        with screen(browser, server, lang, viewport) as page:
            page.goto(f"/apps/{APP}/forms/{FORM}")
            wait_grid_loaded(page)
            mark = "外链" if lang == "zh" else "Public link"
            if size == "desktop":
                row = grid_rows(page).filter(has_text="赵小燕")
                expect(row).to_contain_text(mark)
            else:
                expect(page.get_by_test_id("record-card").filter(has_text="赵小燕").first).to_be_visible()
            shot(page, SCENARIO, f"07_admin_grid_{lang}_{size}")
