"""Lookup field (查找引用 / 他表字段): a field of the record a relation field points at,
shown on this record (the client's account manager's department, a ticket's client's
risk level). No column: the value is read from the related record when this one is read
(a correlated subquery), so it is always right and may be filtered and sorted on.
Config: `via` (a relation field of this form), `field` (a field of the related form)."""
from __future__ import annotations

from .computed_value import ComputedValue

ID_PATTERN = "^[a-z][a-z0-9_]{0,40}$"


class LookupType(ComputedValue):
    key = "lookup"
    palette_rank = 70
    widget = "lookup"
    label = {"zh": "查找引用", "en": "Lookup"}
    has_column = False
    virtual = True
    config_schema = {
        "type": "object",
        "required": ["via", "field"],
        "properties": {"via": {"type": "string", "pattern": ID_PATTERN},
                       "field": {"type": "string", "pattern": "^[a-z][a-z0-9_.]{0,80}$"}},
    }

    def sql_field(self):
        return self.form.computed.lookup_sql(self)

    def kind(self) -> str:
        from ..computed import kind_of

        return kind_of(self.form.computed.lookup_target(self)[2])

    def target_type(self):
        """The related form's field type this lookup shows (None when it does not resolve)."""
        try:
            return self.form.computed.lookup_target(self)[2]
        except Exception:  # noqa: BLE001 - reported by the publish check
            return None

    def from_db(self, value):
        tt = self.target_type()
        if tt is not None and tt.has_column and value is not None:
            return tt.from_db(value)
        return super().from_db(value)
