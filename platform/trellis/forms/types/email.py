"""Email field: a VARCHAR(254) address, full-width characters folded, the domain lower-cased
(and an internationalised domain turned into its xn-- form)."""
from __future__ import annotations

import re

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, halfwidth, shown
from .traits import COUNTS, TEXT_OPS

PATTERN = (r"^[A-Za-z0-9.!#\$%&'*+/=?^_`{|}~-]{1,64}@"
           r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$")
_MATCH = re.compile(PATTERN).match


class EmailType(FieldType):
    key = "email"
    palette_rank = 20
    widget = "email"
    label = {"zh": "邮箱", "en": "Email"}
    sql_kind = "text"
    operators = TEXT_OPS
    inline_editable = True
    export = "as_is"
    sheet_hint = {"zh": "电子邮箱", "en": "an e-mail address"}
    sheet_example = "name@example.com"
    aggregations = COUNTS
    palette_group = "contact"
    searchable = True
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.String(254)

    def column_signature(self) -> str:
        return "String(254)"

    def value_schema(self) -> dict:
        return {"type": "string", "maxLength": 254, "pattern": PATTERN}

    def coerce(self, value):
        if value is None:
            return None
        if type(value) is not str:
            raise self._bad(value)
        text = halfwidth(value).strip(WHITESPACE)
        if not text:
            return None
        if text[:7].lower() == "mailto:":
            text = text[7:]
        local, at, domain = text.rpartition("@")
        if not at:
            raise self._bad(value)
        domain = domain.lower()
        if not domain.isascii():
            try:
                domain = domain.encode("idna").decode("ascii")
            except UnicodeError:
                raise self._bad(value) from None
        address = f"{local}@{domain}"
        if len(address) > 254 or not _MATCH(address):
            raise self._bad(value)
        return address

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_email", f"“{shown(value)}”不是有效的邮箱地址",
                           f"“{shown(value)}” is not a valid email address")
