"""Workbooks that would inflate past the limits are refused from the zip directory, before
a byte is inflated: a generated zip bomb, a workbook larger than the inflated-size limit,
a sheet declaring more rows than allowed; through the import endpoint too."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from samples import ensure_published
from trellis.sheets import limits, open_book
from trellis.sheets.errors import SheetError
from trellis.sheets.writer import SheetWriter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _workbook(path, sheet_xml_parts, dimension: str | None = None):
    """A minimal .xlsx whose one sheet's XML is the concatenation of `sheet_xml_parts`
    (bytes, written as a stream so a bomb never sits in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                   f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
                   '<sheet name="客户" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{PKG}">'
                   f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            dim = f'<dimension ref="{dimension}"/>' if dimension else ""
            f.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">{dim}<sheetData>'.encode())
            for part in sheet_xml_parts:
                f.write(part)
            f.write(b"</sheetData></worksheet>")
    return path


def _bomb(path, megabytes: int = 64):
    """One cell holding `megabytes` MB of "A": about 1,000 times smaller zipped."""
    block = b"A" * (1 << 20)
    parts = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>'] + [block] * megabytes + [b"</t></is></c></row>"]
    return _workbook(path, parts)


def test_zip_bomb_is_refused_before_reading(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(SheetError) as e:
        open_book(path, "bomb.xlsx")
    assert time.perf_counter() - started < 1.0
    assert e.value.code == "too_large" and "bomb.xlsx" in e.value.message["zh"]
    assert "compression ratio" in e.value.message["en"] and e.value.details["inflated"] > 64 * 1024 * 1024


def test_inflated_size_limit_and_ordinary_workbooks(tmp_path, monkeypatch):
    path = tmp_path / "ok.xlsx"
    with SheetWriter(str(path), "xlsx") as w:
        w.header(["姓名", "手机号"])
        w.rows([[f"客户{i}", f"1380000{i:04d}"] for i in range(500)])
    with open_book(path, "ok.xlsx") as book:
        assert book.sheet().total == 500
    monkeypatch.setattr(limits, "MAX_INFLATED_BYTES", 10_000)
    with pytest.raises(SheetError) as e:
        open_book(path, "ok.xlsx")
    assert e.value.code == "too_large" and "MB" in e.value.message["en"]


def test_row_limit_is_checked_before_reading(tmp_path, monkeypatch):
    book_path = tmp_path / "many.xlsx"
    with SheetWriter(str(book_path), "xlsx") as w:
        w.header(["姓名"])
        w.rows([[f"客户{i}"] for i in range(20)])
    csv = tmp_path / "many.csv"
    csv.write_text("姓名\n" + "".join(f"客户{i}\n" for i in range(20)), encoding="utf-8")
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 10)
    for path in (book_path, csv):
        with open_book(path, path.name) as book, pytest.raises(SheetError) as e:
            book.sheet()
        assert e.value.code == "too_many_rows" and e.value.details["limit"] == 10, path
        assert "10" in e.value.message["zh"] and "split" in e.value.message["en"]


def test_import_endpoint_refuses_the_bomb(app, api, tmp_path):
    ensure_published(app.extensions["trellis"])
    data = _bomb(tmp_path / "bomb.xlsx").read_bytes()
    r = api.post("/api/v1/apps/demo/forms/client/imports/inspect", data={"file": (io.BytesIO(data), "客户.xlsx")},
                 content_type="multipart/form-data")
    body = r.get_json()
    assert r.status_code == 400 and body["code"] == "too_large", body
    assert "客户.xlsx" in body["message"]["zh"] and body["message"]["en"]
