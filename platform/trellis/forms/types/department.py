"""Department field: the id of a department of the organization; ids are checked on write
(`references = "department"`) and expand to {"id", "code", "title"}."""
from __future__ import annotations

from .base import INT32_MAX
from .id_field import IdField
from .traits import CHOICE_OPS, COUNTS


class DepartmentType(IdField):
    key = "department"
    palette_rank = 30
    widget = "department"
    label = {"zh": "部门", "en": "Department"}
    sql_kind = "number"
    operators = CHOICE_OPS
    inline_editable = True
    export = "title"
    sheet_hint = {"zh": "部门名称", "en": "a department (name)"}
    sheet_example = {"zh": "总部", "en": "Head office"}
    aggregations = COUNTS
    references = "department"
    config_schema = {"type": "object", "properties": {}}
    max_id = INT32_MAX  # departments are keyed by an INTEGER
    what = ("部门编号", "department id")
    error_code = "invalid_department"
