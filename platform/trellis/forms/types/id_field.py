"""The base of fields that hold the id of something else (a record, a user): a BIGINT
column; reads 12, "12", " １２ " or {"id": 12}, up to what the referenced id column
holds (`max_id`); the ids are checked on write."""
from __future__ import annotations

import sqlalchemy as sa

from .base import INT64_MAX, WHITESPACE, CoerceError, FieldType, read_id, shown


class IdField(FieldType):
    what = ("编号", "id")  # (zh, en) of what the id names, for error messages
    error_code = "invalid_id"
    max_id = INT64_MAX  # what the referenced table's id column holds

    def column_type(self):
        return sa.BigInteger()

    def value_schema(self) -> dict:
        return {"type": "integer", "minimum": 1}

    def coerce(self, value):
        if type(value) is int and 0 < value <= self.max_id:
            return value
        if value is None or (type(value) is str and not value.strip(WHITESPACE)):
            return None
        try:
            return read_id(value, self.max_id)
        except ValueError:
            raise CoerceError(self.error_code, f"“{shown(value)}”不是有效的{self.what[0]}",
                              f"“{shown(value)}” is not a valid {self.what[1]}") from None
