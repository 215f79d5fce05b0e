"""Attachment field: a JSON list of uploaded files {"id", "name", "size", "content_type"}
(the file store gives the id). Reads one dict or a list; checks `accept` extensions,
`max_size_mb`; `max_count` (default 10) limits the list in the value schema."""
from __future__ import annotations

import json
import mimetypes

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, shown
from .traits import PRESENCE_OPS


class AttachmentType(FieldType):
    key = "attachment"
    palette_rank = 60
    widget = "attachment"
    label = {"zh": "附件", "en": "Attachment"}
    operators = PRESENCE_OPS
    export = "files"
    importable = False
    import_key = False
    wide = True
    sortable = False
    filterable = False
    config_schema = {
        "type": "object",
        "properties": {
            "max_count": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
            "accept": {"type": "array", "items": {"type": "string", "pattern": r"^\.[A-Za-z0-9]+$"}},
            "max_size_mb": {"type": "number", "exclusiveMinimum": 0},
        },
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.max_count = int(field.get("max_count") or 10)
        self.accept = tuple(a.lower() for a in field.get("accept") or ())
        mb = field.get("max_size_mb")
        self.max_size = int(mb * 1024 * 1024) if mb else None

    def column_type(self):
        return sa.JSON()

    def value_schema(self) -> dict:
        return {
            "type": "array",
            "maxItems": self.max_count,
            "items": {
                "type": "object",
                "required": ["id", "name", "size", "content_type"],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "name": {"type": "string", "minLength": 1, "maxLength": 255},
                    "size": {"type": "integer", "minimum": 0},
                    "content_type": {"type": "string"},
                },
            },
        }

    def coerce(self, value):
        if value is None:
            return None
        if type(value) is str:
            if not value.strip(WHITESPACE):
                return None
            try:
                value = json.loads(value)
            except ValueError:
                raise self._bad(value) from None
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, (list, tuple)):
            raise self._bad(value)
        files = [self._file(item) for item in value if item is not None]
        return files or None

    def _file(self, item) -> dict:
        if not isinstance(item, dict):
            raise self._bad(item)
        ident, name, size = item.get("id"), item.get("name"), item.get("size")
        if type(ident) is int:
            ident = str(ident)
        if type(size) is float and size.is_integer():
            size = int(size)
        if not (isinstance(ident, str) and ident and isinstance(name, str) and name.strip()
                and type(size) is int and size >= 0):
            raise self._bad(item)
        name = name.strip(WHITESPACE)
        if self.accept and not name.lower().endswith(self.accept):
            raise CoerceError("attachment_type", f"不接受文件“{shown(name)}”的类型，仅限 {'、'.join(self.accept)}",
                              f"file “{shown(name)}” is not accepted; allowed: {', '.join(self.accept)}")
        if self.max_size is not None and size > self.max_size:
            mb = self.field["max_size_mb"]
            raise CoerceError("attachment_size", f"文件“{shown(name)}”超过 {mb} MB",
                              f"file “{shown(name)}” is larger than {mb} MB")
        kind = item.get("content_type")
        if not isinstance(kind, str) or not kind:
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return {"id": ident, "name": name, "size": size, "content_type": kind}

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_attachment", f"“{shown(value)}”不是有效的附件信息",
                           f"“{shown(value)}” is not a valid attachment")
