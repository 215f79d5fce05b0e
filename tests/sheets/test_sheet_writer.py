"""SheetWriter (xlsx in constant memory, CSV with a BOM) and the error workbook."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl

from trellis.sheets import open_book
from trellis.sheets.writer import ERROR_HEADER, ROW_HEADER, SheetWriter, write_error_book

ROW = ["张三", 12, 3.5, Decimal("10.25"), True, dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 9, 30), None,
       "=1+1", 12345678901234567890]


def test_xlsx_round_trip(tmp_path):
    path = tmp_path / "w.xlsx"
    with SheetWriter(path, "xlsx", "客户/清单") as w:
        w.header(["名称", "整数", "小数", "金额", "布尔", "日期", "时间", "空", "公式样", "长数字"])
        w.number_formats([None, None, None, "#,##0.00"])
        w.rows([ROW, ROW])
    assert w.count == 2
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws.title == "客户_清单" and ws.freeze_panes == "A2"
    assert ws["A1"].font.b and ws["A1"].value == "名称"
    assert [c.value for c in ws[2]] == ["张三", 12, 3.5, 10.25, True, dt.datetime(2024, 1, 5),
                                         dt.datetime(2024, 1, 5, 9, 30), None, "=1+1", "12345678901234567890"]
    assert ws["I2"].data_type == "s"                     # text that looks like a formula stays text
    assert ws["D2"].number_format == "#,##0.00" and ws["F2"].number_format == "yyyy-mm-dd"
    with open_book(path) as b:                           # and our reader reads it back
        assert b.sheet().preview(1)[0][:7] == ["张三", 12, 3.5, 10.25, True, dt.date(2024, 1, 5),
                                               dt.datetime(2024, 1, 5, 9, 30)]


def test_csv_has_bom_and_guards_formulas(tmp_path):
    path = tmp_path / "w.csv"
    with SheetWriter(path, "csv") as w:
        w.header(["名称", "值"])
        w.rows([["=HYPERLINK(\"x\")", -5], ["+86 139", 1.0], ["a,b", dt.date(2024, 1, 5)], [None, True]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["名称,值", '"\'=HYPERLINK(""x"")",-5', "'+86 139,1", '"a,b",2024-01-05', ",TRUE"]


def test_csv_to_streams():
    text = io.StringIO()
    with SheetWriter(text, "csv") as w:
        w.header(["a"])
        w.rows([["中"]])
    assert text.getvalue() == "\ufeffa\r\n中\r\n"
    raw = io.BytesIO()
    with SheetWriter(raw, "csv") as w:
        w.header(["a"])
        w.rows([["中"]])
    assert raw.getvalue() == "\ufeffa\r\n中\r\n".encode("utf-8")


def test_error_book(tmp_path):
    path = tmp_path / "errors.xlsx"
    write_error_book(path, ["客户名称", "手机号"], [
        (3, ["张三", "139"], "手机号:“139”不是有效的手机号 / mobile: “139” is not a valid mobile number"),
        (7, ["李四"], "客户名称:重复 / name: duplicate"),
    ])
    ws = openpyxl.load_workbook(path).active
    assert [c.value for c in ws[1]] == [ROW_HEADER, "客户名称", "手机号", ERROR_HEADER]
    assert [c.value for c in ws[2]] == [3, "张三", "139", "手机号:“139”不是有效的手机号 / mobile: “139” is not a valid mobile number"]
    assert [c.value for c in ws[3]] == [7, "李四", None, "客户名称:重复 / name: duplicate"]
    assert ws.auto_filter.ref == "A1:D3"
