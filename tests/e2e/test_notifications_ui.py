"""Notifications in the web UI, as the administrator of the seeded CRM: an outbox channel is
added and edited through the drawer generated from its type's config_schema and a test sent
through it shows up in the delivery log with its attempts; a test through the in-app channel
to oneself raises the bell's badge and lists the message in the bell; a template is written,
previewed against a client (the rendered text carries the client's name; a broken one shows
the line), and published. Screenshots of the bell, the channels tab, the template preview and
the delivery log in Chinese and English, on a desktop and on a 390 px phone, are saved under
artifacts/notify/."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from e2e_ui import APP, ARTIFACTS, pick, screen, settle
from playwright.sync_api import expect

SHOTS = ARTIFACTS / "notify"
ADMIN_URL = f"/apps/{APP}/admin/notifications"
CJK = re.compile("[\u4e00-\u9fff]")


def save_shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled")
    return path


def channel_row(page, name: str):
    return page.get_by_test_id("channels-tab").locator("tr.ant-table-row").filter(
        has=page.get_by_text(name, exact=True))


def drawer(page):
    return page.locator(".ant-drawer-section:visible")


def send_test(page, channel: str, to: str | None = None):
    """Send a test through `channel` from the channels tab; the modal's result."""
    page.get_by_test_id(f"test-{channel}").click()
    modal = page.get_by_role("dialog").filter(has=page.get_by_test_id("test-send"))
    if to is not None:
        modal.get_by_test_id("test-to").fill(to)
    modal.get_by_test_id("test-send").click()
    result = modal.get_by_test_id("test-result")
    expect(result).to_be_visible()
    return modal, result


@pytest.fixture(scope="module")
def template_key():
    return "e2e_deposit_notice"


def test_outbox_channel_test_shows_in_the_delivery_log(admin_page, admin_api):
    page = admin_page
    # the user menu leads to the admin page
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name=re.compile("通知管理")).click()
    page.wait_for_url(f"**{ADMIN_URL}")
    tab = page.get_by_test_id("channels-tab")
    expect(channel_row(page, "sms")).to_be_visible()

    # a new outbox channel: the drawer's config form comes from the type's schema (a "note")
    page.get_by_test_id("channel-add").click()
    d = drawer(page)
    d.get_by_test_id("channel-name").fill("Bad Name")
    pick(page, d.get_by_test_id("channel-type"), "发件箱(只记录不发送) (outbox)")
    d.get_by_test_id("channel-save").click()
    expect(d.locator(".ant-form-item-explain-error").first).to_contain_text("小写字母")
    d.get_by_test_id("channel-name").fill("sms_backup")
    expect(d.get_by_label("备注")).to_be_visible()
    d.get_by_label("备注").fill("备用短信通道")
    d.get_by_test_id("channel-save").click()
    expect(d).to_be_hidden()
    expect(channel_row(page, "sms_backup")).to_be_visible()
    saved = {c["name"]: c for c in admin_api.get(f"/api/v1/apps/{APP}/channels")["items"]}
    assert saved["sms_backup"]["type"] == "outbox"
    assert saved["sms_backup"]["config"] == {"note": "备用短信通道"}

    # editing the seeded sms channel keeps its type and name, prefilled from its config
    page.get_by_test_id("edit-sms").click()
    d = drawer(page)
    expect(d.get_by_test_id("channel-name")).to_have_value("sms")
    expect(d.get_by_test_id("channel-name")).to_be_disabled()
    d.get_by_label("备注").fill("演示短信")
    d.get_by_test_id("channel-save").click()
    expect(d).to_be_hidden()
    sms = next(c for c in admin_api.get(f"/api/v1/apps/{APP}/channels")["items"] if c["name"] == "sms")
    assert sms["config"]["note"] == "演示短信"

    # a test through sms to a mobile number is recorded at once
    modal, result = send_test(page, "sms", "13800138000")
    expect(result.get_by_test_id("state-tag")).to_have_attribute("data-state", "sent")
    expect(result).to_contain_text("13800138000")
    modal.locator(".ant-modal-footer").get_by_role("button", name=re.compile(r"关\s*闭")).click()
    expect(channel_row(page, "sms").locator("td").nth(3)).not_to_have_text("0")

    # the delivery log lists it, filtered by channel, and a row opens its attempts
    page.get_by_role("tab", name="投递记录").click()
    log = page.get_by_test_id("deliveries-tab")
    expect(log.get_by_test_id("count-sent")).to_contain_text(re.compile(r"已发送\s*[1-9]"))
    pick(page, log.get_by_test_id("filter-channel"), "sms")
    rows = log.locator("tr.ant-table-row")
    expect(rows.first).to_contain_text("13800138000")
    expect(rows.first).to_contain_text("已发送")
    rows.first.locator(".ant-table-row-expand-icon").click()
    attempts = log.locator("[data-testid^=delivery-log-]")
    expect(attempts).to_contain_text("Trellis 测试消息")
    expect(attempts.locator("tr.ant-table-row").first).to_contain_text("outbox #")
    assert not page.js_errors


