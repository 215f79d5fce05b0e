"""The sheet reader: every format, encodings, header detection, values, and every kind of
bad input with its code and a message in both languages."""
from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from sheetfiles import HEADERS, ROWS, csv_file, docx, encrypted_xlsx, png, truncated, xls, xls_with_password, xlsx
from trellis.sheets import SheetError, open_book
from trellis.sheets.headers import label_key

EXPECTED = [
    ["张三", "13900000001", "C3", dt.date(2024, 1, 5), 1250000.5, "重点客户"],
    ["李四", "13900000002", "C1", dt.date(2023, 12, 31), 3000, None],
    ["王五", "13900000003", "C5", dt.date(2020, 2, 29), 0.25, "备注,含逗号"],
]
AS_TEXT = [[None if v is None else (v.isoformat() if isinstance(v, dt.date) else str(v)) for v in r] for r in EXPECTED]


def read_all(sheet, size=2):
    out = []
    for chunk in sheet.chunks(size):
        assert len(chunk) <= size
        out += chunk
    return out


def test_xlsx(tmp_path):
    path = xlsx(tmp_path / "a.xlsx", [HEADERS, *ROWS], extra_sheets=[("其他", [["a", "b"], [1, 2]])])
    with open_book(path, "客户.xlsx") as book:
        assert book.kind == "xlsx"
        assert [(s.name, s.rows, s.cols) for s in book.sheets] == [("客户", 4, 6), ("其他", 2, 2)]
        sheet = book.sheet()
        assert sheet.name == "客户" and sheet.header_row == 0 and sheet.headers == HEADERS
        assert sheet.total == 3
        rows = read_all(sheet)
        assert [n for n, _ in rows] == [2, 3, 4]
        assert [v for _, v in rows] == EXPECTED
        assert type(rows[1][1][4]) is int                       # whole numbers as int
        assert sheet.preview(2) == EXPECTED[:2]
        assert read_all(sheet) == rows                          # chunks() streams again from the top
        other = book.sheet("其他")
        assert other.headers == ["a", "b"] and other.preview() == [[1, 2]]


def test_xls(tmp_path):
    path = xls(tmp_path / "old.xls", [HEADERS, *ROWS])
    with open_book(path, "old.xls") as book:
        assert book.kind == "xls" and book.sheets[0].name == "客户"
        sheet = book.sheet()
        assert sheet.headers == HEADERS
        assert [v for _, v in read_all(sheet)] == EXPECTED


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("gbk", False), ("gb18030", False),
                                          ("utf-16", False)])
def test_csv_encodings(tmp_path, encoding, bom):
    rows = [HEADERS, *ROWS, ["𠀀字", "13900000004", "C2", "2024-02-01", "5", "生僻字"]] if encoding != "gbk" else \
        [HEADERS, *ROWS]
    path = csv_file(tmp_path / "客户.csv", rows, encoding=encoding, bom=bom)
    with open_book(path, "客户.csv") as book:
        assert book.kind == "csv"
        assert [s.name for s in book.sheets] == ["客户"]
        sheet = book.sheet()
        assert sheet.headers == HEADERS
        values = [v for _, v in read_all(sheet)]
        assert values[:3] == AS_TEXT                             # CSV values stay text, as typed
        assert book.source.encoding.replace("-sig", "") in (encoding, "gb18030", "utf-16")


def test_gbk_csv_from_excel_is_detected_even_when_chinese_comes_late(tmp_path):
    rows = [["name", "mobile"]] + [[f"user{i}", f"139{i:08d}"] for i in range(5000)] + [["张三", "13900000001"]]
    path = csv_file(tmp_path / "late.csv", rows, encoding="gbk")
    with open_book(path) as book:
        assert book.source.encoding == "gb18030"
        last = list(book.sheet().chunks(10000))[-1][-1]
        assert last == (5002, ["张三", "13900000001"])


@pytest.mark.parametrize("delimiter", ["\t", ";", "|"])
def test_tsv_and_semicolons(tmp_path, delimiter):
    path = csv_file(tmp_path / "t.txt", [HEADERS, *ROWS], delimiter=delimiter)
    with open_book(path, "t.txt") as book:
        assert book.kind == "csv" and book.sheet().headers == HEADERS
        assert [v for _, v in read_all(book.sheet())] == AS_TEXT


