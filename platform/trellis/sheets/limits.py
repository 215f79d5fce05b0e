"""What an uploaded workbook may inflate to, checked from the zip directory before any part
is read: at most MAX_INFLATED_BYTES in all (the sum of the members' uncompressed sizes),
and, past RATIO_FROM_BYTES, at most MAX_RATIO times the compressed size. A genuine
.xlsx compresses 4-17 times (200,000 rows of one repeated value: 17); a zip bomb
(2.7 MB inflating to 1 GB: 370 times) is refused before a byte of it is inflated.
A sheet may hold at most MAX_SHEET_ROWS rows (declared size, or a CSV's line count)."""
from __future__ import annotations

import zipfile

from . import errors

MAX_INFLATED_BYTES = 1024**3
MAX_RATIO = 100
RATIO_FROM_BYTES = 16 * 1024**2
MAX_SHEET_ROWS = 2_000_000


def check_zip(zf: zipfile.ZipFile, filename: str) -> None:
    """Raise SheetError (too_large) when the members would inflate past the limits."""
    members = zf.infolist()
    inflated = sum(i.file_size for i in members)
    packed = sum(i.compress_size for i in members)
    if inflated > MAX_INFLATED_BYTES:
        raise errors.too_large(filename, inflated, MAX_INFLATED_BYTES)
    if inflated > RATIO_FROM_BYTES and inflated > MAX_RATIO * max(packed, 1):
        raise errors.too_large(filename, inflated, MAX_RATIO * max(packed, 1), ratio=inflated / max(packed, 1))


def check_rows(sheet: str, rows: int) -> None:
    if rows > MAX_SHEET_ROWS:
        raise errors.over_row_limit(sheet, rows, MAX_SHEET_ROWS)
