"""URL field: an http(s) address in VARCHAR(2048); "www.example.com" gets "https://"."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, shown
from .traits import COUNTS, TEXT_OPS

PATTERN = r"^https?://[^\s/?#]+[^\s]*$"
_OTHER_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:(?![0-9])")
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*")
_SPACE = re.compile(r"\s")


class UrlType(FieldType):
    key = "url"
    palette_rank = 30
    widget = "url"
    label = {"zh": "网址", "en": "URL"}
    sql_kind = "text"
    operators = TEXT_OPS
    inline_editable = True
    export = "as_is"
    sheet_hint = {"zh": "网址", "en": "a web address"}
    sheet_example = "https://example.com"
    aggregations = COUNTS
    palette_group = "contact"
    searchable = True
    config_schema = {"type": "object", "properties": {}}

    def column_type(self):
        return sa.String(2048)

    def column_signature(self) -> str:
        return "String(2048)"

    def value_schema(self) -> dict:
        return {"type": "string", "maxLength": 2048, "pattern": PATTERN}

    def coerce(self, value):
        if value is None:
            return None
        if type(value) is not str:
            raise self._bad(value)
        text = value.strip(WHITESPACE)
        if not text:
            return None
        if _SPACE.search(text):
            raise self._bad(value)
        scheme, sep, rest = text.partition("://")
        if not sep:
            if _OTHER_SCHEME.match(text):
                raise self._bad(value)
            scheme, rest = "https", text
        scheme = scheme.lower()
        if scheme not in ("http", "https"):
            raise self._bad(value)
        url = f"{scheme}://{rest}"
        try:
            parts = urlsplit(url)
            host = parts.hostname
            parts.port  # raises ValueError on a bad port
        except ValueError:
            raise self._bad(value) from None
        if not host or not self._host_ok(host):
            raise self._bad(value)
        if "@" not in parts.netloc:
            url = f"{scheme}://{parts.netloc.lower()}{url[len(scheme) + 3 + len(parts.netloc):]}"
        return url

    @staticmethod
    def _host_ok(host: str) -> bool:
        if host.startswith("[") or ":" in host:  # IPv6 literal
            return True
        if not host.isascii():
            try:
                host = host.encode("idna").decode("ascii")
            except UnicodeError:
                return False
        return bool(_HOST.fullmatch(host)) and ("." in host or host == "localhost")

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_url", f"“{shown(value)}”不是有效的网址（仅支持 http/https）",
                           f"“{shown(value)}” is not a valid http(s) URL")
