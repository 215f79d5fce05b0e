"""Finding the header row of a sheet, and header texts.

Sheets kept by hand rarely start with the column names: there are blank rows, a merged
title ("2024 年客户清单"), a line saying who exported it and when. The header is the
first row, within the first HEAD_ROWS, whose non-empty cells are mostly text (numbers,
dates and number-like strings are not) and number at least half of the widest row
near the top. A row with a single value in a sheet wider than one column is a title,
never the header (a merged title keeps its text in its first cell only).

`label_key` is what an auto-mapper compares: a header without the template's required
mark ("客户名称 *"), white space, full-width forms and case.
"""
from __future__ import annotations

import datetime as dt
import re

HEAD_ROWS = 20      # the header is looked for in these first rows of the sheet
SAMPLE_ROWS = 50    # rows below the header looked at for the sheet's width

_NUMBERISH = re.compile(r"[\s+\-−(（]*[¥$€]?[0-9０-９][0-9０-９,，.．:/\-年月日号%％\s)）]*")
_REQUIRED_MARK = re.compile(r"^[\s*＊]+|[\s*＊]+$|[（(]\s*(必填|required)\s*[)）]\s*$", re.IGNORECASE)
_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = 0x20


def is_blank(v) -> bool:
    return v is None or (type(v) is str and (not v or v.isspace()))


def is_text(v) -> bool:
    """A header-like value: a string that does not read as a number or a date."""
    return type(v) is str and not _NUMBERISH.fullmatch(v)


def header_text(v) -> str:
    """A header cell as text: trimmed; numbers without '.0'; dates in ISO form; '' when blank."""
    if v is None:
        return ""
    if type(v) is str:
        return v.strip()
    if type(v) is bool:
        return "TRUE" if v else "FALSE"
    if type(v) is float and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def label_key(text: str) -> str:
    """A header or a label reduced for matching: no required mark ('*', '＊', '(必填)'),
    no white space, half-width, lower case. "  客户名称 * " and "客户名称" match."""
    s = (text or "").translate(_HALFWIDTH)
    prev = None
    while prev != s:
        prev, s = s, _REQUIRED_MARK.sub("", s.strip())
    return re.sub(r"\s+", "", s).lower()


def filled(values: list) -> int:
    return sum(1 for v in values if not is_blank(v))


def find_header(rows: list[tuple[int, list]]) -> int | None:
    """The 0-based index of the header row among `rows` (the first rows of a sheet as
    (row index, values), blank rows absent), or None."""
    head = [(i, vals) for i, vals in rows if i < HEAD_ROWS]
    widest = max((filled(vals) for _, vals in rows[: HEAD_ROWS + SAMPLE_ROWS]), default=0)
    for i, vals in head:
        n = filled(vals)
        if n == 0 or (n == 1 and widest > 1) or n * 2 < widest:
            continue
        texts = sum(1 for v in vals if not is_blank(v) and is_text(v))
        if texts * 2 > n:
            return i
    return None


def column_window(header: list, sample: list[list]) -> tuple[int, int]:
    """[first, last) columns to keep: from the first to the last non-empty cell of the
    header row and the sample rows below it."""
    first, last = None, -1
    for vals in [header, *sample]:
        for c, v in enumerate(vals):
            if not is_blank(v):
                first = c if first is None or c < first else first
                last = max(last, c)
    if first is None:
        return 0, 0
    return first, last + 1
