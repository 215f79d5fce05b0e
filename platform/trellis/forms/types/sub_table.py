"""Sub-table field: a list of child rows stored in a child table (no column of its own).
`fields` are the child field definitions (any type but sub_table); `children` are their
FieldType instances, looked up in `registries.field_types` when the field is built. The
record service creates the table `child_table_name(parent)` with `child_columns()`.
Deleted child fields keep their columns but take no values."""
from __future__ import annotations

import json

from ...kernel.errors import DefinitionInvalid, bilingual
from .base import WHITESPACE, CoerceError, FieldType, labels_of, shown


def _field_types(form):
    """The registry the form was built with (plugins' types included); in isolation, the core's."""
    registry = getattr(form, "field_types", None)
    if registry is not None:
        return registry
    from . import CORE_TYPES

    return {cls.key: cls for cls in CORE_TYPES}


class SubTableType(FieldType):
    key = "sub_table"
    palette_rank = 50
    widget = "sub_table"
    label = {"zh": "子表", "en": "Sub-table"}
    has_column = False
    sortable = False
    operators = ()
    export = None
    importable = False
    import_key = False
    aggregations = ()
    wide = True
    filterable = False
    config_schema = {
        "type": "object",
        "required": ["fields"],
        "properties": {
            "fields": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "object", "required": ["id", "type"],
                          "properties": {"type": {"type": "string", "not": {"const": "sub_table"}}}},
            },
            "max_rows": {"type": "integer", "minimum": 1},
        },
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        types = _field_types(form)
        self.children: list[FieldType] = []
        for i, child in enumerate(field.get("fields") or []):
            kind = child.get("type")
            if kind == self.key or kind not in types:
                what_zh = "子表不能嵌套子表" if kind == self.key else f"未知的字段类型“{kind}”"
                what_en = "a sub-table cannot hold a sub-table" if kind == self.key \
                    else f"unknown field type “{kind}”"
                raise DefinitionInvalid([{"pointer": f"/fields/{i}/type", "field": self.id,
                                          "code": "invalid_type",
                                          "message": bilingual(what_zh, what_en)}])
            self.children.append(types.get(kind)(dict(child, parent=self.id), form))
        self._live = [c for c in self.children if not c.field.get("deleted")]
        self._by_id = {c.id: c for c in self.children}
        names: dict[str, FieldType] = {c.id: c for c in self._live}
        for c in self._live:
            for name in labels_of(c.field):
                names.setdefault(name, c)
        self._by_name = names

    # -- storage ------------------------------------------------------------------------
    def column_type(self):
        return None

    def column_signature(self) -> str:
        inner = ",".join(f"{c.id}:{c.column_signature()}" for c in self.children if c.has_column)
        return f"SubTable({inner})"

    def child_table_name(self, parent_table_name: str) -> str:
        return f"{parent_table_name}__{self.id}"

    def child_columns(self) -> list:
        return [col for c in self.children for col in c.columns()]

    # -- schema -------------------------------------------------------------------------
    def value_schema(self) -> dict:
        items = {
            "type": "object",
            "properties": {c.id: c.json_schema() for c in self._live},
            "required": [c.id for c in self._live if c.field.get("required") and not c.generated],
        }
        out = {"type": "array", "items": items}
        if self.field.get("max_rows"):
            out["maxItems"] = int(self.field["max_rows"])
        return out

    # -- values -------------------------------------------------------------------------
    def coerce(self, value):
        """A list (or JSON text of a list) of dicts keyed by child id or label -> rows holding
        only non-empty child values (an existing child row's "id" is kept). Blank rows are
        dropped; an empty list is None. All problems are reported in one CoerceError."""
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
        rows, errors = [], []
        for number, raw in enumerate(value, 1):
            if not isinstance(raw, dict):
                errors.append(([number - 1], f"第{number}行不是一行数据", f"row {number} is not a row"))
                continue
            row = self._coerce_row(number, raw, errors)
            if row:
                rows.append(row)
        if errors:
            raise CoerceError("invalid_sub_table", "；".join(e[1] for e in errors),
                              "; ".join(e[2] for e in errors),
                              parts=[{"path": e[0], "zh": e[1], "en": e[2]} for e in errors])
        return rows or None

    def kept_positions(self, value) -> list[int]:
        """For each row `coerce(value)` keeps, its index in `value` (blank rows are dropped,
        so an error found on the coerced rows is mapped back to the row the user gave)."""
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, (list, tuple)):
            return []
        return [i for i, raw in enumerate(value)
                if isinstance(raw, dict) and self._coerce_row(i + 1, raw, [])]

    def _coerce_row(self, number: int, raw: dict, errors: list) -> dict:
        row = {}
        for name, item in raw.items():
            if name == "id" and item is not None:
                row["id"] = item
                continue
            child = self._by_name.get(name)
            if child is None:
                errors.append(([number - 1, str(name)], f"第{number}行 未知字段“{shown(name)}”",
                               f"row {number}: unknown field “{shown(name)}”"))
                continue
            try:
                item = child.coerce(item)
            except CoerceError as exc:
                zh, en = labels_of(child.field)
                errors.append(([number - 1, child.id], f"第{number}行 {zh}:{exc.message['zh']}",
                               f"row {number}, {en}: {exc.message['en']}"))
                continue
            if item is not None:
                row[child.id] = item
        return row

    def to_db(self, value):
        if not value:
            return value
        by_id = self._by_id
        return [{k: (by_id[k].to_db(v) if k != "id" else v) for k, v in row.items()}
                for row in value]

    def from_db(self, value):
        if not value:
            return value
        by_id = self._by_id
        return [{k: (by_id[k].from_db(v) if k != "id" else v) for k, v in row.items()
                 if v is not None} for row in value]

    def fill_on_create(self, rows: list[dict], ctx) -> None:
        """Child defaults and auto-numbers, one allocation per child field for the batch."""
        child_rows = [r for row in rows for r in (row.get(self.id) or [])]
        if child_rows:
            for child in self._live:
                child.fill_on_create(child_rows, ctx)

    def convertible(self, db_value) -> bool:
        return db_value is None

    @staticmethod
    def _bad(value) -> CoerceError:
        return CoerceError("invalid_sub_table", f"“{shown(value)}”不是子表数据（应为行的列表）",
                           f"“{shown(value)}” is not sub-table data (a list of rows)")
