"""The small parts of an .xlsx package the streaming reader needs before the cells: the
workbook (sheet names, visibility, 1904 date system), its relationships (which XML file
holds which sheet, the shared strings, the styles), the styles' number formats (which
cells are dates), each sheet's declared dimension, and the shared-strings table, kept
compactly (one UTF-8 buffer and an offset array) so that millions of distinct strings
stay within tens of megabytes.

Namespaces are ignored (only local names are compared), so transitional and strict
OOXML files and prefixed elements (`<x:sheet>`) read alike.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import xml.etree.ElementTree as ET
from array import array
from dataclasses import dataclass, field

DATE, DURATION = "date", "duration"


def local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


@dataclass
class SheetPart:
    name: str
    path: str                 # the sheet's XML file inside the zip
    visible: bool
    kind: str = "worksheet"   # or "chartsheet", "dialogsheet", "macrosheet"


@dataclass
class WorkbookParts:
    sheets: list[SheetPart]
    date1904: bool = False
    shared_strings: str | None = None
    styles: str | None = None
    cell_formats: list = field(default_factory=list)  # per style index: None | DATE | DURATION


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type suffix, target path in the zip) of a part."""
    base = posixpath.dirname(part)
    rels_path = posixpath.join(base, "_rels", posixpath.basename(part) + ".rels")
    out = {}
    try:
        root = ET.fromstring(zf.read(rels_path))
    except KeyError:
        return out
    for rel in root:
        if local(rel.tag) != "Relationship" or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
        out[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], path)
    return out


def _main_part(zf: zipfile.ZipFile) -> str:
    for kind, path in _rels(zf, "").values():
        if kind == "officeDocument":
            return path
    return "xl/workbook.xml"


def workbook_parts(zf: zipfile.ZipFile) -> WorkbookParts:
    """Read the workbook, its relationships and its styles. Raises KeyError / ParseError
    on a broken package (the caller words the error)."""
    main = _main_part(zf)
    root = ET.fromstring(zf.read(main))
    rels = _rels(zf, main)
    parts = WorkbookParts(sheets=[])
    for el in root.iter():
        name = local(el.tag)
        if name == "workbookPr":
            parts.date1904 = el.get("date1904", "").lower() in ("1", "true")
        elif name == "sheet":
            rid = next((v for k, v in el.attrib.items() if local(k) == "id"), None)
            kind, path = rels.get(rid, ("", ""))
            if path:
                parts.sheets.append(SheetPart(el.get("name", ""), path, el.get("state", "visible") == "visible",
                                              kind or "worksheet"))
    for kind, path in rels.values():
        if kind == "sharedStrings":
            parts.shared_strings = path
        elif kind == "styles":
            parts.styles = path
    if parts.styles and parts.styles in zf.namelist():
        parts.cell_formats = cell_formats(zf.read(parts.styles))
    return parts


# -- number formats -----------------------------------------------------------------

_BUILTIN_DATES = set(range(14, 23)) | {45, 47}
_BUILTIN_DURATION = {46}
_DURATION_TOKEN = re.compile(r"\[(h+|m+|s+)\]", re.IGNORECASE)


def format_kind(code: str) -> str | None:
    """Whether a number format shows a date/time (DATE), an elapsed time (DURATION) or a
    number (None). Only the first section counts; quoted text, escaped characters and
    bracketed parts ([Red], [$-804]) are ignored; [h] [mm] [ss] mean a duration."""
    section, quoted, escaped, depth = [], False, False, 0
    for ch in code:
        if escaped:
            escaped = False
        elif quoted:
            quoted = ch != '"'
        elif ch in "\\_*":
            escaped = True
        elif ch == '"':
            quoted = True
        elif ch == ";":
            break
        elif ch == "[":
            depth += 1
            section.append(ch)
        elif ch == "]":
            depth = max(0, depth - 1)
            section.append(ch)
        elif depth:
            section.append(ch)
        else:
            section.append(ch.lower())
    text = "".join(section)
    if _DURATION_TOKEN.search(text):
        return DURATION
    plain = re.sub(r"\[[^\]]*\]", "", text)
    if "am/pm" in plain or "a/p" in plain:
        return DATE
    return DATE if any(c in plain for c in "dmyhs") else None


