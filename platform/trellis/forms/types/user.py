"""User field: the id of a platform user in a BIGINT column; ids are checked on write
(`references = "user"`). Reads 12, "12", " １２ " or {"id": 12}."""
from __future__ import annotations

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, read_id, shown


class UserType(FieldType):
    key = "user"
    widget = "user"
    label = {"zh": "人员", "en": "User"}
    references = "user"
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.BigInteger()

    def value_schema(self) -> dict:
        return {"type": "integer", "minimum": 1}

    def coerce(self, value):
        if type(value) is int and value > 0:
            return value
        if value is None or (type(value) is str and not value.strip(WHITESPACE)):
            return None
        try:
            return read_id(value)
        except ValueError:
            raise CoerceError("invalid_user", f"“{shown(value)}”不是有效的用户编号",
                              f"“{shown(value)}” is not a valid user id") from None
