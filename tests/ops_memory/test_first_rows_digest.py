"""An import's first rows of unique values (imports/firstrows.py): a dict's answers, in a
dict and past it as digests, and little memory a value."""
from __future__ import annotations

from decimal import Decimal

import pytest

from trellis.imports.firstrows import FirstRows


@pytest.mark.parametrize("compact_after", [FirstRows.COMPACT_AFTER, 2])
def test_first_rows_answer_as_a_dict_does(compact_after):
    seen, plain = FirstRows(), {}
    seen.COMPACT_AFTER = compact_after
    values = ["a", "a", "b", 1, 1.0, Decimal("1.00"), True, "1", ("x", 2), ("x", 2.0), ("x", "2"), 1.5,
              Decimal("1.5"), "a", "", "手机 13800138000", 2 ** 40, float(2 ** 40)]
    for row, value in enumerate(values):
        assert seen.setdefault(value, row) == plain.setdefault(value, row), value
    assert seen.count == len(plain)


def test_a_hundred_thousand_values_past_the_dict_take_about_20_bytes_each():
    seen = FirstRows()
    for row in range(200_000):
        seen.setdefault(str(13_000_000_000 + row * 7), row)
    assert seen._plain is None and seen.count == 200_000
    assert seen.setdefault(str(13_000_000_000 + 7 * 123_456), 999_999) == 123_456
    stored = sum(len(b) for b in seen._buckets if b is not None)
    assert stored == 200_000 * 20
