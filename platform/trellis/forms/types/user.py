"""User field: the id of a platform user; ids are checked on write (`references = "user"`)."""
from __future__ import annotations

from .base import INT32_MAX
from .id_field import IdField
from .traits import CHOICE_OPS, COUNTS


class UserType(IdField):
    key = "user"
    palette_rank = 20
    widget = "user"
    label = {"zh": "人员", "en": "User"}
    sql_kind = "number"
    operators = CHOICE_OPS
    inline_editable = True
    export = "title"
    sheet_hint = {"zh": "人员(用户名)", "en": "a user (user name)"}
    sheet_example = "$user"
    aggregations = COUNTS
    references = "user"
    config_schema = {"type": "object", "properties": {}}
    max_id = INT32_MAX  # users are keyed by an INTEGER
    what = ("用户编号", "user id")
    error_code = "invalid_user"
