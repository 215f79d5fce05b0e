"""Scenario 4: a seed client's 360 view, opened from the grid: its details, a tab per related
form (出入金, 交易日汇总, 工单, 回访记录, ...) listing exactly that client's rows, and the
change timeline, which records an edit made from the same page."""
from __future__ import annotations

import re
from collections import Counter

from e2e_ui import APP, grid_rows, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s4_record_360"
# related form -> its tab label (the form's Chinese label in the seed)
TABS = {"deposit": "出入金", "trade_day": "交易日汇总", "ticket": "工单", "follow_up": "回访记录",
        "pnl_event": "盈亏事件", "survey": "满意度调查"}


def busiest_client(api) -> int:
    """The seed client with rows in every related form (most rows overall)."""
    counts = {form: Counter(r["client"] for r in api.records(form, limit=1000, fields="client")["items"])
              for form in TABS}
    everywhere = set.intersection(*(set(c) for c in counts.values()))
    assert everywhere, "no seed client has rows in every related form"
    return max(sorted(everywhere), key=lambda cid: sum(c[cid] for c in counts.values()))


def test_client_360_view_tabs_and_timeline(admin_page, admin_api):
    page = admin_page
    cid = busiest_client(admin_api)
    client = admin_api.get(f"/api/v1/apps/{APP}/forms/client/records/{cid}")

    # from the grid: search the client by its code and open it by its name
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    search = page.get_by_test_id("grid-search").locator("input")
    search.fill(client["client_code"])
    search.press("Enter")
    expect(grid_rows(page)).to_have_count(1)
    grid_rows(page).get_by_role("link", name=client["name"]).click()
    expect(page).to_have_url(re.compile(rf"/apps/{APP}/forms/client/records/{cid}$"))
    expect(page.get_by_test_id("record-title")).to_have_text(client["name"])

    tabs = page.get_by_role("tab")
    expect(tabs.first).to_have_text("详细信息")
    details = page.get_by_role("tabpanel")
    expect(details).to_contain_text(client["client_code"])
    expect(details).to_contain_text(client["mobile"])
    expect(details).to_contain_text("客户编号")
    for label in [*TABS.values(), "变更记录"]:
        expect(page.get_by_role("tab", name=label, exact=True)).to_be_visible()
    shot(page, SCENARIO, "01_details")

    for form, label in TABS.items():
        want = admin_api.records(form, filter={"==": [{"var": "client"}, cid]}, limit=10, count="exact")
        assert want["count"] > 0
        page.get_by_role("tab", name=label, exact=True).click()
        panel = page.get_by_role("tabpanel")
        rows = panel.locator(".ant-table-tbody > tr.ant-table-row")
        expect(rows).to_have_count(min(want["count"], 10))
        # the related table does not repeat the client: every row belongs to it
        expect(panel.locator(".ant-table-thead th", has_text=re.compile("^客户$"))).to_have_count(0)
        shot(page, SCENARIO, f"02_tab_{form}")

    history_url = f"/api/v1/apps/{APP}/forms/client/records/{cid}/history"
    before = len(admin_api.get(history_url)["items"])
    page.get_by_role("tab", name="变更记录", exact=True).click()
    timeline = page.get_by_role("tabpanel")
    if before:
        expect(timeline.locator("[data-entry]")).to_have_count(before)
    else:
        expect(timeline).to_contain_text("暂无变更记录")

    # edit from the 360 view; the timeline then shows who changed what
    page.get_by_test_id("record-edit").click()
    dialog = page.get_by_role("dialog", name="编辑客户")
    remark = dialog.get_by_label("备注", exact=True)
    expect(remark).to_be_visible()
    remark.fill("电话回访:客户计划追加保证金")
    with page.expect_response(lambda r: r.request.method == "PATCH" and f"/records/{cid}" in r.url) as resp:
        page.get_by_test_id("record-save").click()
    assert resp.value.ok, resp.value.text()
    expect(page.get_by_text("已保存")).to_be_visible()
    expect(dialog).to_be_hidden()
    page.get_by_role("tab", name="变更记录", exact=True).click()
    timeline = page.get_by_role("tabpanel")
    entries = timeline.locator("[data-entry]")
    expect(entries).to_have_count(before + 1)
    newest = entries.first
    expect(newest).to_contain_text(re.compile(r"admin 修改于 \d{4}-\d{2}-\d{2}"))
    change = newest.locator(".trellis-timeline-change")
    expect(change).to_have_count(1)
    expect(change).to_contain_text("备注")
    expect(change).to_contain_text("电话回访:客户计划追加保证金")
    shot(page, SCENARIO, "03_timeline_after_edit")
    history = admin_api.get(history_url)["items"]
    assert len(history) == before + 1
    assert any(h["action"] == "update" and (h.get("after") or {}).get("remark") == "电话回访:客户计划追加保证金"
               for h in history)
