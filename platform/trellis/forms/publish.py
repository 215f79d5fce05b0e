"""The form kind's publish hook: semantic checks beyond the meta-schema, then schema sync.

Runs inside the publishing transaction. A field dropped from the definition is carried
over as `deleted` (its column and data stay); everything else is checked against the
app's other forms (relation targets) and the form itself (title, layout, conditions).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ..storage import models as m
from ..kernel.errors import DefinitionInvalid, bilingual
from ..logic import LogicError, rule_vars
from ..logic.limits import check_rule_size
from . import sync
from .context import store_context
from .model import SYSTEM_FIELDS, FormModel
from .rollup_check import check_rollups
from .summary_check import check_keys


def _problem(pointer: str, code: str, zh: str, en: str) -> dict:
    return {"pointer": pointer, "code": code, "message": bilingual(f"{pointer}:{zh}", f"{pointer}: {en}")}


def _app_forms(conn, app: str) -> set[str]:
    d = m.definition
    return set(conn.execute(sa.select(d.c.key).where(d.c.app == app, d.c.kind == "form")).scalars())


def carry_deleted(body: dict, previous: dict | None) -> dict:
    """Keep previously published fields that the new body left out, marked deleted."""
    if not previous:
        return body
    ids = {f["id"] for f in body.get("fields", [])}
    for f in previous.get("fields", []):
        if f["id"] not in ids:
            body.setdefault("fields", []).append({**f, "deleted": True})
    return body


def check_form(conn, app: str, body: dict) -> None:
    problems = []
    fields = body.get("fields", [])
    ids = {f["id"] for f in fields}
    active = {f["id"] for f in fields if not f.get("deleted")}
    forms = _app_forms(conn, app) | {body["id"]}
    for i, f in enumerate(fields):
        if f.get("type") == "relation" and f.get("target") not in forms:
            problems.append(_problem(f"/fields/{i}/target", "unknown_form",
                                     f"关联的表单 {f.get('target')} 不存在", f"related form {f.get('target')} does not exist"))
        for key in ("visible_if", "required_if", "readonly_if"):
            if f.get(key) is None:
                continue
            unknown = {v.split(".")[0] for v in rule_vars(f[key])} - ids - set(SYSTEM_FIELDS)
            for name in sorted(unknown):
                problems.append(_problem(f"/fields/{i}/{key}", "unknown_field",
                                         f"条件引用了未知字段 {name}", f"condition names unknown field {name}"))
    title = body.get("title_field")
    if title and title not in active:
        problems.append(_problem("/title_field", "unknown_field", f"标题字段 {title} 不存在", f"title field {title} does not exist"))
    for i, section in enumerate(body.get("layout", [])):
        for j, fid in enumerate(section.get("fields", [])):
            if fid not in ids:
                problems.append(_problem(f"/layout/{i}/fields/{j}", "unknown_field",
                                         f"布局引用了未知字段 {fid}", f"layout names unknown field {fid}"))
    if problems:
        raise DefinitionInvalid(problems)


def publish_form(conn, app: str, body: dict, previous: dict | None, store) -> dict:
    body = carry_deleted(body, previous)
    check_form(conn, app, body)
    check_keys(conn, app, body)  # the record page's key figures and list columns
    check_rollups(conn, app, body, store)  # and fills each rollup's value_type from its source
    context = store_context(conn, store, app, store.field_types, replacing=body)
    new = FormModel(app, body, store.field_types, context=context)
    check_computed(new)
    old = FormModel(app, previous, store.field_types) if previous else None
    sync.apply(conn, new, old)
    _fill_stored(conn, new, old)
    return body


def _fill_stored(conn, new: FormModel, old: FormModel | None) -> None:
    """An indexed formula that is new, changed or newly indexed gets its column set on every row."""
    for t in new.active:
        if t.key != "formula" or not t.has_column:
            continue
        before = old.fields.get(t.id) if old else None
        if before is not None and before.has_column and before.field.get("expression") == t.field.get("expression"):
            continue
        conn.execute(new.table.update().values({t.id: new.computed.formula_sql(t.id).column}))


def check_computed(model: FormModel) -> None:
    """Every formula and lookup compiles (to JsonLogic and SQL): a problem names the field,
    and for a formula the position in its expression."""
    pointers = {f["id"]: i for i, f in enumerate(model.definition.get("fields", []))}
    problems = []
    for p in model.computed.problems():
        i = pointers.get(p["field"])
        key = "expression" if model.fields[p["field"]].key == "formula" else "field"
        pointer = f"/fields/{i}/{key}"
        problem = _problem(pointer, p["code"], p["message"]["zh"], p["message"]["en"])
        problem.update({k: v for k, v in p.items() if k in ("position", "length", "field")})
        problems.append(problem)
    if problems:
        raise DefinitionInvalid(problems)


def check_view(conn, app: str, body: dict, previous: dict | None, store) -> dict:
    """A view must name a published form of the app and only that form's fields, and its
    filter be within the size limits of a condition compiled to SQL."""
    found = store.published(app, "form", body["form"], conn)
    if found is None:
        raise DefinitionInvalid([_problem("/form", "unknown_form", f"表单 {body['form']} 不存在或未发布",
                                          f"form {body['form']} does not exist or is not published")])
    names = {f["id"] for f in found[0].get("fields", []) if not f.get("deleted")} | set(SYSTEM_FIELDS)
    problems = []
    for key in ("columns",):
        for j, fid in enumerate(body.get(key, [])):
            if fid not in names:
                problems.append(_problem(f"/{key}/{j}", "unknown_field", f"未知字段 {fid}", f"unknown field {fid}"))
    for j, s in enumerate(body.get("sort", [])):
        if s.lstrip("-") not in names:
            problems.append(_problem(f"/sort/{j}", "unknown_field", f"未知字段 {s}", f"unknown field {s}"))
    for key in ("group_by", "date_field"):
        if body.get(key) and body[key] not in names:
            problems.append(_problem(f"/{key}", "unknown_field", f"未知字段 {body[key]}", f"unknown field {body[key]}"))
    if body.get("filter") is not None:
        try:
            check_rule_size(body["filter"])
        except LogicError as e:
            raise DefinitionInvalid([_problem("/filter", e.code, e.message["zh"], e.message["en"])]) from None
        for name in sorted({v.split(".")[0] for v in rule_vars(body["filter"])} - names):
            problems.append(_problem("/filter", "unknown_field", f"筛选条件引用了未知字段 {name}",
                                     f"filter names unknown field {name}"))
    if problems:
        raise DefinitionInvalid(problems)
    return body


def purge_field(runtime, app: str, form_id: str, field_id: str, user_id: int | None = None) -> int:
    """Explicitly drop a deleted field's column and data; publishes the definition without it."""
    store = runtime.store
    found = store.published(app, "form", form_id)
    if found is None:
        raise DefinitionInvalid([_problem("/id", "not_published", f"表单 {form_id} 未发布", f"form {form_id} is not published")])
    body = found[0]
    field = next((f for f in body.get("fields", []) if f["id"] == field_id), None)
    if field is None or not field.get("deleted"):
        raise DefinitionInvalid([_problem(f"/fields/{field_id}", "not_deleted",
                                          f"只能清除已删除的字段,{field_id} 未删除",
                                          f"only a deleted field can be purged; {field_id} is not deleted")])
    model = FormModel(app, body, store.field_types)
    new_body = dict(body, fields=[f for f in body["fields"] if f["id"] != field_id])
    with runtime.transaction() as conn:
        sync.purge_column(conn, model, field_id)
        store.save_draft(app, "form", form_id, new_body, user_id, conn)
        version = _publish_purged(conn, store, app, form_id, new_body, user_id, field_id)
    runtime.invalidate()
    return version


def _publish_purged(conn, store, app, form_id, body, user_id, field_id) -> int:
    """Record the purged definition as a new version (no carry-over of the purged field)."""
    from ..meta.store import bump_generation

    d, v = m.definition, m.definition_version
    row = conn.execute(sa.select(d.c.id, d.c.published_version).where(
        d.c.app == app, d.c.kind == "form", d.c.key == form_id)).one()
    version = (conn.execute(sa.select(sa.func.max(v.c.version)).where(v.c.definition_id == row.id)).scalar() or 0) + 1
    conn.execute(v.insert().values(definition_id=row.id, version=version, body=body,
                                   published_at=datetime.now().replace(microsecond=0), published_by=user_id,
                                   note=f"purged field {field_id}"))
    conn.execute(d.update().where(d.c.id == row.id).values(published_version=version))
    bump_generation(conn)
    return version
