"""A streaming reader of one .xlsx worksheet: the sheet's XML is inflated from the zip a
block at a time and parsed with expat, so memory stays flat whatever the row count (the
shared strings are the only table kept, compactly; see xlsx_parts).

It yields the rows that hold at least one value as (0-based row index, values by
0-based column), with the values python-calamine gives for the same cells, normalized
as the Sheet interface promises: shared and inline strings, formula results (the cached
value), booleans, errors as their text ("#N/A"), numbers as int when whole else float,
dates by the cell's number format as date / datetime / time / timedelta (1900 or 1904
date system); empty and white-space-only strings become None.
"""
from __future__ import annotations

import datetime as dt
import zlib
import zipfile
from xml.parsers import expat

from .xlsx_parts import DATE, DURATION, SharedStrings

BLOCK = 256 * 1024
_EPOCH = dt.datetime(1899, 12, 30)
_DAYS_1904 = 1462


def excel_date(serial: float, date1904: bool):
    """An Excel serial as python-calamine returns it: a time below one day, a date when the
    time part is zero, else a datetime (millisecond precision)."""
    original = serial
    if date1904:
        serial += _DAYS_1904
    elif serial < 60:  # Excel's 1900-02-29 that never was: serials before it are one day off
        serial += 1
    if original < 1:  # a time of day (python-calamine: below one day, negatives included)
        return (_EPOCH + dt.timedelta(milliseconds=round(original * 86_400_000))).time()
    when = _EPOCH + dt.timedelta(milliseconds=round(serial * 86_400_000))
    if when.hour == when.minute == when.second == when.microsecond == 0:
        return when.date()
    return when


def excel_duration(serial: float) -> dt.timedelta:
    return dt.timedelta(milliseconds=round(serial * 86_400_000))


def _iso(text: str):
    """A cell of type "d" (ISO 8601 date/time text)."""
    try:
        when = dt.datetime.fromisoformat(text.rstrip("Z"))
    except ValueError:
        try:
            return dt.time.fromisoformat(text)
        except ValueError:
            return text
    return when.date() if when.time() == dt.time(0) and "T" not in text else when


def _col(ref: str, cache: dict) -> int:
    """0-based column of a cell reference ("AB12" -> 27), memoized per parse in `cache`."""
    letters = ref.rstrip("0123456789$").replace("$", "")
    n = cache.get(letters)
    if n is None:
        n = 0
        for ch in letters.upper():
            n = n * 26 + ord(ch) - 64
        n -= 1
        cache[letters] = n
    return n


class XmlProblem(ValueError):
    """The sheet XML could not be parsed (row: the last row reached, 1-based)."""

    def __init__(self, message: str, row: int):
        super().__init__(message)
        self.row = row


_C, _V, _T, _ROW, _IS, _RPH, _OTHER = range(7)
_CODES = {"c": _C, "v": _V, "t": _T, "row": _ROW, "is": _IS, "rPh": _RPH}


def iter_rows(zf: zipfile.ZipFile, path: str, sst: SharedStrings, formats: list, date1904: bool):
    """Yield (row index, values) for each non-blank row of the sheet at `path`."""
    out: list = []
    row: list = []
    parts: list[str] = []
    kinds = {str(i): k for i, k in enumerate(formats) if k is not None}  # style "s" -> DATE / DURATION
    codes: dict[str, int] = {}
    letters: dict[str, int] = {}
    rowi, col, ctype, style = -1, -1, None, None
    grab = in_is = anyv = False
    phon = 0

    def code_of(name: str) -> int:
        c = codes[name] = _CODES.get(name.rpartition(":")[2], _OTHER)
        return c

    def start(name, attrs):
        nonlocal rowi, col, ctype, style, grab, in_is, anyv, phon
        c = codes.get(name)
        if c is None:
            c = code_of(name)
        if c == _C:
            ref = attrs.get("r")
            col = _col(ref, letters) if ref else col + 1
            ctype = attrs.get("t")
            style = attrs.get("s")
            parts.clear()
        elif c == _V:
            grab = True
        elif c == _T:
            grab = in_is and not phon
        elif c == _ROW:
            r = attrs.get("r")
            rowi = int(r) - 1 if r else rowi + 1
            col = -1
            anyv = False
            row.clear()
        elif c == _IS:
            in_is = True
        elif c == _RPH:
            phon += 1

    def end(name):
        nonlocal grab, in_is, anyv, phon
        c = codes.get(name)
        if c is None:
            c = code_of(name)
        if c == _C:
            if not parts:
                return
            raw = parts[0] if len(parts) == 1 else "".join(parts)
            if ctype is None or ctype == "n":
                try:
                    value = float(raw)
                except ValueError:
                    value = _text(raw)
                else:
                    kind = kinds.get(style) if style is not None else None
                    if kind is None:
                        if value.is_integer():
                            value = int(value)
                    elif kind is DATE:
                        value = excel_date(value, date1904)
                    else:
                        value = excel_duration(value)
            elif ctype == "s":
                value = sst[int(raw)]
                if not value or value.isspace():
                    value = None
            else:
                value = _typed(ctype, raw)
            if value is None:
                return
            gap = col - len(row)
            if gap == 0:
                row.append(value)
            elif gap > 0:
                row.extend([None] * gap)
                row.append(value)
            elif col >= 0:
                row[col] = value
            anyv = True
        elif c == _V or c == _T:
            grab = False
        elif c == _ROW:
            if anyv:
                out.append((rowi, row[:]))
        elif c == _IS:
            in_is = False
        elif c == _RPH:
            phon -= 1

    def chars(data):
        if grab:
            parts.append(data)

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 64 * 1024
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        with zf.open(path) as f:
            while True:
                block = f.read(BLOCK)
                parser.Parse(block, not block)
                if out:
                    yield from out
                    out.clear()
                if not block:
                    return
    except expat.ExpatError as e:
        raise XmlProblem(f"XML: {expat.ErrorString(e.code)} (line {e.lineno})", rowi + 1) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as e:
        raise XmlProblem(f"zip: {e}", rowi + 1) from None
    except (IndexError, ValueError) as e:
        raise XmlProblem(f"cell: {e}", rowi + 1) from None


def _typed(t: str, raw: str):
    """A cell of a type other than number and shared string."""
    if t == "str" or t == "inlineStr":
        return _text(raw)
    if t == "b":
        return raw.strip() in ("1", "true")
    if t == "e":
        return None
    if t == "d":
        return _iso(raw.strip())
    return _text(raw)


def _text(s: str):
    return None if not s or s.isspace() else s
