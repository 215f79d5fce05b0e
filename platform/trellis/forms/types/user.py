"""User field: the id of a platform user; ids are checked on write (`references = "user"`)."""
from __future__ import annotations

from .base import INT32_MAX
from .id_field import IdField


class UserType(IdField):
    key = "user"
    widget = "user"
    label = {"zh": "人员", "en": "User"}
    references = "user"
    config_schema = {"type": "object", "properties": {}}
    max_id = INT32_MAX  # users are keyed by an INTEGER
    what = ("用户编号", "user id")
    error_code = "invalid_user"
