"""The import template: labels as headers (required marked, help in comments), drop-downs
for selects and yes/no, an example row, and the hidden "_fields" sheet read back by
`template_field_ids`."""
from __future__ import annotations

import io

import openpyxl

from crm_app import BASE
from trellis.sheets import open_book
from trellis.sheets.template import template_field_ids, template_info

URL = f"{BASE}/client/template.xlsx"
EXCLUDED = {"client_code"}  # auto-number: the system fills it


def _download(client, lang="zh"):
    r = client.get(URL, query_string={"lang": lang})
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    assert "attachment" in r.headers["Content-Disposition"]
    return r.data


def test_template_for_admin(crm, login, tmp_path):
    data = _download(login("admin"))
    form = crm.extensions["trellis"].form("futures_crm", "client")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames[0] == "客户" and book.active.title == "客户"
    assert book["_fields"].sheet_state == "hidden" and book["_options"].sheet_state == "hidden"
    ws = book["客户"]
    headers = [c.value for c in ws[1]]
    ids = [c.value for c in book["_fields"][1]]
    expected = [t.id for t in form.active if t.has_column and not t.generated and t.key not in ("json", "attachment")]
    assert ids == expected and not EXCLUDED & set(ids)
    for fid, text in zip(ids, headers):
        t = form.field(fid)
        assert text == t.field["label"]["zh"] + (" *" if t.field.get("required") else "")
    name_col = ids.index("name")
    assert ws.cell(1, name_col + 1).comment is not None and "必填" in ws.cell(1, name_col + 1).comment.text
    permissions = ids.index("permissions")
    assert "适当性" in ws.cell(1, permissions + 1).comment.text          # the field's help text
    # drop-downs: every single select, pointing at its options
    validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    options = book["_options"]
    for fid in ids:
        t = form.field(fid)
        letter = openpyxl.utils.get_column_letter(ids.index(fid) + 1)
        if t.key == "single_select":
            dv = validations[f"{letter}2"]
            assert dv.type == "list" and dv.formula1.startswith("_options!")
            col = dv.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
            labels = [options[f"{col}{r}"].value for r in range(2, len(t.field["options"]) + 2)]
            assert labels == [o["label"]["zh"] for o in t.field["options"]]
        else:
            assert f"{letter}2" not in validations
    # the example row is a valid-looking record
    example = {fid: ws.cell(2, i + 1).value for i, fid in enumerate(ids)}
    assert example["client_type"] == "个人" and example["mobile"] == "13800138000"
    assert example["opened_at"] is not None and example["risk_level"] == "C1 保守型"
    # our reader opens it: the data sheet first, the ids from the hidden sheet
    path = tmp_path / "t.xlsx"
    path.write_bytes(data)
    with open_book(path, "客户 导入模板.xlsx") as b:
        assert [s.name for s in b.sheets] == ["客户"]
        sheet = b.sheet()
        assert sheet.header_row == 0 and sheet.headers == headers
        assert template_field_ids(b) == ids
        info = template_info(b)
        assert info.headers == headers and info.example[ids.index("mobile")] == "13800138000"
        assert sheet.preview(1)[0][ids.index("client_type")] == "个人"


def test_template_in_english_with_boolean_dropdown(crm, login, tmp_path):
    data = _download(login("admin"), "en")
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book.worksheets[0]
    assert ws.title == "Client"
    headers = [c.value for c in ws[1]]
    assert "Name *" in headers and "Mobile *" in headers and "Tags" in headers
    ids = [c.value for c in book["_fields"][1]]
    assert ws.cell(2, ids.index("client_type") + 1).value == "Individual"


def test_template_for_account_manager_leaves_out_read_only_fields(crm, login, tmp_path):
    data = _download(login("am0001"))
    ids = [c.value for c in openpyxl.load_workbook(io.BytesIO(data))["_fields"][1]]
    assert "account_manager" not in ids and "client_code" not in ids and "name" in ids


def test_template_needs_create_or_import(crm, login):
    r = login("cs01").get(f"{BASE}/deposit/template.xlsx")
    assert r.status_code == 403 and r.get_json()["message"]["en"]


def test_not_a_template(tmp_path):
    from sheetfiles import HEADERS, ROWS, xlsx

    with open_book(xlsx(tmp_path / "plain.xlsx", [HEADERS, *ROWS])) as b:
        assert template_field_ids(b) is None
