"""Whole numbers in URL paths (`<int:...>`): ids are 64-bit in every table, so a number past
2**63 - 1 names nothing. The app's `int` converter answers it with 404 and a message
quoting the number, before any handler (or the database driver) sees it."""
from __future__ import annotations

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from ..errors import bilingual
from ..forms.types.base import INT64_MAX



class IdOutOfRange(NotFound):
    """A path number past 64 bits; `message` is shown by the API's HTTP error handler."""

    def __init__(self, value: int):
        super().__init__()
        self.message = bilingual(f"地址中的编号 {value} 超出范围(最大 {INT64_MAX}),不存在",
                                 f"the number {value} in the address is out of range (at most {INT64_MAX}): not found")


class Int64Converter(IntegerConverter):
    """`<int:...>` limited to 64 bits (larger: IdOutOfRange, a 404)."""

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > INT64_MAX:
            raise IdOutOfRange(number)
        return number
