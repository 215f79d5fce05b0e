"""Test files made on the fly: xlsx (xlsxwriter / openpyxl), xls (xlwt), CSV in several
encodings, an encrypted xlsx (msoffcrypto-tool), a password-protected xls, and files
that are not spreadsheets at all."""
from __future__ import annotations

import datetime as dt
import struct
import zipfile
from pathlib import Path

import xlsxwriter

HEADERS = ["客户名称", "手机号", "风险等级", "开户日期", "权益", "备注"]
ROWS = [
    ["张三", "13900000001", "C3", dt.date(2024, 1, 5), 1250000.5, "重点客户"],
    ["李四", "13900000002", "C1", dt.date(2023, 12, 31), 3000, None],
    ["王五", "13900000003", "C5", dt.date(2020, 2, 29), 0.25, "备注,含逗号"],
]


def xlsx(path: Path, rows, *, sheet="客户", constant_memory=False, extra_sheets=(), title=None,
         blank_rows=0, date_format="yyyy-mm-dd") -> Path:
    """rows: lists of cells (None: empty); dates get `date_format`. `title` adds a merged
    title row (and `blank_rows` blank rows) above the rows."""
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    ws = wb.add_worksheet(sheet)
    datef = wb.add_format({"num_format": date_format})
    dtf = wb.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    r = 0
    if title:
        ws.merge_range(0, 0, 0, max(len(x) for x in rows) - 1, title, wb.add_format({"bold": True}))
        r = 1
    r += blank_rows
    for values in rows:
        for c, v in enumerate(values):
            if v is None:
                continue
            if isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, dtf)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, v, datef)
            elif isinstance(v, bool):
                ws.write_boolean(r, c, v)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, v)
        r += 1
    for name, srows in extra_sheets:
        other = wb.add_worksheet(name)
        for i, values in enumerate(srows):
            other.write_row(i, 0, values)
    wb.close()
    return path


def xls(path: Path, rows, sheet="客户") -> Path:
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(sheet)
    datef = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            if v is None:
                continue
            ws.write(r, c, v, datef) if isinstance(v, dt.date) else ws.write(r, c, v)
    wb.save(str(path))
    return path


def xls_with_password(path: Path) -> Path:
    """An xls whose workbook stream starts with an RC4 FILEPASS record (as Excel writes
    for a password to open): records of the same length are replaced so offsets hold."""
    import xlwt
    from xlwt.CompoundDoc import XlsDoc

    wb = xlwt.Workbook(encoding="utf-8")
    wb.add_sheet("S").write(0, 0, "x")
    data = wb.get_biff_data()
    assert data[20:22] == b"\xe1\x00"  # InterfaceHdr, Mms, InterfaceEnd: 16 bytes after the BOF
    filepass = struct.pack("<HHHHH", 0x002F, 6, 1, 1, 1) + struct.pack("<HHH", 0x00C1, 2, 0)
    XlsDoc().save(str(path), data[:20] + filepass + data[36:])
    return path


def encrypted_xlsx(path: Path, tmp: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = xlsx(tmp / "plain-for-encryption.xlsx", [HEADERS, *ROWS])
    with open(plain, "rb") as f, open(path, "wb") as out:
        OOXMLFile(f).encrypt("secret", out)
    return path


def csv_file(path: Path, rows, encoding="utf-8", delimiter=",", bom=False) -> Path:
    lines = []
    for values in rows:
        cells = []
        for v in values:
            text = "" if v is None else (v.isoformat() if isinstance(v, dt.date) else str(v))
            if delimiter in text or '"' in text or "\n" in text:
                text = '"' + text.replace('"', '""') + '"'
            cells.append(text)
        lines.append(delimiter.join(cells))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


def png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(64))
    return path


def truncated(src: Path, dst: Path) -> Path:
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst
