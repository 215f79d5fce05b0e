"""Whole numbers in URL paths: `<int:...>` for 64-bit ids (records, audit entries) and
`<int32:...>` for the ids of tables keyed by a 32-bit INTEGER (users, departments, tokens,
import batches and mappings, definition versions). A number past what the column holds
names nothing: 404 with a message quoting it, before any handler or the database driver
(PostgreSQL would fail on it) sees it."""
from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from ..kernel.errors import bilingual
from ..forms.types.base import INT32_MAX, INT64_MAX


class IdOutOfRange(NotFound):
    """A path number past its column; `message` is shown by the API's HTTP error handler."""

    def __init__(self, value, limit: int):
        super().__init__()
        value = str(value) if len(str(value)) <= 24 else f"{str(value)[:20]}…"
        self.message = bilingual(f"地址中的编号 {value} 超出范围(最大 {limit}),不存在",
                                 f"the number {value} in the address is out of range (at most {limit}): not found")


class Int64Converter(IntegerConverter):
    """`<int:...>` limited to what a BIGINT holds (larger: IdOutOfRange, a 404);
    `<int32:...>` (Int32Converter) to what an INTEGER holds."""

    limit = INT64_MAX

    def to_python(self, value: str) -> int:
        if len(value.lstrip("0")) > 19:  # past any 64-bit number (and past what int() reads at 4,300 digits)
            raise IdOutOfRange(value, self.limit)
        number = super().to_python(value)
        if number > self.limit:
            raise IdOutOfRange(number, self.limit)
        return number


class Int32Converter(Int64Converter):
    limit = INT32_MAX
