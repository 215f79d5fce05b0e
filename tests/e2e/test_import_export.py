"""Scenario: Excel import and export of clients through the web UI. A small workbook (a full-width
mobile number, a 2024年1月5日 date, 是/否 in a yes/no column and one invalid mobile) goes through the
import wizard: a dry run lists the one bad cell on screen (row, column, message), offers to fix the
file or to import the valid rows (never "looks good"), and its error workbook downloads; the real
run that skips invalid rows imports the rest (the progress bar reaches 100 %, the grid reloads); the
batch is rolled back from the import history. The filtered, sorted grid exports as xlsx and csv with the
rows the API answers; the import template downloads. Screenshots of every wizard step in Chinese
and of the mapping step in English go to artifacts/."""
from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re

import openpyxl
import pytest

from e2e_ui import APP, DEMO_PASSWORD, login, shot, wait_grid_loaded
from playwright.sync_api import expect

SCENARIO = "s10_import_export"
BOOL_FIELD = {"id": "e2e_vip", "type": "boolean", "label": {"zh": "是否VIP", "en": "VIP"}}
HEADERS = ["客户名称", "手机号", "客户类型", "风险测评结果", "投资者类别", "开户日期", "账户状态", "是否VIP", "备注"]
LARGE = 60_000
WIZARD = re.compile(r"^(导入客户|Import Client)$")
PROGRESS_JS = """() => {
  // remember every value the import progress bar shows (a small import is over in a blink)
  window.__importProgress = [];
  const seen = () => document.querySelectorAll('[data-testid=import-progress] [role=progressbar]')
    .forEach(e => window.__importProgress.push(Number(e.getAttribute('aria-valuenow'))));
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


@pytest.fixture(scope="module")
def vip_field(admin_api):
    """The seed client form has no yes/no field: add one (as a user would in the designer) so the
    workbook's 是/否 column has somewhere to go."""
    base = f"/api/v1/apps/{APP}/forms/client"
    draft = admin_api.get(f"{base}/definition")
    if not any(f["id"] == BOOL_FIELD["id"] for f in draft["fields"]):
        draft["fields"].append(dict(BOOL_FIELD))
        admin_api.call("PUT", f"{base}/definition", draft)
        admin_api.call("POST", f"{base}/publish", {"note": "e2e: a yes/no field for the import test"})
    return BOOL_FIELD["id"]


@pytest.fixture(scope="module")
def marker() -> str:
    """A word only this run's imported clients carry in their names."""
    return f"导入测{random.randint(1000, 9999)}"