def test_email_channel_secret_is_never_shown_and_kept(admin_page, admin_api):
    page = admin_page
    page.goto(ADMIN_URL)
    page.get_by_test_id("channel-add").click()
    d = drawer(page)
    d.get_by_test_id("channel-name").fill("mail")
    pick(page, d.get_by_test_id("channel-type"), "邮件(SMTP) (email)")
    # the form follows the type's schema: bilingual titles, a select for the enum, the default
    expect(d.get_by_label("SMTP 服务器")).to_be_visible()
    expect(d.get_by_label("加密方式")).to_be_attached()
    expect(d.get_by_test_id("config-security")).to_contain_text("starttls")
    password = d.get_by_label("密码或授权码")
    expect(password).to_have_attribute("type", "password")
    expect(password).to_have_attribute("placeholder", "未设置")
    d.get_by_label("SMTP 服务器").fill("127.0.0.1")
    d.get_by_label("发件地址").fill("a@")
    password.fill("s3cret-pass")
    # the server's 422 names the field; the message shows under it
    d.get_by_test_id("channel-save").click()
    expect(d.locator("#config_from_address_help, .ant-form-item-has-error").first).to_be_visible()
    expect(d.locator(".ant-form-item-has-error")).to_contain_text("from_address")
    d.get_by_label("发件地址").fill("crm@example.cn")
    d.get_by_test_id("channel-save").click()
    expect(d).to_be_hidden()
    mail = next(c for c in admin_api.get(f"/api/v1/apps/{APP}/channels")["items"] if c["name"] == "mail")
    assert mail["secrets_set"] == ["password"] and "password" not in mail["config"]

    # editing: the secret is not filled in, says it is set, and an empty one is left out of the PUT
    page.get_by_test_id("edit-mail").click()
    d = drawer(page)
    password = d.get_by_label("密码或授权码")
    expect(password).to_have_value("")
    expect(password).to_have_attribute("placeholder", "已设置,留空则不变")
    expect(d.get_by_label("SMTP 服务器")).to_have_value("127.0.0.1")
    d.get_by_label("发件人名称").fill("期货 CRM")
    with page.expect_request(lambda r: r.method == "PUT" and r.url.endswith("/channels/mail")) as put:
        d.get_by_test_id("channel-save").click()
    body = put.value.post_data_json
    assert "password" not in body["config"] and body["config"]["from_name"] == "期货 CRM", body
    expect(d).to_be_hidden()
    mail = next(c for c in admin_api.get(f"/api/v1/apps/{APP}/channels")["items"] if c["name"] == "mail")
    assert mail["secrets_set"] == ["password"] and mail["config"]["from_name"] == "期货 CRM"
    assert "s3cret-pass" not in page.content()
    assert not page.js_errors


def test_inapp_test_reaches_the_bell(admin_page, admin_api):
    page = admin_page
    before = admin_api.get("/api/v1/me/messages/unread")["unread"]
    page.goto(ADMIN_URL)
    expect(channel_row(page, "inapp")).to_be_visible()
    badge = page.get_by_test_id("bell-badge")
    if before:
        expect(badge).to_have_text(str(before))
    else:
        expect(badge).to_have_count(0)
    modal, result = send_test(page, "inapp")
    expect(result.get_by_test_id("state-tag")).to_have_attribute("data-state", "sent")
    modal.locator(".ant-modal-footer").get_by_role("button", name=re.compile(r"关\s*闭")).click()
    expect(badge).to_have_text(str(before + 1))
    assert admin_api.get("/api/v1/me/messages/unread")["unread"] == before + 1

    page.get_by_test_id("bell").click()
    panel = page.get_by_test_id("bell-panel")
    expect(panel.get_by_role("tab", name="未读")).to_have_attribute("aria-selected", "true")
    first = panel.locator(".trellis-message").first
    expect(first).to_contain_text("Trellis 测试消息")
    expect(first).to_contain_text("这是渠道 inapp 的测试消息")
    expect(first).to_contain_text("高")
    expect(first).to_contain_text(re.compile("刚刚|分钟前"))
    # the message center lists it too
    panel.get_by_test_id("bell-center").click()
    page.wait_for_url("**/messages")
    expect(page.locator(".trellis-message").first).to_contain_text("Trellis 测试消息")
    assert not page.js_errors