def cell_formats(styles_xml: bytes) -> list:
    """Per cell style (`s` attribute) index: DATE, DURATION or None."""
    root = ET.fromstring(styles_xml)
    custom: dict[int, str] = {}
    xfs: list[int] = []
    for el in root:
        name = local(el.tag)
        if name == "numFmts":
            for fmt in el:
                try:
                    custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
                except ValueError:
                    continue
        elif name == "cellXfs":
            for xf in el:
                try:
                    xfs.append(int(xf.get("numFmtId", "0")))
                except ValueError:
                    xfs.append(0)
    out = []
    for fid in xfs:
        if fid in custom:
            out.append(format_kind(custom[fid]))
        elif fid in _BUILTIN_DATES:
            out.append(DATE)
        elif fid in _BUILTIN_DURATION:
            out.append(DURATION)
        else:
            out.append(None)
    return out


# -- dimension ----------------------------------------------------------------------

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref\s*=\s*[\"']([A-Za-z$]*)\$?(\d*):?([A-Za-z$]*)\$?(\d*)[\"']")
_SHEETDATA = re.compile(rb"<(?:\w+:)?sheetData[\s/>]")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        if "A" <= ch <= "Z":
            n = n * 26 + ord(ch) - 64
    return n - 1


def dimension(zf: zipfile.ZipFile, path: str) -> tuple[int, int] | None:
    """(rows, cols) from the sheet's `<dimension ref="A1:L100">` (last row and last column,
    1-based), read from the start of the sheet XML only; None when absent."""
    with zf.open(path) as f:
        head = f.read(64 * 1024)
    m = _DIMENSION.search(head)
    if not m:
        return None
    last_col, last_row = (m[3], m[4]) if m[4] else (m[1], m[2])
    if not last_row:
        return None
    return int(last_row), col_index(last_col.decode()) + 1


# -- shared strings -----------------------------------------------------------------

class SharedStrings:
    """The shared-strings table: index -> text. Small tables are a list; large ones one
    UTF-8 buffer with offsets (a Python str per entry costs ~60 bytes of overhead)."""

    COMPACT_ABOVE = 50_000

    def __init__(self):
        self._list: list[str] | None = []
        self._buf = bytearray()
        self._offsets = array("Q", [0])

    def append(self, text: str) -> None:
        if self._list is not None:
            self._list.append(text)
            if len(self._list) > self.COMPACT_ABOVE:
                for s in self._list:
                    self._append_compact(s)
                self._list = None
            return
        self._append_compact(text)

    def _append_compact(self, text: str) -> None:
        self._buf += text.encode("utf-8")
        self._offsets.append(len(self._buf))

    def __len__(self) -> int:
        return len(self._list) if self._list is not None else len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        if self._list is not None:
            return self._list[i]
        if i < 0:
            raise IndexError(i)
        o = self._offsets
        return self._buf[o[i]:o[i + 1]].decode("utf-8")


def shared_strings(zf: zipfile.ZipFile, path: str | None) -> SharedStrings:
    """Each `<si>`: the text of its `<t>` elements (rich-text runs joined), without the
    phonetic guides (`<rPh>`)."""
    table = SharedStrings()
    if not path or path not in zf.namelist():
        return table
    parts: list[str] = []
    phonetic = 0
    root = None
    with zf.open(path) as f:
        for event, el in ET.iterparse(f, events=("start", "end")):
            name = local(el.tag)
            if event == "start":
                if root is None:
                    root = el
                elif name == "rPh":
                    phonetic += 1
                continue
            if name == "t":
                if not phonetic and el.text:
                    parts.append(el.text)
            elif name == "rPh":
                phonetic -= 1
            elif name == "si":
                table.append("".join(parts))
                parts.clear()
                root.clear()  # drop the finished entries: the tree must not grow
    return table
