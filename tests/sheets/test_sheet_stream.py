"""The streaming .xlsx reader (used for large files) gives exactly the values that
python-calamine gives for the same cells: shared and inline strings, rich text, formulas,
booleans, errors, dates in both date systems, durations, odd layouts and XML spellings."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
import xlsxwriter

from sheetfiles import HEADERS, ROWS, xlsx
from trellis.sheets import open_book, sources
from trellis.sheets.xlsx_parts import SharedStrings, format_kind


def rows_via(path, streaming: bool, monkeypatch, sheet=None):
    monkeypatch.setattr(sources, "STREAM_ABOVE", -1 if streaming else 1 << 60)
    with open_book(path) as book:
        assert type(book.source).__name__ == ("XlsxStreamSource" if streaming else "CalamineSource")
        infos = [(s.name, s.rows, s.cols) for s in book.sheets]
        s = book.sheet(sheet)
        return infos, s.header_row, s.headers, [r for chunk in s.chunks(7) for r in chunk]


def same(path, monkeypatch, sheet=None):
    a = rows_via(path, False, monkeypatch, sheet)
    b = rows_via(path, True, monkeypatch, sheet)
    assert a == b
    return b


def test_plain_title_and_inline_strings(tmp_path, monkeypatch):
    same(xlsx(tmp_path / "a.xlsx", [HEADERS, *ROWS] * 20), monkeypatch)
    same(xlsx(tmp_path / "b.xlsx", [HEADERS, *ROWS] * 20, constant_memory=True, title="标题", blank_rows=1),
         monkeypatch)


def test_every_cell_kind(tmp_path, monkeypatch):
    for date1904 in (False, True):
        path = tmp_path / f"k{date1904}.xlsx"
        wb = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
        ws = wb.add_worksheet("类型")
        f = lambda code: wb.add_format({"num_format": code})  # noqa: E731
        ws.write_row(0, 0, ["文本", "数字", "日期", "时间", "时长", "公式", "布尔", "错误", "富文本", "中文日期"])
        for r in range(1, 6):
            ws.write_string(r, 0, f"  文本{r} " if r % 2 else "")
            ws.write_number(r, 1, r * 1.5 if r % 2 else r * 1000000)
            ws.write_datetime(r, 2, dt.datetime(1900 + r * 30, r, r, r, 0, 0) if r != 3 else dt.datetime(2024, 2, 29),
                              f("yyyy-mm-dd hh:mm"))
            ws.write_number(r, 3, r / 7, f("h:mm:ss AM/PM"))
            ws.write_number(r, 4, r * 1.25, f("[h]:mm:ss"))
            ws.write_formula(r, 5, f"=B{r + 1}*2", None, r * 3)
            ws.write_boolean(r, 6, r % 2 == 0)
            ws.write_formula(r, 7, "=NA()", None, "#N/A")
            ws.write_rich_string(r, 8, "红", wb.add_format({"color": "red"}), f"色{r}", "字")
            ws.write_number(r, 9, 45000 + r, f('yyyy"年"m"月"d"日";@'))
        ws.write_number(6, 1, 30, f("yyyy-mm-dd"))              # before Excel's fictitious 1900-02-29
        ws.write_number(6, 2, 0, f("yyyy-mm-dd"))
        wb.close()
        infos, _, headers, rows = same(path, monkeypatch)
        assert rows[1][1][5] == 6                                 # the cached formula result
        assert rows[1][1][6] is True and rows[1][1][7] is None and rows[1][1][8] == "红色2字"


def test_openpyxl_written_shared_strings_and_sparse_cells(tmp_path, monkeypatch):
    path = tmp_path / "o.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["名称", "数量", "日期"])
    for i in range(300):
        ws.append([f"名称{i % 37}", i if i % 5 else None, dt.date(2024, 1, 1) + dt.timedelta(days=i)])
    ws["F400"] = "远处的单元格"
    wb.create_sheet("隐藏").sheet_state = "hidden"
    wb.save(path)
    infos, *_ = same(path, monkeypatch)
    assert [i[0] for i in infos] == ["数据"]                        # hidden sheets are not listed


def _rewrite_sheet(src, dst, fn):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = fn(data)
            zout.writestr(item, data)
    return dst


def test_prefixed_elements_no_refs_and_no_dimension(tmp_path, monkeypatch):
    src = xlsx(tmp_path / "src.xlsx", [HEADERS, *ROWS] * 5)

    def prefixed(xml: bytes) -> bytes:
        xml = xml.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                          b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        xml = re.sub(rb"<(/?)(worksheet|dimension|sheetViews|sheetView|sheetFormatPr|cols|col|sheetData|row|c|v|f|is|t|"
                     rb"pageMargins|selection)\b", rb"<\1x:\2", xml)
        xml = re.sub(rb'<x:dimension[^>]*/>', b"", xml)           # no dimension: the extent is scanned
        return re.sub(rb'(<x:(?:c|row)\b[^>]*?) r="[A-Z]*\d+"', rb"\1", xml)   # no cell / row references
    path = _rewrite_sheet(src, tmp_path / "p.xlsx", prefixed)
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert b"<x:c" in xml and b' r="A' not in xml and b"dimension" not in xml
    a = rows_via(src, True, monkeypatch)
    b = rows_via(path, True, monkeypatch)
    assert a == b


def test_number_formats():
    for code in ("yyyy-mm-dd", "DD/MM/YY", "H:MM:SS;@", 'yyyy"年"m"月"d"日"', "mmm-yy", "h:mm AM/PM",
                 "*-yyyy-mm-dd"):
        assert format_kind(code) == "date", code
    for code in ("[h]:mm:ss", "[mm]:ss", "[Blue]\\+[h]:mm;[Red]\\-[h]:mm"):
        assert format_kind(code) == "duration", code
    for code in ("General", "0.00", "#,##0.00", "0%", '"$"#,##0_);[Red]("$"#,##0)', "\\Y000000", '#,##0.0####" YMD"',
                 "[$¥-804]#,##0.00", "#,##0*y", "@", "0.00E+00"):
        assert format_kind(code) is None, code


def test_compact_shared_strings():
    table = SharedStrings()
    texts = [f"字符串{i}" * (i % 3) for i in range(SharedStrings.COMPACT_ABOVE + 10)]
    for t in texts:
        table.append(t)
    assert table._list is None and len(table) == len(texts)
    assert [table[i] for i in (0, 1, 2, 12345, len(texts) - 1)] == [texts[i] for i in (0, 1, 2, 12345, len(texts) - 1)]
    with pytest.raises(IndexError):
        table[len(texts)]


def test_many_distinct_strings_stream_in_flat_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(SharedStrings, "COMPACT_ABOVE", 100)
    rows = [["名称", "编号"]] + [[f"客户{i}", f"N{i:06d}"] for i in range(3000)]
    same(xlsx(tmp_path / "many.xlsx", rows), monkeypatch)


def test_sheet_starting_away_from_a1(tmp_path, monkeypatch):
    path = tmp_path / "far.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(5, 3, ["名称", "数量"])
    ws.write_row(6, 4, [7])
    ws.write_row(9, 3, ["铜", 2])
    wb.close()
    infos, header_row, headers, rows = same(path, monkeypatch)
    assert (header_row, headers) == (5, ["名称", "数量"])
    assert rows == [(7, [None, 7]), (10, ["铜", 2])]
