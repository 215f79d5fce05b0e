"""Reading spreadsheets for import: `open_book(path, filename)` -> Book -> Sheet.

The kind is found from the content (detect.py), not the name. A Book lists its visible
worksheets (SheetInfo: name, rows, cols; a CSV is one sheet named after the file) and
opens one as a Sheet: its header row found (headers.py) or given, its header texts, and
its data rows in chunks of (Excel row number, values aligned to the headers), fully
blank rows skipped, formulas as their cached values, numbers as int when whole, dates as
date / datetime. Each chunks() call streams the sheet again from the top: nothing holds
the data whole (large .xlsx files are parsed as a stream, see sources.py).

`Sheet.total` counts the rows below the header up to the last used row, blank rows
included: exact for progress in the common case, an upper bound otherwise.

Bad input raises SheetError (errors.py) with a bilingual message and a code.
"""
from __future__ import annotations

from itertools import islice
from pathlib import Path

from . import errors
from .csv_source import CsvSource
from .detect import sniff
from .errors import EXCEL_MAX_ROWS, XLS_MAX_ROWS, SheetError
from .headers import SAMPLE_ROWS, HEAD_ROWS, column_window, find_header, header_text
from .limits import check_rows
from .sources import CalamineSource, SheetInfo, open_xlsx

__all__ = ["Book", "Sheet", "SheetError", "SheetInfo", "open_book"]


def open_book(path, filename: str | None = None) -> "Book":
    """Open an uploaded file; `filename` (the user's name for it) is used in messages and
    to name a CSV's sheet. Raises SheetError."""
    path = Path(path)
    filename = filename or path.name
    kind = sniff(path, filename)
    if kind == "csv":
        source = CsvSource(path, filename)
    elif kind == "xls":
        source = CalamineSource(path, filename, "xls")
    else:
        source = open_xlsx(path, filename)
    return Book(source, filename)


def col_letter(index: int) -> str:
    """0 -> "A", 27 -> "AB"."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


class Book:
    def __init__(self, source, filename: str):
        self.source = source
        self.filename = filename
        self.kind: str = source.kind
        self._sheets: list[SheetInfo] | None = None

    @property
    def sheets(self) -> list[SheetInfo]:
        """The visible worksheets, in workbook order."""
        if self._sheets is None:
            self._sheets = [SheetInfo(n, *self.source.extent(n)) for n in self.source.names()]
        return self._sheets

    @property
    def row_limit(self) -> int | None:
        """Excel's row limit for the kind (None for CSV, which has none)."""
        return {"xls": XLS_MAX_ROWS, "xlsx": EXCEL_MAX_ROWS}.get(self.kind)

    def _resolve(self, name: str) -> str:
        every = self.source.names(hidden=True)
        if name in every:
            return name
        wanted = name.strip().casefold()
        for n in every:
            if n.strip().casefold() == wanted:
                return n
        raise errors.sheet_not_found(name, self.source.names())

    def sheet(self, name: str | None = None, header_row: int | None = None) -> "Sheet":
        """A sheet by name (hidden ones too), or the first visible sheet holding data."""
        if name is None:
            chosen = next((s.name for s in self.sheets if s.rows > 0), None)
            if chosen is None:
                raise errors.no_sheet_with_data(self.filename)
        else:
            chosen = self._resolve(name)
        return Sheet(self, chosen, header_row)

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> "Book":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Sheet:
    def __init__(self, book: Book, name: str, header_row: int | None = None):
        self.book = book
        self.name = name
        self._source = book.source
        rows, _cols = self._source.extent(name)
        check_rows(name, rows)
        limit = book.row_limit
        if limit is not None:
            if rows > limit:  # a declared size no genuine workbook has
                raise errors.over_row_limit(name, rows, limit)
            if rows >= limit and self._source.last_row(name) >= limit:
                raise errors.too_many_rows(name, limit, limit)
        elif rows == EXCEL_MAX_ROWS:  # a CSV of exactly that many lines was cut short by Excel
            raise errors.too_many_rows(name, rows, EXCEL_MAX_ROWS)
        head = list(islice(self._source.rows(name), HEAD_ROWS + SAMPLE_ROWS))
        if not head:
            raise errors.empty_sheet(name)
        if header_row is None:
            found = find_header(head)
            if found is None:
                raise errors.no_header(name, HEAD_ROWS)
            header_row = found
        else:
            header_row = int(header_row)
            if header_row < 0 or (rows and header_row >= rows):
                raise errors.header_row_out_of_range(name, header_row + 1)
        values = next((vals for i, vals in head if i == header_row), None)
        if values is None and head[-1][0] < header_row:
            values = self._row_at(header_row)
        if values is None:
            raise errors.blank_header_row(name, header_row + 1)
        sample = [vals for i, vals in head if i > header_row][:SAMPLE_ROWS]
        self._first, self._end = column_window(values, sample)
        self.header_row: int = header_row
        self.headers: list[str] = [header_text(v) for v in self._slice(values)]
        self.total: int = max(0, rows - header_row - 1)
        self._head = head

    def _row_at(self, index: int):
        for i, vals in self._source.rows(self.name):
            if i >= index:
                return vals if i == index else None
        return None

    @property
    def first_column(self) -> int:
        """The 0-based sheet column of headers[0] (leading empty columns are dropped)."""
        return self._first

    @property
    def column_letters(self) -> list[str]:
        """The Excel column letter of each header ("A", "B", ...)."""
        return [col_letter(self._first + i) for i in range(len(self.headers))]

    def _slice(self, values: list) -> list:
        part = values[self._first:self._end]
        missing = self._end - self._first - len(part)
        return part + [None] * missing if missing > 0 else part

    def _data(self):
        """(Excel row number, values) of every non-blank row below the header."""
        limit = self.book.row_limit or float("inf")
        header, first, end = self.header_row, self._first, self._end
        width = end - first
        for i, vals in self._source.rows(self.name):
            if i <= header:
                continue
            if i + 1 >= limit:
                raise errors.too_many_rows(self.name, i + 1, int(limit))
            part = vals[first:end]
            if len(part) < width:
                part.extend([None] * (width - len(part)))
            for v in part:
                if v is not None:
                    yield i + 1, part
                    break

    def preview(self, n: int = 5) -> list[list]:
        """The first n data rows (values only)."""
        return [vals for _, vals in islice(self._data(), n)]

    def chunks(self, size: int = 5000):
        """Lists of up to `size` (Excel row number, values) pairs, streamed from the top."""
        chunk: list = []
        for item in self._data():
            chunk.append(item)
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def __repr__(self) -> str:
        return f"<Sheet {self.name!r} header_row={self.header_row} cols={len(self.headers)} total={self.total}>"