def test_text_named_xls_is_read_as_csv(tmp_path):
    """Bank and broker systems export tab-separated text under an .xls name."""
    path = csv_file(tmp_path / "export.xls", [HEADERS, *ROWS], delimiter="\t", encoding="gbk")
    with open_book(path, "export.xls") as book:
        assert book.kind == "csv" and book.sheet().headers == HEADERS


def test_header_below_a_merged_title_and_blank_rows(tmp_path):
    path = xlsx(tmp_path / "t.xlsx", [HEADERS, *ROWS], title="2024 年客户清单(导出时间 2024-06-30)", blank_rows=2)
    with open_book(path) as book:
        sheet = book.sheet()
        assert sheet.header_row == 3 and sheet.headers == HEADERS
        rows = read_all(sheet)
        assert [n for n, _ in rows] == [5, 6, 7] and [v for _, v in rows] == EXPECTED
        assert sheet.total == 3


def test_header_after_a_note_line_and_in_later_columns(tmp_path):
    rows = [["导出人:张三", None, None, "2024-06-30"], [], [None, "名称", "数量", "备注"], [None, "螺纹钢", 3, None],
            [], [None, "铜", 5, "x"]]
    path = xlsx(tmp_path / "t.xlsx", rows)
    with open_book(path) as book:
        sheet = book.sheet()
        assert sheet.header_row == 2 and sheet.headers == ["名称", "数量", "备注"]
        assert sheet.first_column == 1 and sheet.column_letters == ["B", "C", "D"]
        assert read_all(sheet, 10) == [(4, ["螺纹钢", 3, None]), (6, ["铜", 5, "x"])]   # blank rows skipped


def test_given_header_row(tmp_path):
    path = xlsx(tmp_path / "t.xlsx", [["a", "b"], ["名称", "数量"], ["x", 1]])
    with open_book(path) as book:
        sheet = book.sheet(header_row=1)
        assert sheet.headers == ["名称", "数量"] and sheet.preview() == [["x", 1]]
        with pytest.raises(SheetError) as e:
            book.sheet(header_row=99)
        assert e.value.code == "no_header" and "100" in e.value.message["zh"]


def test_header_texts_are_trimmed_and_blank_ones_kept(tmp_path):
    path = xlsx(tmp_path / "t.xlsx", [[" 名称 ", None, 2024, "备注"], ["x", "y", 1, "z"]])
    with open_book(path) as book:
        assert book.sheet().headers == ["名称", "", "2024", "备注"]


def test_formulas_give_cached_values_and_dates_and_serials(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["数量", "单价", "金额", "名称", "日期", "时间", "序号日期"])
    ws.write_row(1, 0, [2, 3.5])
    ws.write_formula(1, 2, "=A2*B2", None, 7)
    ws.write_formula(1, 3, '="螺"&"纹钢"', None, "螺纹钢")
    ws.write_datetime(1, 4, dt.datetime(2024, 1, 5, 9, 30), wb.add_format({"num_format": "yyyy/m/d h:mm"}))
    ws.write_number(1, 5, 0.5, wb.add_format({"num_format": "hh:mm"}))
    ws.write_number(1, 6, 45296)                                  # a bare serial stays a number
    ws.write_formula(2, 0, "=1/0", None, "#DIV/0!")
    ws.write_string(2, 1, "x")
    wb.close()
    with open_book(path) as book:
        rows = [v for _, v in read_all(book.sheet(), 10)]
    assert rows[0] == [2, 3.5, 7, "螺纹钢", dt.datetime(2024, 1, 5, 9, 30), dt.time(12, 0), 45296]
    assert rows[1] == [None, "x", None, None, None, None, None]    # an error cell reads as empty


def test_label_key_matches_marked_headers():
    assert label_key(" 客户名称 *") == label_key("*客户名称") == label_key("客户名称(必填)") == "客户名称"
    assert label_key("Client Name＊") == "clientname"


# -- bad input -------------------------------------------------------------------------

def _refused(path, filename=None) -> SheetError:
    with pytest.raises(SheetError) as e:
        with open_book(path, filename) as book:
            book.sheet()
    err = e.value
    assert err.message["zh"] and err.message["en"] and err.status == 400
    return err


