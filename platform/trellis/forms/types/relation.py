"""Relation field: the id of a record of another form (`target`) in the same app, in a
BIGINT column; ids are checked on write (`references = "form"`). `on_delete` says what
deleting the target record does: "restrict" (refuse), "set_null" or "cascade"."""
from __future__ import annotations

from .id_field import IdField
from .traits import CHOICE_OPS, COUNTS

ID_PATTERN = "^[a-z][a-z0-9_]{0,40}$"


class RelationType(IdField):
    key = "relation"
    palette_rank = 40
    widget = "relation"
    label = {"zh": "关联记录", "en": "Relation"}
    sql_kind = "number"
    operators = CHOICE_OPS
    inline_editable = True
    export = "title"
    sheet_hint = {"zh": "关联记录的名称或编号", "en": "the related record's title or id"}
    sheet_example = {"zh": "关联记录名称", "en": "Related record"}
    aggregations = COUNTS
    references = "form"
    config_schema = {
        "type": "object",
        "required": ["target"],
        "properties": {
            "target": {"type": "string", "pattern": ID_PATTERN},
            "display_field": {"type": "string", "pattern": ID_PATTERN},
            "on_delete": {"enum": ["restrict", "set_null", "cascade"], "default": "restrict"},
        },
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.target: str = field.get("target", "")
        self.display_field: str | None = field.get("display_field")
        self.on_delete: str = field.get("on_delete") or "restrict"

    what = ("记录编号", "record id")
    error_code = "invalid_relation"
