"""The client 360 as its account manager (am0001) sees it: the header's key figures (equity,
this month's P&L, tier, open tickets, last contact), a count on every related tab (what the
server counts in am0001's scope), the ticket list with its status and handler, and one
activity timeline holding a change, a related ticket, a message and a comment. A comment
mentioning 林小雨 (cs01) arrives in her message center. Screenshots in Chinese and English,
on a desktop and a 390 px phone."""
from __future__ import annotations

import re
from collections import Counter

from e2e_ui import APP, DEMO_PASSWORD, screen, settle, shot
from playwright.sync_api import expect

SCENARIO = "record_360_header"
VIEWPORTS = {"desktop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
FIGURES = {"equity": "客户权益", "month_pnl": "本月盈亏", "tier": "客户分层", "open_tickets": "未结工单",
           "last_contact": "最近联系"}


def _setup(am_api, admin_api) -> tuple[int, dict]:
    """am0001's client with the most tickets, with a change, a new ticket handled by cs01
    and a message about it."""
    tickets = Counter(r["client"] for r in am_api.records("ticket", limit=1000, fields="client")["items"])
    cid = max(sorted(tickets), key=lambda c: tickets[c])
    base = f"/api/v1/apps/{APP}/forms"
    client = am_api.get(f"{base}/client/records/{cid}")
    am_api.call("PATCH", f"{base}/client/records/{cid}", {"remark": "客户计划追加保证金", "version": client["version"]})
    cs = am_api.get("/api/v1/users", q="cs01")["items"][0]
    ticket = am_api.call("POST", f"{base}/ticket/records", {
        "subject": "行情软件登录失败", "client": cid, "channel": "app", "category": "software",
        "opened_at": "2026-12-07T10:00:00", "assignee": cs["id"]})
    me = am_api.get("/api/v1/me")
    admin_api.call("POST", f"/api/v1/apps/{APP}/notify", {"template": "care", "form": "client", "record": cid,
                                                         "recipients": [{"user": me["id"]}]})
    return cid, {"ticket": ticket, "cs": cs}


def _warm(browser, server) -> None:
    """Open the site once with a patient timeout: the first load of a fresh server on a busy
    machine can outlast the sign-in helper's wait."""
    ctx = browser.new_context(base_url=server.base)
    try:
        page = ctx.new_page()
        page.goto("/", timeout=90_000)
        page.wait_for_url("**/signin**", timeout=90_000)
    finally:
        ctx.close()


def test_client_360_header_tabs_timeline_and_mention(browser, server, am_api, admin_api):
    cid, made = _setup(am_api, admin_api)
    _warm(browser, server)
    url = f"/apps/{APP}/forms/client/records/{cid}"
    api = f"/api/v1/apps/{APP}/forms/client/records/{cid}"
    figures = {f["key"]: f for f in am_api.get(f"{api}/summary")["items"]}
    counts = {f"{c['form']}:{c['field']}": c["count"] for c in am_api.get(f"{api}/related-counts")["items"]}

    with screen(browser, server, "zh", VIEWPORTS["desktop"], user="am0001", password=DEMO_PASSWORD) as page:
        page.goto(url)
        header = page.get_by_test_id("record-figures")
        for key, label in FIGURES.items():
            expect(header.get_by_test_id(f"figure-{key}")).to_contain_text(label)
        expect(header.get_by_test_id("figure-open_tickets")).to_contain_text(str(figures["open_tickets"]["value"]))
        # every related tab carries its count, as the server counts it in am0001's scope
        for key, n in counts.items():
            form, field = key.split(":")
            expect(page.get_by_test_id(f"related-tab-{form}-{field}").get_by_test_id("tab-count")).to_have_text(str(n))
        # the ticket list: status and handler among its columns, the new ticket with its handler
        page.get_by_role("tab", name="工单", exact=True).click()
        panel = page.get_by_role("tabpanel")
        heads = panel.locator(".ant-table-thead th")
        expect(heads.filter(has_text=re.compile("^状态$"))).to_have_count(1)
        expect(heads.filter(has_text=re.compile("^负责人$"))).to_have_count(1)
        row = panel.locator("tr.ant-table-row", has_text="行情软件登录失败")
        expect(row).to_contain_text("林小雨")
        expect(row.locator(".ant-tag")).not_to_have_count(0)
        # clicking the open-tickets figure opens the ticket tab too
        page.get_by_role("tab", name="详细信息", exact=True).click()
        header.get_by_test_id("figure-open_tickets").click()
        expect(page.get_by_role("tab", name="工单", exact=True)).to_have_attribute("aria-selected", "true")

        # the activity timeline: a change, the related ticket, a message, then a comment mentioning cs01
        page.get_by_test_id("record-activity-tab").click()
        activity = page.get_by_test_id("activity")
        expect(activity.locator("[data-type=change]").first).to_contain_text("备注")
        expect(activity.locator("[data-type=related]", has_text="新建了工单「行情软件登录失败」")).to_be_visible()
        expect(activity.locator("[data-type=message]", has_text="客户关怀")).to_be_visible()
        box = activity.get_by_test_id("comment-box").locator("textarea")
        box.click()
        box.press_sequentially("请 @cs01", delay=40)
        page.locator(".ant-mentions-dropdown-menu-item", has_text="cs01").first.click()
        box.press_sequentially("跟进一下软件登录问题", delay=20)
        with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/records/{cid}/comments")) as resp:
            activity.get_by_test_id("comment-send").click()
        assert resp.value.status == 201, resp.value.text()
        assert resp.value.json()["mentions"] == [{"id": made["cs"]["id"], "name": "林小雨"}]
        newest = activity.locator("[data-testid=activity-item]").first
        expect(newest).to_have_attribute("data-type", "comment")
        expect(newest.locator(".trellis-mention")).to_have_text("@林小雨")
        # the filters: comments only, then related records only
        activity.get_by_test_id("activity-filter").get_by_text("评论", exact=True).click()
        expect(activity.locator("[data-testid=activity-item]:not([data-type=comment])")).to_have_count(0)
        expect(activity.locator("[data-type=comment]").first).to_contain_text("跟进一下软件登录问题")
        activity.get_by_test_id("activity-filter").get_by_text("全部", exact=True).click()
        expect(activity.locator("[data-type=related]").first).to_be_visible()
        shot(page, SCENARIO, "zh_desktop_activity")

    # the mention arrives in 林小雨's message center
    with screen(browser, server, "zh", VIEWPORTS["desktop"], user="cs01", password=DEMO_PASSWORD) as page:
        page.goto("/messages")
        expect(page.get_by_text(re.compile("在「.+」的评论中提到了你")).first).to_be_visible(timeout=30_000)
        shot(page, SCENARIO, "zh_desktop_cs01_messages")

    for lang in ("zh", "en"):
        for device, viewport in VIEWPORTS.items():
            with screen(browser, server, lang, viewport, user="am0001", password=DEMO_PASSWORD) as page:
                page.goto(url)
                expect(page.get_by_test_id("figure-equity")).to_contain_text("客户权益" if lang == "zh" else "Equity")
                settle(page)
                shot(page, SCENARIO, f"{lang}_{device}_header")
                page.get_by_test_id("record-activity-tab").click()
                expect(page.locator("[data-type=comment]").first).to_be_visible()
                shot(page, SCENARIO, f"{lang}_{device}_activity")
                # nothing wider than the screen
                assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
