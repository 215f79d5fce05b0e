"""The names inside an OLE compound file (the container of .xls, .doc, .ppt and of
password-encrypted .xlsx): enough of the format ([MS-CFB]) to walk the directory, so a
file can be told apart by content: "Workbook" is a workbook, "EncryptedPackage" an
encrypted Office Open XML file, "WordDocument" a Word document."""
from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END = 0xFFFFFFFA  # anything at or above is a special marker (end of chain, free, ...)
_MAX_ENTRIES = 100_000


class NotOle(ValueError):
    """The bytes are not a readable compound file."""


def stream_names(fh) -> set[str]:
    """Names of every storage and stream in the compound file `fh` (a binary file object)."""
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512 or header[:8] != MAGIC:
        raise NotOle("not a compound file")
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise NotOle(f"sector shift {shift}")
    size = 1 << shift
    per = size // 4
    first_dir, = struct.unpack_from("<I", header, 0x30)
    difat_start, difat_count = struct.unpack_from("<II", header, 0x44)
    fat_sectors = [s for s in struct.unpack_from("<109I", header, 0x4C) if s < _END]

    def sector(n: int) -> bytes:
        fh.seek((n + 1) * size)
        data = fh.read(size)
        if len(data) < size:
            raise NotOle(f"sector {n} beyond the end of the file")
        return data

    nxt, seen = difat_start, 0
    while nxt < _END and seen < max(difat_count, 1) + 1:
        values = struct.unpack(f"<{per}I", sector(nxt))
        fat_sectors += [s for s in values[:-1] if s < _END]
        nxt, seen = values[-1], seen + 1

    cache: dict[int, tuple] = {}

    def next_sector(n: int) -> int:
        block = n // per
        if block >= len(fat_sectors):
            raise NotOle(f"sector {n} has no allocation entry")
        if block not in cache:
            cache[block] = struct.unpack(f"<{per}I", sector(fat_sectors[block]))
        return cache[block][n % per]

    names: set[str] = set()
    current, visited = first_dir, set()
    while current < _END:
        if current in visited or len(visited) * size // 128 > _MAX_ENTRIES:
            raise NotOle("directory chain loops")
        visited.add(current)
        data = sector(current)
        for off in range(0, size, 128):
            entry = data[off:off + 128]
            length, kind = struct.unpack_from("<HB", entry, 0x40)
            if kind in (1, 2) and 2 <= length <= 64:
                names.add(entry[:length - 2].decode("utf-16-le", "replace"))
        current = next_sector(current)
    return names