def test_wrong_file_types(tmp_path):
    err = _refused(docx(tmp_path / "d.xlsx"), "合同.xlsx")
    assert err.code == "file_type" and "Word" in err.message["zh"] and "合同.xlsx" in err.message["en"]
    err = _refused(png(tmp_path / "p.xlsx"), "截图.xlsx")
    assert err.code == "file_type" and "PNG" in err.message["zh"]
    (tmp_path / "h.xls").write_bytes("<html><body><table><tr><td>1</td></tr></table></body></html>".encode())
    err = _refused(tmp_path / "h.xls", "h.xls")
    assert err.code == "file_type" and "HTML" in err.message["en"]
    (tmp_path / "b.csv").write_bytes(b"\x00\x01\x02binary\x00")
    assert _refused(tmp_path / "b.csv").code == "file_type"


def test_corrupt_files(tmp_path):
    good = xlsx(tmp_path / "g.xlsx", [HEADERS, *ROWS] * 50)
    err = _refused(truncated(good, tmp_path / "cut.xlsx"), "cut.xlsx")
    assert err.code == "corrupt" and "cut.xlsx" in err.message["zh"]
    (tmp_path / "ole.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    assert _refused(tmp_path / "ole.xls").code == "corrupt"


def test_password_protected(tmp_path):
    err = _refused(encrypted_xlsx(tmp_path / "secret.xlsx", tmp_path), "secret.xlsx")
    assert err.code == "password" and "密码" in err.message["zh"] and "password" in err.message["en"]
    assert _refused(xls_with_password(tmp_path / "secret.xls")).code == "password"


def test_empty_file_and_empty_sheets(tmp_path):
    (tmp_path / "e.csv").write_bytes(b"")
    assert _refused(tmp_path / "e.csv").code == "empty_sheet"
    (tmp_path / "blank.csv").write_bytes(b"\xef\xbb\xbf\r\n\r\n")
    assert _refused(tmp_path / "blank.csv").code == "empty_sheet"
    path = xlsx(tmp_path / "e.xlsx", [], extra_sheets=[("空", [])])
    err = _refused(path)
    assert err.code == "empty_sheet"
    with open_book(path) as book:
        with pytest.raises(SheetError) as e:
            book.sheet("空")
        assert e.value.code == "empty_sheet" and "空" in e.value.message["zh"]


def test_no_header_row(tmp_path):
    path = xlsx(tmp_path / "n.xlsx", [[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    err = _refused(path)
    assert err.code == "no_header" and "20" in err.message["zh"]


def test_sheet_not_found(tmp_path):
    path = xlsx(tmp_path / "s.xlsx", [HEADERS, *ROWS])
    with open_book(path) as book:
        assert book.sheet(" 客户 ").name == "客户"                # trimmed, case-insensitive
        with pytest.raises(SheetError) as e:
            book.sheet("Sheet9")
    assert e.value.code == "sheet_not_found" and "客户" in e.value.message["zh"] and "Sheet9" in e.value.message["en"]


def test_undecodable_csv(tmp_path):
    (tmp_path / "x.csv").write_bytes("名称,数量\r\n".encode("utf-8") + b"\x80\xff\xfe,1\r\n")
    assert _refused(tmp_path / "x.csv").code == "encoding"


def test_sheet_at_excel_row_limit(tmp_path):
    """A sheet whose last used row is row 1,048,576 was most likely cut by Excel."""
    path = tmp_path / "full.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("满")
    ws.write_row(0, 0, ["名称", "数量"])
    ws.write_row(1, 0, ["a", 1])
    ws.write_row(1_048_575, 0, ["z", 2])
    wb.close()
    err = _refused(path)
    assert err.code == "too_many_rows" and "1,048,576" in err.message["zh"] and "truncated" in err.message["en"]
    below = tmp_path / "ok.xlsx"
    wb = xlsxwriter.Workbook(str(below), {"constant_memory": True})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["名称", "数量"])
    ws.write_row(1_048_574, 0, ["z", 2])
    wb.close()
    with open_book(below) as book:
        assert read_all(book.sheet(), 10) == [(1_048_575, ["z", 2])]
