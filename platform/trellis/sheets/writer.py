"""Writing sheets: SheetWriter streams rows to an .xlsx (xlsxwriter in constant-memory
mode: each row is flushed to disk as it is written) or to a CSV (UTF-8 with a BOM, so
Excel opens Chinese text correctly), and write_error_book writes the workbook an import
hands back: the original values of each failed row, its row number first and the
reason last.

Values: str, int, float, Decimal, bool, date, datetime and time are written as such
(dates with a date format in xlsx, ISO text in CSV); None is an empty cell; anything
else is written as its text. Text that Excel would read as a formula (=, +, -, @ first)
is written as text, never as a formula.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Iterable

XLSX_MAX_ROWS = 1_048_576
MAX_CELL_TEXT = 32_767
ERROR_HEADER = "错误 / Error"
ROW_HEADER = "行号 / Row"


class SheetWriter:
    """`with SheetWriter(path_or_stream, "xlsx"|"csv") as w: w.header([...]); w.rows(...)`.
    An xlsx needs a path or a seekable binary stream; a CSV also takes a text stream."""

    def __init__(self, path_or_stream, fmt: str, sheet_name: str = "Sheet1"):
        if fmt not in ("xlsx", "csv"):
            raise ValueError(f"unknown sheet format {fmt!r}")
        self.fmt = fmt
        self.count = 0          # data rows written
        self._row = 0           # next xlsx row
        self._widths: dict[int, float] = {}
        self._numfmt: dict[int, object] = {}
        self._close_stream = False
        if fmt == "xlsx":
            import xlsxwriter  # here, not at import: a serving process that never writes a sheet skips it

            self.book = xlsxwriter.Workbook(path_or_stream, {
                "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False, "default_date_format": "yyyy-mm-dd", "tmpdir": None})
            self.sheet = self.book.add_worksheet(_sheet_title(sheet_name))
            self._bold = self.book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
            self._date = self.book.add_format({"num_format": "yyyy-mm-dd"})
            self._datetime = self.book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
            self._time = self.book.add_format({"num_format": "hh:mm:ss"})
        else:
            if isinstance(path_or_stream, (str, bytes)) or hasattr(path_or_stream, "__fspath__"):
                stream = open(path_or_stream, "w", encoding="utf-8-sig", newline="")
                self._close_stream = True
            elif isinstance(path_or_stream, io.TextIOBase):
                stream = path_or_stream
                stream.write("\ufeff")
            else:
                stream = io.TextIOWrapper(path_or_stream, encoding="utf-8-sig", newline="", write_through=True)
                self._close_stream = False
                self._wrapper = stream
            self.stream = stream
            self.csv = csv.writer(stream, lineterminator="\r\n")

    # -- header ---------------------------------------------------------------------
    def header(self, cells: list[str], *, bold=True) -> None:
        if self.fmt == "csv":
            self.csv.writerow([_csv_text(c) for c in cells])
            return
        fmt = self._bold if bold else None
        for c, text in enumerate(cells):
            self.sheet.write_string(self._row, c, _clip(str(text if text is not None else "")), fmt)
            self._widths[c] = max(self._widths.get(c, 0), _width(str(text or "")) + 2)
        self.sheet.freeze_panes(self._row + 1, 0)
        self._row += 1

    def number_formats(self, formats: list[str | None]) -> None:
        """xlsx number formats of the columns ("#,##0.00", "0.00%"; None: General)."""
        if self.fmt == "xlsx":
            self._numfmt = {c: self.book.add_format({"num_format": f}) for c, f in enumerate(formats) if f}

    # -- rows -----------------------------------------------------------------------
    def rows(self, rows: Iterable[list]) -> None:
        if self.fmt == "csv":
            writerow, starts, cell = self.csv.writerow, _FORMULA_CHARS, _csv_cell
            for row in rows:  # plain text, ints and blanks go as they are; the rest through _csv_cell
                writerow([v if v is None or (type(v) is str and (not v or v[0] not in starts)) or type(v) is int
                          else cell(v) for v in row])
                self.count += 1
            return
        write = self._write_cell
        for row in rows:
            if self._row >= XLSX_MAX_ROWS:
                raise OverflowError(f"more than {XLSX_MAX_ROWS:,} rows do not fit in one xlsx sheet")
            r = self._row
            for c, v in enumerate(row):
                if v is not None:
                    write(r, c, v)
            self._row += 1
            self.count += 1

    def _write_cell(self, r: int, c: int, v) -> None:
        t = type(v)
        sheet = self.sheet
        if t is str:
            if v:
                sheet.write_string(r, c, _clip(v))
                if r < 200:
                    self._widths[c] = max(self._widths.get(c, 0), min(_width(v) + 1, 60))
        elif t is bool:
            sheet.write_boolean(r, c, v)
        elif t is int or t is float:
            if t is float and (v != v or v in (float("inf"), float("-inf"))):
                sheet.write_string(r, c, str(v))
            elif t is int and abs(v) >= 10 ** 15:
                sheet.write_string(r, c, str(v))  # Excel keeps 15 digits: long ids stay text
            else:
                sheet.write_number(r, c, v, self._numfmt.get(c))
        elif t is Decimal:
            sheet.write_number(r, c, float(v), self._numfmt.get(c))
        elif t is dt.datetime:
            sheet.write_datetime(r, c, v.replace(tzinfo=None), self._datetime)
            self._widths[c] = max(self._widths.get(c, 0), 20)
        elif t is dt.date:
            sheet.write_datetime(r, c, v, self._date)
            self._widths[c] = max(self._widths.get(c, 0), 12)
        elif t is dt.time:
            sheet.write_datetime(r, c, v, self._time)
        else:
            sheet.write_string(r, c, _clip(str(v)))

    @property
    def row_index(self) -> int:
        """The next xlsx row (0-based), for callers that add notes or formats."""
        return self._row

    def close(self) -> None:
        if self.fmt == "xlsx":
            for c, w in self._widths.items():
                self.sheet.set_column(c, c, max(8, min(w, 60)))
            self.book.close()
        else:
            self.stream.flush()
            if self._close_stream:
                self.stream.close()
            elif getattr(self, "_wrapper", None) is not None:
                self._wrapper.detach()

    def __enter__(self) -> "SheetWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_error_book(path, headers: list[str], rows: Iterable[tuple[int, list, str]]) -> None:
    """The error workbook of an import: "行号 / Row", the original headers, "错误 / Error";
    one line per failed row (Excel row number, original values, reason naming the field)."""
    with SheetWriter(path, "xlsx", "错误 Errors") as w:
        w.header([ROW_HEADER, *headers, ERROR_HEADER])
        red = w.book.add_format({"font_color": "#C00000", "text_wrap": True})
        width = len(headers)
        for number, values, reason in rows:
            vals = list(values)[:width]
            vals += [None] * (width - len(vals))
            r = w.row_index
            w.rows([[number, *vals]])
            w.sheet.write_string(r, width + 1, _clip(reason or ""), red)
        w.sheet.set_column(width + 1, width + 1, 60)
        w.sheet.autofilter(0, 0, max(w.row_index - 1, 0), width + 1)


# -- helpers ----------------------------------------------------------------------------

def _sheet_title(name: str) -> str:
    bad = '[]:*?/\\'
    clean = "".join("_" if ch in bad else ch for ch in (name or "Sheet1")).strip("'") or "Sheet1"
    return clean[:31]


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL_TEXT else text[: MAX_CELL_TEXT - 1] + "…"


def _width(text: str) -> float:
    """Display width in Excel's character units: CJK characters count double."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text[:80])


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset(_FORMULA_START)


def _csv_text(v: str) -> str:
    """Text that Excel would run as a formula gets a leading apostrophe (CSV injection)."""
    if v and v[0] in _FORMULA_START and not _is_number(v):
        return "'" + v
    return v


def _is_number(v: str) -> bool:
    try:
        float(v)
        return True
    except ValueError:
        return False


def _csv_cell(v):
    t = type(v)
    if v is None:
        return ""
    if t is str:
        return _csv_text(v)
    if t is float:
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    if t is bool:
        return "TRUE" if v else "FALSE"
    if t is dt.datetime:
        return v.isoformat(sep=" ", timespec="seconds")
    if t is dt.date or t is dt.time:
        return v.isoformat()
    if t is Decimal:
        return format(v, "f")
    return v if t is int else _csv_text(str(v))