def test_bell_message_opens_its_record_and_is_read(admin_page, admin_api):
    page = admin_page
    me = admin_api.get("/api/v1/me")
    client = admin_api.records("client", limit=1)["items"][0]
    page.goto(f"/apps/{APP}/forms/client")
    before = admin_api.get("/api/v1/me/messages/unread")["unread"]
    sent = admin_api.call("POST", f"/api/v1/apps/{APP}/notify", {
        "template": "margin_call", "form": "client", "record": client["id"], "recipients": [{"user": me["id"]}]})
    assert any(d["channel"] == "inapp" for d in sent["deliveries"]), sent
    deadline = time.time() + 30  # deliveries are jobs the server's scheduler runs
    while admin_api.get("/api/v1/me/messages/unread")["unread"] == before and time.time() < deadline:
        time.sleep(0.5)
    assert admin_api.get("/api/v1/me/messages/unread")["unread"] == before + 1
    # the bell asks again when the window regains focus
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(page.get_by_test_id("bell-badge")).to_have_text(str(before + 1))
    page.get_by_test_id("bell").click()
    message = page.get_by_test_id("bell-panel").locator(".trellis-message.unread").filter(has_text="追加保证金通知").first
    expect(message).to_contain_text(client["name"])
    message.click()
    page.wait_for_url(f"**/apps/{APP}/forms/client/records/{client['id']}")
    expect(page.get_by_test_id("bell-panel")).to_be_hidden()
    if before:
        expect(page.get_by_test_id("bell-badge")).to_have_text(str(before))
    else:
        expect(page.get_by_test_id("bell-badge")).to_have_count(0)
    read = admin_api.get("/api/v1/me/messages", state="read")["items"]
    assert any(m["record"] == client["id"] and m["read_at"] for m in read)
    # the record's page lists the messages sent about it
    page.get_by_role("tab", name="消息").click()
    sent_here = page.get_by_test_id("record-message").filter(has_text="追加保证金通知")
    expect(sent_here.first).to_be_visible()
    expect(sent_here.filter(has_text="inapp").first.get_by_test_id("state-tag")).to_have_attribute("data-state", "sent")
    assert not page.js_errors


