"""Rollup field (汇总): an aggregate over the records of another form that point at this
one through a relation field, stored in this form's table (so it sorts, filters and is
indexed like any column) and kept exact by the record service (records/rollups.py).

Definition keys:
    {"id": "commission_90d", "type": "rollup", "label": {...},
     "source": "trade_day.client",      # <source form>.<its relation field pointing here>
     "aggregate": "sum",                # count|count_distinct|sum|avg|min|max|latest
     "field": "commission",             # a field of the source form (not for count)
     "filter": {...},                   # optional JsonLogic over the source form's fields
     "window": {"field": "trade_date", "days": 90},   # optional: the last N days
     "value_type": {"type": "money", "precision": 2}} # filled by publish (forms/rollup_check.py)

`value_type` is the source field's type and its type-specific keys, written into the
definition by the publish check, so a FormModel built from this definition alone knows
its column: count / count_distinct BIGINT; sum / avg NUMERIC(30, p) read as float (p:
the source's digits after the point; avg keeps 4 more, at most 12); min / max / latest the
source field's own column type (and its filters, export and display).
"""
from __future__ import annotations

from functools import cached_property

import sqlalchemy as sa

from .base import FieldType
from .traits import NUMBER_AGGREGATIONS, ORDERED_OPS

AGGREGATES = ("count", "count_distinct", "sum", "avg", "min", "max", "latest")
COUNTING = ("count", "count_distinct")
NUMERIC = ("sum", "avg")
SUM_DIGITS = 30  # a sum of NUMERIC(15, p) values stays exact here; JSON reads it as a float
AVG_EXTRA = 4    # digits an average keeps beyond its source's precision (at most 10)
ID_PATTERN = "^[a-z][a-z0-9_]{0,40}$"


class RollupType(FieldType):
    key = "rollup"
    widget = "rollup"
    label = {"zh": "汇总", "en": "Rollup"}
    sql_kind = "number"
    operators = ORDERED_OPS
    export = "as_is"
    importable = False
    import_key = False
    generated = True
    computed = True
    aggregations = NUMBER_AGGREGATIONS
    palette_group = "advanced"
    palette_rank = 60
    config_schema = {
        "type": "object",
        "required": ["source", "aggregate"],
        "properties": {
            "source": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,40}\.[a-z][a-z0-9_]{0,40}$"},
            "aggregate": {"enum": list(AGGREGATES)},
            "field": {"type": "string", "pattern": ID_PATTERN},
            "filter": {},
            "window": {
                "type": "object", "required": ["field", "days"], "additionalProperties": False,
                "properties": {"field": {"type": "string", "pattern": ID_PATTERN},
                               "days": {"type": "integer", "minimum": 1, "maximum": 36600}},
            },
            "value_type": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}}},
        },
    }

    def __init__(self, field: dict, form=None):
        if "indexed" not in field and not field.get("unique"):
            field = {**field, "indexed": True}  # a rollup is indexed unless its definition says otherwise
        super().__init__(field, form)
        self.source_form, _, self.source_relation = (field.get("source") or "").partition(".")
        self.aggregate: str = field.get("aggregate") or "count"
        self.value_field: str | None = field.get("field")
        self.filter = field.get("filter")
        self.window: dict | None = field.get("window")
        self.value = self._value_type()
        if self.value is not None:  # min / max / latest: compared, shown and exported as the source field
            self.sql_kind = self.value.sql_kind
            self.operators = self.value.operators
            self.export = self.value.export if self.value.export != "json" else "as_is"
            self.number_format = self.value.number_format
            self.aggregations = tuple(a for a in self.value.aggregations if a in NUMBER_AGGREGATIONS)
        elif self.aggregate in NUMERIC:
            self.number_format = self._source_number_format()

    # -- the value's type ----------------------------------------------------------------
    def _value_type(self):
        """The source field's type instance for min / max / latest (None otherwise, or
        when the definition has no `value_type` yet: a draft never published)."""
        spec = self.field.get("value_type")
        if self.aggregate in COUNTING or self.aggregate in NUMERIC or not isinstance(spec, dict):
            return None
        registry = getattr(self.form, "field_types", None)
        if registry is None or spec.get("type") not in registry:
            return None
        return registry.get(spec["type"])({**spec, "id": self.id}, self.form)

    def _source(self):
        """The source field's type instance as `value_type` describes it (None without one)."""
        spec = self.field.get("value_type")
        registry = getattr(self.form, "field_types", None)
        if not isinstance(spec, dict) or registry is None or spec.get("type") not in registry:
            return None
        return registry.get(spec["type"])({**spec, "id": self.id}, self.form)

    def _source_number_format(self):
        source = self._source()
        return source.number_format if source is not None else None

    @cached_property
    def scale(self) -> int:
        """Digits after the point of a sum / average: the source's (0 for whole numbers; a
        percent's fraction keeps its precision + 2), an average 4 more; at most 12."""
        source = self._source()
        if source is None:
            digits = 2
        elif isinstance(source.column_type(), sa.Integer):
            digits = 0
        else:
            precision = getattr(source, "precision", None)
            digits = 6 if precision is None else int(precision) + (2 if source.number_format == "percent" else 0)
        return min(digits + AVG_EXTRA if self.aggregate == "avg" else digits, 12)

    @property
    def windowed(self) -> bool:
        return bool(self.window)

    def reads(self) -> set[str]:
        """The source form's fields whose change can change this rollup's value."""
        from ...logic import rule_vars

        names = {self.source_relation}
        if self.value_field:
            names.add(self.value_field)
        if self.window:
            names.add(self.window["field"])
        if self.filter not in (None, True, {}):
            names |= {v.split(".")[0] for v in rule_vars(self.filter)}
        return names

    # -- storage --------------------------------------------------------------------
    def column_type(self):
        if self.aggregate in COUNTING:
            return sa.BigInteger()
        if self.aggregate in NUMERIC:
            return sa.Numeric(SUM_DIGITS, self.scale, asdecimal=False)
        if self.value is not None:
            return self.value.column_type()
        return sa.Text()  # a draft whose source is not resolved yet (publish fills value_type)

    def column_signature(self) -> str:
        if self.aggregate in NUMERIC:
            return f"Numeric({SUM_DIGITS},{self.scale})"
        if self.value is not None:
            return self.value.column_signature()
        return super().column_signature()

    def value_schema(self) -> dict:
        return {}  # never written by a user: the form's JSON Schema leaves it out (generated)

    def to_db(self, value):
        return self.value.to_db(value) if self.value is not None else value

    def from_db(self, value):
        if self.value is not None:
            return self.value.from_db(value)
        if self.aggregate in COUNTING and value is not None:
            return int(value)
        if self.aggregate in NUMERIC and value is not None:
            return float(value)
        return value

    def sql_literal(self, value):
        return self.value.sql_literal(value) if self.value is not None else value

    def fill_on_create(self, rows: list[dict], ctx) -> None:
        """A new record has no related records yet: counts and sums start at 0 (the
        after-insert recompute corrects a row whose id related records already name)."""
        start = 0 if self.aggregate in COUNTING or self.aggregate == "sum" else None
        for row in rows:
            row[self.id] = start

    def coerce(self, value):
        return None  # the system computes it: a given value is dropped

    def convertible(self, db_value) -> bool:
        return True  # nothing is carried over a type change: the publish enqueues a recompute
