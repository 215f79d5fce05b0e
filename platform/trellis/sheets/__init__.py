"""Spreadsheet files: reading uploads (xlsx, xls, csv in UTF-8 or GBK) for import, writing
xlsx/csv for export, error workbooks and import templates.

    open_book(path, filename) -> Book; Book.sheet(name, header_row) -> Sheet   (reader.py)
    SheetWriter(path_or_stream, "xlsx"|"csv"); write_error_book(...)            (writer.py)
    write_template(...); template_field_ids(book); template_info(book)         (template.py)
    export.prepare(...) -> Export (the current view, streamed)                  (export.py)
    label_key(text): a header or label reduced for matching                    (headers.py)
"""
from __future__ import annotations

from .errors import SheetError
from .headers import label_key
from .reader import Book, Sheet, SheetInfo, open_book
from .template import template_field_ids, template_info
from .writer import SheetWriter, write_error_book

__all__ = ["Book", "Sheet", "SheetError", "SheetInfo", "SheetWriter", "label_key", "open_book",
           "template_field_ids", "template_info", "write_error_book"]
