"""What kind of file an upload really is, from its bytes (the name may lie: a PNG renamed
.xlsx, a bank system's tab-separated ".xls"): "xlsx", "xls" or "csv", or a SheetError
naming what it is instead (a Word document, a picture, a web page...), or saying that it
is encrypted or damaged."""
from __future__ import annotations

import zipfile
from pathlib import Path

from . import errors
from .ole import MAGIC as OLE_MAGIC
from .ole import NotOle, stream_names

_BINARY = (  # magic bytes -> (zh, en) of what the file is
    (b"\x89PNG", ("PNG 图片", "a PNG image")),
    (b"\xff\xd8\xff", ("JPEG 图片", "a JPEG image")),
    (b"GIF8", ("GIF 图片", "a GIF image")),
    (b"%PDF", ("PDF 文档", "a PDF document")),
    (b"Rar!", ("RAR 压缩包", "a RAR archive")),
    (b"7z\xbc\xaf", ("7z 压缩包", "a 7z archive")),
    (b"\x1f\x8b", ("gzip 压缩文件", "a gzip file")),
    (b"\x7fELF", ("程序文件", "a program")),
    (b"{\\rtf", ("RTF 文档", "an RTF document")),
)


def _zip_kind(path: Path, filename: str) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as f:
                    mimetype = f.read(100)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError) as e:
        raise errors.corrupt(filename, f"zip: {e}") from None
    if any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names) or "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        raise errors.wrong_type(filename, "Excel 二进制工作簿(.xlsb),请另存为 .xlsx",
                                "an Excel binary workbook (.xlsb): save it as .xlsx")
    if "word/document.xml" in names:
        raise errors.wrong_type(filename, "Word 文档(.docx)", "a Word document (.docx)")
    if "ppt/presentation.xml" in names:
        raise errors.wrong_type(filename, "PowerPoint 演示文稿(.pptx)", "a PowerPoint presentation (.pptx)")
    if b"opendocument.spreadsheet" in mimetype:
        raise errors.wrong_type(filename, "OpenDocument 表格(.ods),请另存为 .xlsx",
                                "an OpenDocument spreadsheet (.ods): save it as .xlsx")
    if b"opendocument" in mimetype:
        raise errors.wrong_type(filename, "OpenDocument 文档", "an OpenDocument file")
    raise errors.wrong_type(filename, "ZIP 压缩包", "a ZIP archive")


def _ole_kind(path: Path, filename: str) -> str:
    try:
        with open(path, "rb") as fh:
            names = stream_names(fh)
    except (NotOle, OSError) as e:
        raise errors.corrupt(filename, f"OLE: {e}") from None
    if "EncryptedPackage" in names or "EncryptionInfo" in names:
        raise errors.password(filename)
    if "Workbook" in names or "Book" in names:
        return "xls"
    if "WordDocument" in names:
        raise errors.wrong_type(filename, "Word 文档(.doc)", "a Word document (.doc)")
    if "PowerPoint Document" in names:
        raise errors.wrong_type(filename, "PowerPoint 演示文稿(.ppt)", "a PowerPoint presentation (.ppt)")
    raise errors.wrong_type(filename, "不含工作簿的 Office 文件", "an Office file that holds no workbook")


def _text_kind(head: bytes, filename: str) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv"  # UTF-16 text with a byte-order mark (Excel's "Unicode text")
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<table", b"<meta", b"<head")) or (
            probe.startswith(b"<?xml") and b"<html" in probe):
        raise errors.wrong_type(filename, "网页(HTML),常见于某些系统导出的“xls”;请用 Excel 打开后另存为 .xlsx",
                                "a web page (HTML), as some systems export “xls” files; open it in Excel and save it "
                                "as .xlsx")
    if probe.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            raise errors.wrong_type(filename, "Excel 2003 XML 表格,请另存为 .xlsx",
                                    "an Excel 2003 XML spreadsheet: save it as .xlsx")
        raise errors.wrong_type(filename, "XML 文件", "an XML file")
    if b"\x00" in head:
        raise errors.wrong_type(filename, "无法识别的二进制文件", "a binary file of an unknown kind")
    return "csv"


def sniff(path: Path, filename: str) -> str:
    """"xlsx", "xls" or "csv" from the content; a SheetError for anything else."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as e:
        raise errors.corrupt(filename, str(e)) from None
    if size == 0 or not head.strip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00"):
        raise errors.empty_file(filename)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path, filename)
    if head.startswith(OLE_MAGIC):
        return _ole_kind(path, filename)
    for magic, (zh, en) in _BINARY:
        if head.startswith(magic):
            raise errors.wrong_type(filename, zh, en)
    return _text_kind(head, filename)
