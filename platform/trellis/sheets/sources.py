"""Row sources behind a Book: each lists its sheets and yields a sheet's non-blank rows as
(0-based row index, values by 0-based column), values normalized alike ('' and
white-space-only strings -> None, whole floats -> int, dates as date/datetime).

- CalamineSource: .xls, and .xlsx files small enough to load whole (python-calamine,
  in Rust: fast, but it holds the sheet's full range in memory);
- XlsxStreamSource: larger .xlsx files, parsed as a stream (xlsx_stream), flat memory.
The CSV source lives in csv_source.py.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from . import errors
from .limits import check_zip
from .xlsx_parts import SharedStrings, dimension, shared_strings, workbook_parts
from .xlsx_stream import XmlProblem, iter_rows

STREAM_ABOVE = 96 * 1024 * 1024  # xlsx whose sheet XML + shared strings inflate to more: stream them
# (calamine holds ~2 bytes per inflated byte: ~200 MB at this size, ~150k rows x 12 columns)


@dataclass
class SheetInfo:
    name: str
    rows: int   # rows of the used range (the last used row's number, title and blank rows included)
    cols: int   # columns of the used range (the last used column's number)


def normalize(values: list) -> list:
    out = []
    for v in values:
        t = type(v)
        if t is float:
            v = int(v) if v.is_integer() else v
        elif t is str:
            if not v or v.isspace():
                v = None
        out.append(v)
    return out


class CalamineSource:
    """Sheets read by python-calamine (whole sheets in memory)."""

    def __init__(self, path, filename: str, kind: str):
        from python_calamine import CalamineError, CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

        self.kind = kind
        self.filename = filename
        try:
            self.wb = CalamineWorkbook.from_path(str(path))
            meta = self.wb.sheets_metadata
        except PasswordError:
            raise errors.password(filename) from None
        except (CalamineError, OSError, ValueError) as e:
            raise errors.corrupt(filename, _short(e)) from None
        self._names = [m.name for m in meta if m.typ == SheetTypeEnum.WorkSheet]
        self._visible = [m.name for m in meta if m.typ == SheetTypeEnum.WorkSheet
                         and m.visible == SheetVisibleEnum.Visible]
        self._loaded: dict[str, object] = {}

    def _sheet(self, name: str):
        from python_calamine import CalamineError, PasswordError

        if name not in self._loaded:
            try:
                self._loaded[name] = self.wb.get_sheet_by_name(name)
            except PasswordError:
                raise errors.password(self.filename) from None
            except (CalamineError, ValueError) as e:
                raise errors.corrupt(self.filename, _short(e)) from None
        return self._loaded[name]

    def names(self, hidden: bool = False) -> list[str]:
        return list(self._names if hidden else self._visible)

    def extent(self, name: str) -> tuple[int, int]:
        end = self._sheet(name).end
        return (0, 0) if end is None else (end[0] + 1, end[1] + 1)

    def last_row(self, name: str) -> int:
        return self.extent(name)[0]

    def rows(self, name: str):
        """Rows converted one at a time (iter_rows). python-calamine yields rows from the
        sheet's first row but columns from the range's first column: pad them back. The
        first non-blank row is the range's first row, which also tells whether the rows
        are counted from the sheet's top or from the range's."""
        sheet = self._sheet(name)
        if sheet.end is None:
            return
        start_row, start_col = sheet.start
        pad = [None] * start_col
        offset = None
        for i, values in enumerate(sheet.iter_rows()):
            vals = normalize(values)
            if any(v is not None for v in vals):
                if offset is None:
                    offset = start_row - i if i in (0, start_row) else 0
                yield i + offset, (pad + vals) if pad else vals

    def close(self) -> None:
        self._loaded.clear()
        try:
            self.wb.close()
        except Exception:  # already closed
            pass


class XlsxStreamSource:
    """An .xlsx read as a stream of rows, sheet XML inflated block by block."""

    kind = "xlsx"

    def __init__(self, zf: zipfile.ZipFile, filename: str, parts):
        self.zf = zf
        self.filename = filename
        self.parts = parts
        self._sst: SharedStrings | None = None
        self._by_name = {p.name: p for p in parts.sheets if p.kind == "worksheet"}
        self._extent: dict[str, tuple[int, int]] = {}

    def names(self, hidden: bool = False) -> list[str]:
        return [p.name for p in self.parts.sheets if p.kind == "worksheet" and (hidden or p.visible)]

    def _strings(self) -> SharedStrings:
        if self._sst is None:
            try:
                self._sst = shared_strings(self.zf, self.parts.shared_strings)
            except (ParseError, zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
                raise errors.corrupt(self.filename, f"sharedStrings: {_short(e)}") from None
        return self._sst

    def rows(self, name: str):
        part = self._by_name[name]
        try:
            yield from iter_rows(self.zf, part.path, self._strings(), self.parts.cell_formats, self.parts.date1904)
        except XmlProblem as e:
            raise errors.corrupt(self.filename, f"{name} row {e.row}: {e}") from None
        except KeyError:
            raise errors.corrupt(self.filename, f"missing part {part.path}") from None

    def extent(self, name: str) -> tuple[int, int]:
        """(rows, cols) from the declared dimension; without one, the last row found by a
        quick scan of the XML and the columns of the first rows."""
        if name not in self._extent:
            try:
                found = dimension(self.zf, self._by_name[name].path)
            except (KeyError, zipfile.BadZipFile, OSError, EOFError) as e:
                raise errors.corrupt(self.filename, _short(e)) from None
            if found is None or found == (1, 1):
                found = self._scan(name)
            self._extent[name] = found
        return self._extent[name]

    def last_row(self, name: str) -> int:
        """The number of the last row holding a value: a full pass (used only when the
        dimension says the sheet reaches Excel's row limit)."""
        last = 0
        for i, _ in self.rows(name):
            last = i + 1
        return last

    _ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")

    def _scan(self, name: str) -> tuple[int, int]:
        last, tail = 0, b""
        with self.zf.open(self._by_name[name].path) as f:
            while True:
                block = f.read(1 << 20)
                if not block:
                    break
                data = tail + block
                for m in self._ROW.finditer(data):
                    last = int(m[1])
                tail = data[-256:]
        cols = 0
        for n, (_, vals) in enumerate(self.rows(name)):
            cols = max(cols, len(vals))
            if n > 100:
                break
        if last == 0:  # rows without numbers: count them
            last = sum(1 for _ in self.rows(name))
        return last, cols

    def close(self) -> None:
        self._sst = None
        self.zf.close()


def open_xlsx(path, filename: str):
    """A source for an .xlsx: calamine when it is small, the streaming reader otherwise;
    refused before reading when it would inflate past the limits (limits.py)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as e:
        raise errors.corrupt(filename, _short(e)) from None
    try:
        check_zip(zf, filename)
        parts = workbook_parts(zf)
        sizes = {i.filename: i.file_size for i in zf.infolist()}
    except (zipfile.BadZipFile, KeyError, ParseError, OSError, EOFError, ValueError) as e:
        zf.close()
        raise errors.corrupt(filename, _short(e)) from None
    except errors.SheetError:
        zf.close()
        raise
    inflated = sum(sizes.get(p.path, 0) for p in parts.sheets) + sizes.get(parts.shared_strings or "", 0)
    if inflated <= STREAM_ABOVE:
        zf.close()
        return CalamineSource(path, filename, "xlsx")
    return XlsxStreamSource(zf, filename, parts)


def _short(e: Exception) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:200]
