"""CSV (and tab- or semicolon-separated text) as a one-sheet source.

The encoding is found from the bytes: a byte-order mark (UTF-8, or UTF-16 as Excel's
"Unicode text" has), else the whole file is checked as strict UTF-8, else as GB18030
(the superset of GBK that Excel in China saves CSV in). The same pass counts the lines.
The separator is the one of , \\t ; | that splits the first lines most consistently.
Values stay strings, as typed (leading zeros of a phone number survive); blank ones
become None.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from . import errors
from .sources import SheetInfo

CHUNK = 1 << 20
_DELIMITERS = (",", "\t", ";", "|")


def detect_encoding(path: Path, filename: str) -> tuple[str, int]:
    """(encoding, number of lines)."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        lines = _count_lines(path, enc)
        if lines is not None:
            return enc, lines
    raise errors.encoding(filename)


def _count_lines(path: Path, enc: str) -> int | None:
    decoder = codecs.getincrementaldecoder(enc)("strict")
    lines, last = 0, ""
    try:
        with open(path, "rb") as fh:
            while True:
                block = fh.read(CHUNK)
                text = decoder.decode(block, final=not block)
                if text:
                    lines += text.count("\n")
                    last = text[-1]
                if not block:
                    break
    except UnicodeDecodeError:
        return None
    return lines + (1 if last and last != "\n" else 0)


def sniff_delimiter(sample: str) -> str:
    """The separator that gives the most columns consistently over the first lines."""
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    best, best_score = ",", (0, 0)
    for d in _DELIMITERS:
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=d)]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) if common > 1 else 0, common)
        if score > best_score:
            best, best_score = d, score
    return best


class CsvSource:
    kind = "csv"

    def __init__(self, path: Path, filename: str):
        self.path = path
        self.filename = filename
        self.encoding, self.lines = detect_encoding(path, filename)
        with open(path, encoding=self.encoding, newline="") as f:
            sample = f.read(64 * 1024)
        self.delimiter = sniff_delimiter(sample)
        self.name = Path(filename).stem or "CSV"
        cols = 0
        for n, (_, vals) in enumerate(self.rows(self.name)):
            cols = max(cols, len(vals))
            if n >= 100:
                break
        self._cols = cols

    def names(self, hidden: bool = False) -> list[str]:
        return [self.name]

    def extent(self, name: str) -> tuple[int, int]:
        return (self.lines, self._cols) if self._cols else (0, 0)

    def last_row(self, name: str) -> int:
        return self.lines

    def info(self) -> SheetInfo:
        rows, cols = self.extent(self.name)
        return SheetInfo(self.name, rows, cols)

    def rows(self, name: str):
        i = -1
        try:
            with open(self.path, encoding=self.encoding, newline="") as f:
                for i, record in enumerate(csv.reader(f, delimiter=self.delimiter)):
                    vals = [None if not v or v.isspace() else v for v in record]
                    for v in vals:
                        if v is not None:
                            yield i, vals
                            break
        except csv.Error as e:
            raise errors.bad_row(self.filename, i + 2, f"CSV 格式错误({e})", f"malformed CSV ({e})") from None
        except (UnicodeDecodeError, io.UnsupportedOperation) as e:
            raise errors.bad_row(self.filename, i + 2, f"文字编码错误({e})", f"text encoding error ({e})") from None

    def close(self) -> None:
        pass
