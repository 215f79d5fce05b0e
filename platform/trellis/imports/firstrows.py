"""The first file row of every value an import has seen, in little memory: past the first
50,000 values (kept in a dict), a value is kept as a 16-byte digest beside its row number (20 bytes, in one of 65,536 byte arrays chosen by
the digest), where a dict of the values themselves took ~120 MB for a million mobile
numbers. Two different values share a digest with a chance of about n² / 2¹²⁹ (10⁻²⁷ for
a million rows): none in practice.

Values are compared as a dict compares them: 1, 1.0, True and Decimal("1.0") are one
value; "1" is another; a tuple is its parts in order."""
from __future__ import annotations

import math
from decimal import Decimal
from hashlib import blake2b

DIGEST = 16
RECORD = DIGEST + 4  # the digest, then the row number (unsigned, little-endian)
BUCKETS = 65536


def canonical(value) -> str:
    """Equal values (as Python compares them) give the same text."""
    if isinstance(value, tuple):
        return "t(" + "\x1f".join(canonical(v) for v in value) + ")"
    if isinstance(value, str):
        return "s" + value
    if isinstance(value, (bool, int)):
        return "n" + str(int(value))
    if isinstance(value, (float, Decimal)):
        if isinstance(value, float) and not math.isfinite(value):
            return "f" + repr(value)
        if value == value.to_integral_value() if isinstance(value, Decimal) else value.is_integer():
            return "n" + str(int(value))
        return "f" + repr(float(value))
    return type(value).__name__ + ":" + repr(value)


class FirstRows:
    """`setdefault(value, row)`: the row first given for `value` (this one when it is new).
    The first `COMPACT_AFTER` values sit in a dict (fastest); past them, all go to digests."""

    COMPACT_AFTER = 50_000

    def __init__(self):
        self._plain: dict | None = {}
        self._buckets: list[bytearray | None] = []
        self.count = 0

    def setdefault(self, value, row: int) -> int:
        plain = self._plain
        if plain is not None:
            first = plain.setdefault(value, row)
            if first == row and len(plain) > self.count:
                self.count += 1
                if self.count > self.COMPACT_AFTER:
                    self._compact()
            return first
        return self._digested(value, row)

    def _compact(self) -> None:
        plain, self._plain = self._plain, None
        self._buckets = [None] * BUCKETS
        self.count = 0
        for value, row in plain.items():
            self._digested(value, row)

    def _digested(self, value, row: int) -> int:
        digest = blake2b(canonical(value).encode("utf-8", "surrogatepass"), digest_size=DIGEST).digest()
        at = digest[0] | (digest[1] << 8)
        bucket = self._buckets[at]
        if bucket is None:
            bucket = self._buckets[at] = bytearray()
        else:
            pos = bucket.find(digest)
            while pos != -1 and pos % RECORD:  # a match across two records: look further
                pos = bucket.find(digest, pos + 1)
            if pos != -1:
                return int.from_bytes(bucket[pos + DIGEST:pos + RECORD], "little")
        bucket += digest
        bucket += row.to_bytes(4, "little")
        self.count += 1
        return row
