"""Formula field (公式): a spreadsheet-style expression over the record's fields
(`IF(权益 > 1000000, "高净值", "普通")`), compiled to JsonLogic (logic/formula/), so its value
is the same in SQL (filter and sort with no stored column), in Python and in the browser.
`options` (as a single select's) show a text result by its option's label and colour.
`indexed: true` also keeps the value in a column of its own with an index (only for a
formula over this form's stored fields that does not read the time): set after each
write by the same SQL (forms/computed.py `refresh_stored`)."""
from __future__ import annotations

import sqlalchemy as sa

from .computed_value import ComputedValue
from .single_select import OPTIONS_SCHEMA, OptionLookup

_COLUMNS = {"number": lambda: sa.Float(53), "text": sa.Text, "bool": sa.Boolean, "date": sa.Date,
            "datetime": sa.DateTime}


class FormulaType(ComputedValue):
    key = "formula"
    palette_rank = 60
    widget = "formula"
    label = {"zh": "公式", "en": "Formula"}
    config_schema = {
        "type": "object",
        "required": ["expression"],
        "properties": {"expression": {"type": "string", "minLength": 1, "maxLength": 4000},
                       "options": OPTIONS_SCHEMA},
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.virtual = not field.get("indexed")
        self.has_column = not self.virtual
        if field.get("options"):  # a text result shown by its option's label (a decision's outcome)
            self.options = OptionLookup(field["options"])
            self.export = "option"

    def compiled(self):
        """The compiled formula (logic, type, refs, volatile); raises FormulaProblem."""
        return self.form.computed.formula(self.id)

    def sql_field(self):
        if self.has_column:
            from ...logic import SqlField

            return SqlField(self.form.table.c[self.id], self._stored_kind())
        return self.form.computed.formula_sql(self.id)

    def _stored_kind(self) -> str:
        return self.value_type or "text"

    def kind(self) -> str:
        kind = self.compiled().type
        return kind if kind in _COLUMNS else "text"

    def column_type(self):
        return _COLUMNS[self._stored_kind()]()

    def column_signature(self) -> str:
        return f"formula:{self._stored_kind()}"
