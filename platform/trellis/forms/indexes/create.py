"""Creating advised indexes through the definition path.

The `indexed` flag is the source of truth for a form's indexes: the schema sync adds the
index of every newly indexed field when the definition is published. So creating an
index sets the flag on the published definition and publishes it (a new version noted
"index: ...", an audit entry, the index built by the sync in the same transaction). A
draft with unpublished edits stays a draft: it gets the same flag and is kept, so the
designer's pending work is neither published nor lost.
"""
from __future__ import annotations

import copy
import time

import sqlalchemy as sa

from ...storage import models as m
from ...kernel.errors import FieldError, ValidationFailed
from ...meta.upgrade import upgrade
from . import cost
from .usage import declared_columns, indexable


def _check(form, field_ids) -> list[str]:
    if not isinstance(field_ids, list) or not field_ids or not all(isinstance(f, str) and f for f in field_ids):
        raise ValidationFailed([FieldError("fields", "malformed", "fields 必须是非空的字段标识列表",
                                           "fields must be a non-empty list of field ids")])
    errors = []
    for name in dict.fromkeys(field_ids):
        t = form.field(name)
        if t is None:
            errors.append(FieldError(name, "unknown_field", f"未知字段 {name}", f"unknown field {name}"))
        elif not indexable(t):
            errors.append(FieldError(name, "not_indexable", f"字段 {name}({t.key})不能建立索引",
                                     f"field {name} ({t.key}) cannot be indexed"))
    if errors:
        raise ValidationFailed(errors)
    return list(dict.fromkeys(field_ids))


def _with_indexed(body: dict, names: list[str]) -> dict:
    body = copy.deepcopy(body)
    for f in body.get("fields", []):
        if f.get("id") in names and not f.get("unique"):
            f["indexed"] = True
    return body


def create_indexes(runtime, app: str, form_id: str, field_ids, user_id: int | None = None) -> dict:
    """Index the given fields: {"version", "created", "existing", "build_ms"}. Unknown or
    unindexable fields are refused (422, each named); indexed ones are left as they are."""
    form = runtime.form(app, form_id)
    names = _check(form, field_ids)
    declared = declared_columns(form)
    todo = [n for n in names if n not in declared]
    existing = [n for n in names if n in declared]
    if not todo:
        return {"version": form.version, "created": [], "existing": existing, "build_ms": 0.0}
    store = runtime.store
    d = m.definition
    started = time.perf_counter()
    with runtime.transaction() as conn:
        draft = conn.execute(sa.select(d.c.draft).where(d.c.app == app, d.c.kind == "form",
                                                        d.c.key == form_id)).scalar_one()
        published = store.published(app, "form", form_id, conn)[0]
        pending = upgrade("form", copy.deepcopy(draft))
        store.save_draft(app, "form", form_id, _with_indexed(published, todo), user_id, conn)
        version = store.publish(app, "form", form_id, user_id, "index: " + ", ".join(todo), conn)
        if pending != published:
            store.save_draft(app, "form", form_id, _with_indexed(pending, todo), user_id, conn)
    elapsed = (time.perf_counter() - started) * 1000
    runtime.invalidate()
    with runtime.engine.connect() as conn:
        rows, _ = cost.row_count(conn, form.table_name)
    cost.learn(runtime.engine.dialect.name, rows, elapsed, len(todo))
    return {"version": version, "created": todo, "existing": existing, "build_ms": round(elapsed, 1)}
