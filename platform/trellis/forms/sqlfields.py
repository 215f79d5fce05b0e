"""How a form's fields look to the JsonLogic SQL compiler: a `var` name resolves to the
field's column with the kind of value it holds (text, number, bool, date, datetime,
json_array, json): the field type's `sql_kind` trait; a computed field resolves to its
expression (FormModel.sql). Unknown names resolve to None and the compiler refuses them."""
from __future__ import annotations

import sqlalchemy as sa

from ..logic import SqlField

SYSTEM_KINDS = {"id": "number", "version": "number", "created_by": "number", "updated_by": "number",
                "created_at": "datetime", "updated_at": "datetime"}


def resolver(form, visible: set[str] | None = None, forms=None):
    """name -> SqlField for `form`'s columns. `visible` limits the fields (hidden ones are
    unknown names); `forms` (target id -> FormModel) enables relation paths such as
    `client.account_manager`, compiled as a correlated scalar subquery."""
    table = form.table

    def field(name: str):
        if name in SYSTEM_KINDS:
            return SqlField(table.c[name], SYSTEM_KINDS[name])
        t = form.field(name)
        if t is None or not t.in_row or not t.filterable or (visible is not None and name not in visible):
            return None
        return form.sql(name)

    def resolve(name: str):
        head, _, rest = name.partition(".")
        if not rest:
            return field(name)
        t = form.field(head)
        if forms is None or t is None or t.references != "form":
            return None
        target = forms(t.target)
        inner = target.sql(rest)
        if inner is None:
            return None
        tab = target.table
        sub = sa.select(inner.column).where(tab.c.id == table.c[head]).scalar_subquery()
        return SqlField(sub, inner.kind)

    return resolve
