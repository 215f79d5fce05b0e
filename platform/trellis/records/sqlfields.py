"""How a form's fields look to the JsonLogic SQL compiler: a `var` name resolves to the
field's column with the kind of value it holds (text, number, bool, date, datetime,
json_array, json). Unknown names resolve to None and the compiler refuses them."""
from __future__ import annotations

from ..logic import SqlField

KINDS = {
    "text": "text", "long_text": "text", "email": "text", "mobile": "text", "url": "text",
    "auto_number": "text", "single_select": "text",
    "integer": "number", "decimal": "number", "money": "number", "percent": "number",
    "user": "number", "relation": "number", "department": "number",
    "boolean": "bool", "date": "date", "datetime": "datetime",
    "multi_select": "json_array", "json": "json", "attachment": "json",
}
SYSTEM_KINDS = {"id": "number", "version": "number", "created_by": "number", "updated_by": "number",
                "created_at": "datetime", "updated_at": "datetime"}


def resolver(form):
    table = form.table

    def resolve(name: str):
        if name in SYSTEM_KINDS:
            return SqlField(table.c[name], SYSTEM_KINDS[name])
        t = form.field(name)
        if t is None or not t.has_column or not t.filterable:
            return None
        return SqlField(table.c[name], KINDS.get(t.key, getattr(t, "sql_kind", "json")))

    return resolve