def test_template_preview_and_publish(admin_page, admin_api, template_key):
    page = admin_page
    page.goto(f"{ADMIN_URL}?tab=templates")
    expect(page.get_by_test_id("templates-tab")).to_be_visible()
    expect(page.get_by_test_id("template-margin_call")).to_be_visible()
    page.get_by_test_id("template-add").click()
    form = page.get_by_test_id("template-form")
    form.get_by_test_id("tpl-key").fill(template_key)
    pick(page, form.get_by_test_id("tpl-form"), "客户")
    pick(page, form.get_by_test_id("tpl-urgency"), "高")
    form.get_by_test_id("tpl-label-zh").fill("入金提醒")
    form.get_by_test_id("tpl-label-en").fill("Deposit notice")
    form.get_by_test_id("tpl-subject-zh").fill("客户 {{ record.name }} 入金提醒")
    form.get_by_test_id("tpl-subject-en").fill("Deposit notice for {{ record.name }}")
    form.get_by_test_id("tpl-body-zh").fill("{{ record.name }}({{ record.client_code }})有新的入金。\n请查看:{{ link }}")
    form.get_by_test_id("tpl-body-en").fill("{{ record.name }} ({{ record.client_code }}) has a new deposit.\nSee {{ link }}")

    # preview against a client picked by the record search
    preview = page.get_by_test_id("template-preview")
    preview.locator("#preview-record").click()
    option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").first
    expect(option).to_be_visible()
    client_name = option.inner_text().strip()
    option.click()
    preview.get_by_test_id("preview-render").click()
    expect(preview.get_by_test_id("preview-subject")).to_have_text(f"客户 {client_name} 入金提醒")
    expect(preview.get_by_test_id("preview-text")).to_contain_text(f"{client_name}(")
    expect(preview.get_by_test_id("preview-text")).to_contain_text(f"/apps/{APP}/forms/client/records/")
    preview.get_by_text("English", exact=True).click()
    preview.get_by_test_id("preview-render").click()
    expect(preview.get_by_test_id("preview-subject")).to_have_text(f"Deposit notice for {client_name}")

    # a broken template: the error names the line
    form.get_by_test_id("tpl-body-en").fill("line one\n{{ record.name ")
    preview.get_by_test_id("preview-render").click()
    expect(preview.get_by_test_id("preview-error")).to_contain_text(re.compile(r"第 2 行|line 2"))
    form.get_by_test_id("tpl-body-en").fill("{{ record.name }} ({{ record.client_code }}) has a new deposit.\nSee {{ link }}")
    preview.get_by_text("中文", exact=True).click()
    preview.get_by_test_id("preview-render").click()
    expect(preview.get_by_test_id("preview-subject")).to_have_text(f"客户 {client_name} 入金提醒")
    expect(preview.get_by_test_id("preview-error")).to_have_count(0)

    page.get_by_test_id("tpl-publish").click()
    expect(page.locator(".ant-message")).to_contain_text("模板已发布")
    listed = {d["id"]: d for d in admin_api.get(f"/api/v1/apps/{APP}/definitions/template")["items"]}
    assert listed[template_key]["published_version"] == 1
    body = admin_api.get(f"/api/v1/apps/{APP}/definitions/template/{template_key}")
    assert body["form"] == "client" and body["urgency"] == "high"
    assert body["subject"] == {"zh": "客户 {{ record.name }} 入金提醒", "en": "Deposit notice for {{ record.name }}"}
    page.get_by_role("button", name=re.compile(r"返\s*回")).click()
    row = page.get_by_test_id("templates-tab").locator("tr.ant-table-row").filter(has=page.get_by_test_id(f"template-{template_key}"))
    expect(row).to_contain_text("已发布 v1")
    assert not page.js_errors


def test_personal_settings_are_saved(admin_page, admin_api):
    page = admin_page
    page.get_by_test_id("user-menu").click()
    page.get_by_role("menuitem", name=re.compile("通知设置")).click()
    page.wait_for_url("**/me/notifications")
    box = page.get_by_test_id("pref-welcome-inapp")
    expect(box).not_to_be_checked()
    box.check()
    page.get_by_test_id("quiet-switch").click()
    page.get_by_test_id("settings-save").click()
    expect(page.locator(".ant-message")).to_contain_text("请选择免打扰的开始和结束时间")
    for testid, value in (("quiet-start", "22:00"), ("quiet-end", "07:30")):
        picker = page.get_by_test_id(testid)
        picker.click()
        picker.fill(value)
        picker.press("Enter")
    page.get_by_test_id("settings-save").click()
    expect(page.locator(".ant-message")).to_contain_text("通知设置已保存")
    saved = admin_api.get("/api/v1/me/notify-settings")
    assert saved["events"] == {"welcome": ["inapp"]}, saved["events"]
    assert saved["quiet_hours"] == {"start": "22:00", "end": "07:30"}
    page.reload()
    expect(page.get_by_test_id("pref-welcome-inapp")).to_be_checked()
    expect(page.get_by_test_id("quiet-start")).to_have_value("22:00")
    # back to the defaults: nothing ticked, no quiet hours
    page.get_by_test_id("pref-welcome-inapp").uncheck()
    page.get_by_test_id("quiet-switch").click()
    page.get_by_test_id("settings-save").click()
    expect(page.locator(".ant-message")).to_contain_text("通知设置已保存")
    assert admin_api.get("/api/v1/me/notify-settings")["events"] == {}
    assert admin_api.get("/api/v1/me/notify-settings")["quiet_hours"] is None
    assert not page.js_errors


VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def no_horizontal_overflow(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 1, f"the page scrolls sideways by {width} px"


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshots(browser, server, admin_api, lang, device, template_key):
    # run alone: one message for the bell, the template to preview
    if admin_api.get("/api/v1/me/messages/unread")["unread"] == 0:
        admin_api.call("POST", f"/api/v1/apps/{APP}/channels/inapp/test", {})
    if template_key not in {d["id"] for d in admin_api.get(f"/api/v1/apps/{APP}/definitions/template")["items"]}:
        admin_api.call("PUT", f"/api/v1/apps/{APP}/definitions/template/{template_key}", {
            "schema_version": 1, "id": template_key, "label": {"zh": "入金提醒", "en": "Deposit notice"}, "form": "client",
            "urgency": "high", "subject": {"zh": "客户 {{ record.name }} 入金提醒", "en": "Deposit notice for {{ record.name }}"},
            "body": {"zh": "{{ record.name }}有新的入金。", "en": "{{ record.name }} has a new deposit."}})
    with screen(browser, server, lang, VIEWPORTS[device]) as page:
        english = lang == "en"
        name = f"{lang}_{device}"

        page.goto(ADMIN_URL)
        expect(channel_row(page, "inapp")).to_be_visible()
        save_shot(page, f"{name}_channels")
        no_horizontal_overflow(page)
        if english:
            expect(page.get_by_role("tab", name="Channels")).to_be_visible()
            expect(page.get_by_test_id("channels-tab").locator("thead")).not_to_contain_text(CJK)

        page.get_by_test_id("edit-sms").click()
        expect(drawer(page).get_by_test_id("channel-config")).to_be_visible()
        save_shot(page, f"{name}_channel_drawer")
        drawer(page).get_by_role("button", name=re.compile(r"^(取\s*消|Cancel)$")).click()

        page.get_by_test_id("bell").click()
        panel = page.get_by_test_id("bell-panel")
        expect(panel.locator(".trellis-message").first).to_be_visible()
        if english:
            expect(panel.get_by_role("tab", name="Unread")).to_be_visible()
            expect(panel.get_by_test_id("mark-all-read")).to_have_text("Mark all read")
        if device == "phone":
            box = page.locator(".ant-drawer-content-wrapper:visible").bounding_box()
            assert box and box["width"] >= 389, box
        save_shot(page, f"{name}_bell")
        page.keyboard.press("Escape")

        page.goto(f"{ADMIN_URL}?tab=templates")
        page.get_by_test_id(f"template-{template_key}").click()
        preview = page.get_by_test_id("template-preview")
        preview.locator("#preview-record").click()
        option = page.locator(".ant-select-dropdown:visible .ant-select-item-option").first
        client_name = option.inner_text().strip()
        option.click()
        preview.get_by_test_id("preview-render").click()
        expect(preview.get_by_test_id("preview-subject")).to_contain_text(client_name)
        no_horizontal_overflow(page)
        preview.scroll_into_view_if_needed()
        save_shot(page, f"{name}_template_preview")

        page.goto(f"{ADMIN_URL}?tab=deliveries")
        log = page.get_by_test_id("deliveries-tab")
        expect(log.locator("tr.ant-table-row").first).to_be_visible()
        log.locator("tr.ant-table-row").first.locator(".ant-table-row-expand-icon").click()
        expect(log.locator("[data-testid^=delivery-log-]")).to_be_visible()
        no_horizontal_overflow(page)
        if english:
            expect(log.get_by_test_id("delivery-counts")).not_to_contain_text(CJK)
        save_shot(page, f"{name}_delivery_log")

        sent = admin_api.get(f"/api/v1/apps/{APP}/deliveries", form="client")["items"]
        if sent:  # a record's own messages, on its page
            page.goto(f"/apps/{APP}/forms/client/records/{sent[0]['record']}")
            page.get_by_role("tab", name="Messages" if english else "消息").click()
            expect(page.get_by_test_id("record-message").first).to_be_visible()
            no_horizontal_overflow(page)
            save_shot(page, f"{name}_record_messages")

        page.goto("/me/notifications")
        expect(page.get_by_test_id("settings-save")).to_be_visible()
        save_shot(page, f"{name}_settings")
        no_horizontal_overflow(page)

        page.goto("/messages")
        page.get_by_role("tab", name="全部" if not english else "All").click()
        expect(page.locator(".trellis-message").first).to_be_visible()
        save_shot(page, f"{name}_message_center")
        no_horizontal_overflow(page)
