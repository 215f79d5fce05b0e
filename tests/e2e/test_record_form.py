"""Scenario 2: records are added through the record form. Mistakes are shown in Chinese on the
fields they concern (a missing required field, an invalid mobile number, then the server's
422 answer for a mobile number already in use); the corrected record is saved and shows in
the grid."""
from __future__ import annotations

import re

from e2e_ui import APP, exactly, grid_rows, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s2_record_form"


def field_item(dialog, label: str):
    """The form item (label, control, error) of the field labelled `label`."""
    return dialog.locator(".trellis-form-field").filter(
        has=dialog.page.locator(".ant-form-item-label label", has_text=exactly(label)))


def choose(page, dialog, label: str, option: str) -> None:
    dialog.get_by_label(label, exact=True).click()
    page.locator(".ant-select-dropdown:visible").get_by_title(option, exact=True).click()


def errors_by_label(dialog) -> dict[str, str]:
    """{field label: error text} for every field showing an error."""
    return dialog.locator(".trellis-form-field.ant-form-item-has-error").evaluate_all(
        """els => Object.fromEntries(els.map(e => [
            e.querySelector('.ant-form-item-label label').textContent.trim(),
            e.querySelector('.ant-form-item-explain').textContent.trim()]))""")


def test_create_client_with_errors_then_valid(admin_page, admin_api):
    page = admin_page
    taken = admin_api.records("client", limit=1, sort="id", fields="id,mobile")["items"][0]["mobile"]
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    page.get_by_test_id("create-record").click()
    dialog = page.get_by_role("dialog", name="新建客户")
    expect(dialog).to_be_visible()

    # 1. an invalid mobile number and no opening date
    dialog.get_by_label("客户名称", exact=True).fill("测试客户甲")
    dialog.get_by_label("手机号", exact=True).fill("12345")
    choose(page, dialog, "风险测评结果", "C3 稳健型")
    page.get_by_test_id("record-save").click()
    expect(dialog.get_by_text("请修正标出的字段后再保存")).to_be_visible()
    expect(field_item(dialog, "手机号")).to_have_class(re.compile("ant-form-item-has-error"))
    errors = errors_by_label(dialog)
    shot(page, SCENARIO, "01_client_side_errors")
    assert set(errors) == {"手机号", "开户日期"}, errors
    assert errors["开户日期"] == "必填"
    assert re.search(r"[\u4e00-\u9fff]", errors["手机号"]), errors  # explained in Chinese

    # 2. a well-formed mobile number already used by another client: the server answers 422
    #    naming the field, and the form shows its Chinese message under that field
    dialog.get_by_label("手机号", exact=True).fill(taken)
    dialog.get_by_label("开户日期", exact=True).click()
    page.locator(".ant-picker-dropdown:visible").get_by_text("今天", exact=True).click()
    expect(field_item(dialog, "开户日期")).not_to_have_class(re.compile("ant-form-item-has-error"))
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/forms/client/records")) as resp:
        page.get_by_test_id("record-save").click()
    assert resp.value.status == 422
    body = resp.value.json()
    assert [e["field"] for e in body["errors"]] == ["mobile"]
    mobile_error = field_item(dialog, "手机号").locator(".ant-form-item-explain")
    expect(mobile_error).to_contain_text(body["errors"][0]["message"]["zh"].split(":")[-1].strip()[:6])
    errors = errors_by_label(dialog)
    shot(page, SCENARIO, "02_server_422_on_mobile")
    assert set(errors) == {"手机号"}, errors
    assert taken in errors["手机号"] and re.search(r"[\u4e00-\u9fff]", errors["手机号"])

    # 3. a fresh number: saved, the drawer closes and the grid shows the new client
    dialog.get_by_label("手机号", exact=True).fill("13912340001")
    expect(field_item(dialog, "手机号")).not_to_have_class(re.compile("ant-form-item-has-error"))
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(f"/forms/client/records")) as resp:
        page.get_by_test_id("record-save").click()
    assert resp.value.status in (200, 201), resp.value.text()
    created = resp.value.json()
    expect(page.get_by_text("已创建")).to_be_visible()
    expect(dialog).to_be_hidden()

    stored = admin_api.get(f"/api/v1/apps/{APP}/forms/client/records/{created['id']}")
    assert stored["name"] == "测试客户甲" and stored["mobile"] == "13912340001" and stored["risk_level"] == "C3"
    assert stored["opened_at"] and stored["client_code"].startswith("KH")

    page.get_by_test_id("grid-search").locator("input").fill("测试客户甲")
    page.get_by_test_id("grid-search").locator("input").press("Enter")
    row = grid_rows(page).filter(has_text="测试客户甲")
    expect(row).to_have_count(1)
    expect(grid_rows(page)).to_have_count(1)
    expect(row).to_contain_text("13912340001")
    expect(row).to_contain_text(stored["client_code"])
    expect(page.get_by_test_id("record-count")).to_contain_text("1")
    shot(page, SCENARIO, "03_new_client_in_grid")


def test_create_follow_up_from_a_client_360_view(admin_page, admin_api):
    """A follow-up added from a client's 回访记录 tab starts linked to that client and shows in
    the tab once saved."""
    page = admin_page
    client = admin_api.records("client", sort="-id", limit=1, filter={"!=": [{"var": "name"}, "测试客户甲"]})["items"][0]
    before = admin_api.records("follow_up", filter={"==": [{"var": "client"}, client["id"]]}, count="exact", limit=1)["count"]
    page.goto(f"/apps/{APP}/forms/client/records/{client['id']}")
    page.get_by_role("tab", name="回访记录", exact=True).click()
    panel = page.get_by_role("tabpanel")
    expect(panel.locator(".ant-table-tbody > tr.ant-table-row")).to_have_count(min(before, 10))
    panel.get_by_role("button", name=re.compile("新建回访记录")).click()
    dialog = page.get_by_role("dialog", name="新建回访记录")
    expect(field_item(dialog, "客户")).to_contain_text(client["name"])
    dialog.get_by_label("回访时间", exact=True).click()
    page.locator(".ant-picker-dropdown:visible").get_by_text("此刻", exact=True).click()
    choose(page, dialog, "回访方式", "电话")
    choose(page, dialog, "回访目的", "常规")
    dialog.get_by_label("回访纪要", exact=True).fill("电话回访:客户对结算单服务满意")
    shot(page, SCENARIO, "04_follow_up_form")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/forms/follow_up/records")) as resp:
        page.get_by_test_id("record-save").click()
    assert resp.value.ok, resp.value.text()
    created = resp.value.json()
    expect(dialog).to_be_hidden()
    assert created["client"] == client["id"] or (isinstance(created["client"], dict) and created["client"]["id"] == client["id"])
    expect(panel.locator(".ant-table-tbody > tr.ant-table-row")).to_have_count(min(before + 1, 10))
    stored = admin_api.get(f"/api/v1/apps/{APP}/forms/follow_up/records/{created['id']}")
    assert stored["summary"] == "电话回访:客户对结算单服务满意" and stored["method"] and stored["purpose"]
    alike = admin_api.records("follow_up", count="exact", limit=1, filter={"and": [
        {"==": [{"var": "client"}, client["id"]]}, {"==": [{"var": "method"}, stored["method"]]},
        {"==": [{"var": "purpose"}, stored["purpose"]]}]})["count"]
    if before < 10:
        rows = panel.locator(".ant-table-tbody > tr.ant-table-row").filter(has_text="常规").filter(has_text="电话")
        expect(rows).to_have_count(alike)
    shot(page, SCENARIO, "05_follow_up_in_tab")