@pytest.fixture(scope="module")
def mobiles() -> list[str]:
    middle = random.randint(1000, 9999)
    return [f"199{middle}{i:04d}" for i in range(1, 6)]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory, marker, mobiles, vip_field):
    """Five clients: full-width digits, a 2024年1月5日 date, 是/否, and one invalid mobile (row 5)."""
    full_width = mobiles[0].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    rows = [
        [f"{marker}甲", full_width, "个人", "C3", "普通投资者", "2024年1月5日", "正常", "是", "全角手机号"],
        [f"{marker}乙", int(mobiles[1]), "个人", "C4 积极型", "专业投资者", dt.date(2024, 2, 1), "正常", "否", None],
        [f"{marker}丙", f"{mobiles[2][:3]} {mobiles[2][3:7]} {mobiles[2][7:]}", "机构(一般法人)", "C2", "普通投资者",
         "2024/3/9", "潜在", "是", "带空格"],
        [f"{marker}丁", "12345", "个人", "C1", "普通投资者", "2024-04-01", "正常", "否", "手机号无效"],
        [f"{marker}戊", mobiles[4], "个人", "C5", "普通投资者", "2024-05-06", "正常", "否", None],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "客户"
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    ws.cell(row=3, column=6).number_format = "yyyy-mm-dd"
    path = tmp_path_factory.mktemp("import") / "新客户.xlsx"
    wb.save(path)
    return path


def search_box(page):
    return page.get_by_test_id("grid-search").locator("input")


def wizard(page):
    return page.get_by_role("dialog", name=WIZARD)


def open_wizard(page, path):
    page.get_by_test_id("import-button").click()
    dlg = wizard(page)
    expect(dlg.get_by_test_id("import-dropzone")).to_be_visible()
    return dlg


def upload(page, dlg, path):
    dlg.locator("input[type=file]").first.set_input_files(str(path))
    expect(dlg.get_by_test_id("import-filename")).to_have_text(path.name)


def menu_click(page, opener: str, item: str):
    page.get_by_test_id(opener).click()
    page.locator(".ant-dropdown:visible").get_by_test_id(item).click()


def read_xlsx(path) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_import_dry_run_real_run_and_rollback(admin_page, admin_api, workbook, marker, mobiles, vip_field, tmp_path):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    search_box(page).fill(marker)
    search_box(page).press("Enter")
    expect(page.locator(".ant-table-placeholder")).to_be_visible()

    # 1. upload: file name, sheet, header row, preview
    dlg = open_wizard(page, workbook)
    shot(page, SCENARIO, "01_upload_empty")
    upload(page, dlg, workbook)
    expect(dlg.get_by_test_id("import-total")).to_contain_text("5")
    expect(dlg.get_by_test_id("import-sheet")).to_contain_text("客户")
    expect(dlg.get_by_test_id("import-header-row")).to_contain_text("第 1 行")
    preview = dlg.get_by_test_id("import-preview")
    expect(preview.locator(".ant-table-thead th")).to_have_count(len(HEADERS))
    expect(preview.locator(".ant-table-tbody tr.ant-table-row")).to_have_count(5)
    expect(preview).to_contain_text("2024年1月5日")
    shot(page, SCENARIO, "02_upload_preview")

    # 2. mapping: matched by label; a field chosen twice is flagged and blocks "next"
    dlg.get_by_test_id("wizard-next").click()
    table = dlg.get_by_test_id("mapping-table")
    expect(table.locator(".ant-table-tbody tr.ant-table-row")).to_have_count(len(HEADERS))
    expect(dlg.get_by_test_id("mapping-count")).to_contain_text(f"{len(HEADERS)} / {len(HEADERS)}")
    expect(dlg.get_by_test_id("matched-label")).to_have_count(len(HEADERS))
    expect(dlg.get_by_test_id("matched-label").first).to_have_text("按名称")
    expect(dlg.get_by_test_id("mapping-row-7")).to_contain_text("是否VIP")
    pick_field(page, dlg, 8, "客户名称")
    expect(dlg.get_by_test_id("mapping-duplicate")).to_contain_text("客户名称")
    expect(dlg.get_by_test_id("wizard-next")).to_be_disabled()
    shot(page, SCENARIO, "03_mapping_duplicate")
    pick_field(page, dlg, 8, "不导入")
    expect(dlg.get_by_test_id("mapping-duplicate")).to_have_count(0)
    pick_field(page, dlg, 8, "备注")
    # save the mapping under a name
    dlg.get_by_test_id("mapping-save").click()
    page.get_by_test_id("mapping-name").fill(f"新客户模板{marker}")
    page.get_by_test_id("mapping-save-ok").click()
    expect(page.locator(".ant-message")).to_contain_text("已保存")
    dlg.get_by_test_id("mapping-saved").click()   # now offered among the saved mappings
    expect(page.locator(".ant-select-dropdown:visible")).to_contain_text(f"新客户模板{marker}")
    page.keyboard.press("Escape")
    shot(page, SCENARIO, "03_mapping")

    # 3. options, then a dry run: one failed row, nothing written, the error workbook downloads
    dlg.get_by_test_id("wizard-next").click()
    expect(dlg.get_by_test_id("import-plan")).to_contain_text("5")
    expect(dlg.get_by_test_id("import-mode").get_by_text("新增", exact=True)).to_be_visible()
    shot(page, SCENARIO, "04_options")
    dlg.get_by_test_id("import-dry-run").click()
    expect(dlg.get_by_test_id("summary-title")).to_have_text("试运行完成", timeout=30_000)
    expect(dlg.get_by_test_id("summary-failed")).to_contain_text("1")
    expect(dlg.get_by_test_id("summary-message")).to_contain_text(re.compile("未写入|没有写入"))
    expect(dlg.get_by_test_id("summary-all-or-nothing")).to_contain_text("只导入有效的 4 行")   # how to go on
    # the bad cell on screen: Excel row 5, column B (手机号), what is wrong with it
    problems = dlg.get_by_test_id("import-problems")
    expect(problems.locator(".ant-table-tbody tr.ant-table-row")).to_have_count(1)
    cells = problems.locator(".ant-table-tbody tr.ant-table-row td")
    expect(cells.nth(0)).to_have_text("5")
    expect(cells.nth(1)).to_have_text("B · 手机号")
    expect(cells.nth(2)).to_contain_text("手机号")
    # all or nothing would write nothing: no "looks good", but "fix the file" and "import the valid rows"
    expect(dlg.get_by_test_id("import-for-real")).to_have_count(0)
    expect(dlg).not_to_contain_text("没问题")
    expect(dlg.get_by_test_id("import-fix-file")).to_be_visible()
    expect(dlg.get_by_test_id("import-valid-rows")).to_have_text(re.compile(r"跳过出错的 1 行.*导入其余 4 行"))
    shot(page, SCENARIO, "05_dry_run_summary")
    assert admin_api.records("client", q=marker, count="exact")["count"] == 0
    with page.expect_download() as dl:
        dlg.get_by_test_id("download-errors").click()
    errors_path = tmp_path / "errors.xlsx"
    dl.value.save_as(errors_path)
    assert dl.value.suggested_filename.endswith(".xlsx")
    rows = read_xlsx(errors_path)
    bad = [r for r in rows[1:] if any(c is not None for c in r)]
    assert len(bad) == 1, rows
    assert bad[0][0] == 5 and "12345" in [str(c) for c in bad[0]], bad   # Excel row 5 holds the bad mobile
    assert re.search("手机号|mobile", str(bad[0][-1]), re.I), bad

    # import the valid rows (the run switches to skipping bad rows); the progress bar reaches 100 %,
    # the grid reloads
    page.evaluate(PROGRESS_JS)
    dlg.get_by_test_id("import-valid-rows").click()
    expect(dlg.get_by_test_id("summary-title")).to_have_text("导入完成", timeout=60_000)
    assert 100 in page.evaluate("window.__importProgress"), page.evaluate("window.__importProgress")
    expect(dlg.get_by_test_id("summary-inserted")).to_contain_text("4")
    expect(dlg.get_by_test_id("summary-failed")).to_contain_text("1")
    expect(dlg.get_by_test_id("download-errors")).to_be_visible()
    expect(dlg.get_by_test_id("import-problems")).to_contain_text("B · 手机号")
    latest = admin_api.get(f"/api/v1/apps/{APP}/forms/client/imports")[0]
    assert (latest["dry_run"], latest["on_error"]) == (False, "skip")   # the button switched the mode
    shot(page, SCENARIO, "06_import_summary")
    dlg.get_by_test_id("import-close").click()
    expect(dlg).to_be_hidden()
    wait_grid_loaded(page)
    expect(page.locator(".ant-table-tbody > tr.ant-table-row")).to_have_count(4)

    got = admin_api.records("client", q=marker, count="exact", limit=10, sort="name")
    assert got["count"] == 4
    by_name = {r["name"]: r for r in got["items"]}
    first = by_name[f"{marker}甲"]
    assert first["mobile"] == mobiles[0]                  # full-width digits read
    assert first["opened_at"] == "2024-01-05"             # 2024年1月5日
    assert first[vip_field] is True                       # 是
    assert by_name[f"{marker}乙"][vip_field] is False     # 否
    assert by_name[f"{marker}乙"]["opened_at"] == "2024-02-01"
    assert by_name[f"{marker}丙"]["mobile"] == mobiles[2]
    assert f"{marker}丁" not in by_name

    # the history: both batches, newest first; roll the real one back
    menu_click(page, "import-menu", "import-history-open")
    history = page.get_by_role("dialog", name=re.compile("导入记录"))
    batches = history.locator(".ant-table-tbody tr.ant-table-row")
    expect(batches.first).to_contain_text("已完成")
    expect(batches.first).to_contain_text("新增 4")
    expect(batches.nth(1)).to_contain_text("试运行")
    expect(batches.nth(1).get_by_test_id("batch-rollback")).to_have_count(0)
    shot(page, SCENARIO, "07_history")
    batches.first.get_by_test_id("batch-rollback").click()
    confirm = page.locator(".ant-modal-confirm")
    expect(confirm).to_contain_text("4")
    confirm.get_by_role("button", name=re.compile(r"^\s*回\s*滚\s*$")).click()
    expect(batches.first).to_contain_text("已回滚")
    expect(batches.first.get_by_test_id("batch-rollback")).to_have_count(0)
    shot(page, SCENARIO, "08_history_rolled_back")
    assert admin_api.records("client", q=marker, count="exact")["count"] == 0
    page.keyboard.press("Escape")
    wait_grid_loaded(page)
    expect(page.locator(".ant-table-placeholder")).to_be_visible()


def pick_field(page, dlg, column: int, title: str) -> None:
    """Choose a field for a column in the mapping table (type to search, then click the option)."""
    select = dlg.get_by_test_id(f"mapping-select-{column}")
    select.click()
    page.keyboard.type(title)   # the option list is virtual: narrow it down first
    dropdown = page.locator(".ant-select-dropdown:visible")
    dropdown.locator(".ant-select-item-option").filter(has_text=re.compile(rf"^\*?{re.escape(title)}")).first.click()
    expect(dropdown).to_be_hidden()


def test_progress_of_a_large_dry_run_and_cancel(admin_page, admin_api, tmp_path, vip_field):
    """A dry run of many rows shows its progress (rows done of total, rows/s, time left) and can be
    cancelled."""
    page = admin_page
    path = tmp_path / "大批客户.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("客户")
    ws.append(HEADERS)
    for i in range(LARGE):
        ws.append([f"批量客户{i}", f"199{i:08d}", "个人", "C3", "普通投资者", "2024-01-05", "正常", "否", None])
    wb.save(path)
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    dlg = open_wizard(page, path)
    upload(page, dlg, path)
    expect(dlg.get_by_test_id("import-total")).to_contain_text(f"{LARGE:,}")
    dlg.get_by_test_id("wizard-next").click()
    dlg.get_by_test_id("wizard-next").click()
    dlg.get_by_test_id("import-dry-run").click()
    progress = dlg.get_by_test_id("import-progress")
    expect(progress).to_be_visible()
    expect(dlg.get_by_test_id("progress-rate")).to_be_visible(timeout=20_000)
    expect(dlg.get_by_test_id("progress-rows")).to_contain_text(f"/ {LARGE:,} 行")
    shot(page, SCENARIO, "05b_progress")
    dlg.get_by_test_id("import-cancel").click()   # a dry run is cancelled without asking
    expect(dlg.get_by_test_id("summary-title")).to_have_text("试运行已取消", timeout=30_000)
    shot(page, SCENARIO, "05c_cancelled")
    assert admin_api.records("client", q="批量客户", count="exact")["count"] == 0


def test_export_filtered_grid_and_template(admin_page, admin_api, tmp_path):
    page = admin_page
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    # a search term that matches some of the seeded clients
    sample = admin_api.records("client", limit=20, sort="client_code")["items"]
    term = next(r["name"][0] for r in sample if r.get("name"))
    want = admin_api.records("client", q=term, sort="-client_code", limit=1000, count="exact")
    assert 0 < want["count"] <= 1000
    search_box(page).fill(term)
    search_box(page).press("Enter")
    wait_grid_loaded(page)
    expect(page.get_by_test_id("record-count")).to_contain_text(str(want["count"]))
    header = page.locator(".ant-table-thead th").filter(has_text=re.compile(r"^\s*客户编号\s*$"))
    for direction in ("ascending", "descending"):
        header.click()
        expect(header).to_have_attribute("aria-sort", direction)
        wait_grid_loaded(page)
    shown = [h.strip() for h in page.locator(".ant-table-thead th").all_inner_texts() if h.strip()]

    page.get_by_test_id("export-menu").click()
    shot(page, SCENARIO, "09_export_menu")
    with page.expect_download() as dl:
        page.locator(".ant-dropdown:visible").get_by_test_id("export-xlsx").click()
    path = tmp_path / "export.xlsx"
    dl.value.save_as(path)
    assert dl.value.suggested_filename.endswith(".xlsx")
    rows = [r for r in read_xlsx(path) if any(c is not None for c in r)]
    head = list(rows[0])
    assert "客户编号" in head and "客户名称" in head, head
    assert [h for h in head if h] == [h for h in shown if h in head], (head, shown)   # the visible columns, in order
    codes = [r[head.index("客户编号")] for r in rows[1:]]
    assert codes == [r["client_code"] for r in want["items"]]                          # filter + sort of the grid
    assert all(term in r[head.index("客户名称")] for r in rows[1:])

    # csv of the same rows (UTF-8 with BOM)
    with page.expect_download() as dl:
        menu_click(page, "export-menu", "export-csv")
    raw = open(dl.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert lines[0] == head[: len(lines[0])]
    assert [line[head.index("客户编号")] for line in lines[1:] if line] == codes

    # the import template: labels as headers, the field ids on a hidden sheet
    with page.expect_download() as dl:
        menu_click(page, "export-menu", "export-template")
    tpl = tmp_path / "template.xlsx"
    dl.value.save_as(tpl)
    wb = openpyxl.load_workbook(tpl)
    assert "_fields" in wb.sheetnames and wb["_fields"].sheet_state != "visible"
    labels = [str(c.value or "").rstrip(" *") for c in wb.worksheets[0][1]]   # required ones carry a " *"
    assert "客户名称" in labels and "手机号" in labels, labels


def test_import_wizard_in_english(admin_page, admin_api, workbook):
    page = admin_page
    admin_api.call("POST", f"/api/v1/apps/{APP}/forms/client/imports/mappings",
                   {"name": "Branch sheet", "mapping": {"客户名称": "name", "手机号": "mobile"}})
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    page.get_by_role("radiogroup", name="language").get_by_text("EN", exact=True).click()
    expect(page.get_by_test_id("import-button")).to_have_text(re.compile(r"Import$"))
    dlg = open_wizard(page, workbook)
    expect(dlg).to_contain_text("Click or drag a file here")
    upload(page, dlg, workbook)
    expect(dlg.get_by_test_id("import-total")).to_have_text("5 data rows")
    dlg.get_by_test_id("wizard-next").click()
    expect(dlg.get_by_test_id("matched-label").first).to_have_text("By name")
    expect(dlg.get_by_test_id("mapping-select-1")).to_contain_text("Mobile")
    expect(dlg.get_by_test_id("mapping-saved")).not_to_have_class(re.compile("ant-select-disabled"))
    shot(page, SCENARIO, "10_english_mapping")
    dlg.get_by_test_id("wizard-next").click()
    expect(dlg.get_by_test_id("import-mode")).to_contain_text("Insert or update")
    shot(page, SCENARIO, "11_english_options")
    dlg.get_by_test_id("import-dry-run").click()
    expect(dlg.get_by_test_id("summary-title")).to_have_text("Dry run finished", timeout=30_000)
    problems = dlg.get_by_test_id("import-problems")
    expect(problems).to_contain_text("Cells with errors: 1 (rows with errors: 1)")
    expect(problems.locator(".ant-table-tbody tr.ant-table-row td").nth(2)).to_contain_text("Mobile")
    expect(dlg.get_by_test_id("import-valid-rows")).to_have_text("Import the valid rows (4), skip the bad ones (1)")
    expect(dlg.get_by_test_id("import-fix-file")).to_have_text("Fix the file and upload again")
    shot(page, SCENARIO, "12_english_dry_run_problems")


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_dry_run_problems_on_a_phone(admin_page, workbook, lang):
    """At 390 px the problems table and the footer's choices stay usable."""
    page = admin_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.evaluate("lang => localStorage.setItem('trellis.lang', lang)", lang)
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    dlg = open_wizard(page, workbook)
    upload(page, dlg, workbook)
    dlg.get_by_test_id("wizard-next").click()
    dlg.get_by_test_id("wizard-next").click()
    dlg.get_by_test_id("import-dry-run").click()
    problems = dlg.get_by_test_id("import-problems")
    expect(problems).to_be_visible(timeout=30_000)
    message = problems.get_by_text(re.compile("12345"))
    message.scroll_into_view_if_needed()
    box = message.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box   # the message itself, not scrolled away
    for button in ("import-fix-file", "import-valid-rows"):
        box = dlg.get_by_test_id(button).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (button, box)
    shot(page, SCENARIO, f"13_phone_dry_run_{lang}")
    dlg.get_by_test_id("import-valid-rows").scroll_into_view_if_needed()
    shot(page, SCENARIO, f"14_phone_dry_run_problems_{lang}")


def test_read_only_user_sees_no_import(page):
    """Customer service may only read clients: no import button, no export."""
    login(page, "cs01", DEMO_PASSWORD)
    page.goto(f"/apps/{APP}/forms/client")
    wait_grid_loaded(page)
    expect(page.get_by_test_id("grid-search")).to_be_visible()
    expect(page.get_by_test_id("import-button")).to_have_count(0)
    expect(page.get_by_test_id("export-menu")).to_have_count(0)
