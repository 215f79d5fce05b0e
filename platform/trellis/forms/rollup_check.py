"""The publish check of rollup fields (forms/types/rollup.py), run by the form kind's
publish hook: the source form is another published form of the app whose relation field
points at this form; the aggregated field exists and suits the aggregate; the filter
compiles to SQL against the source form; the window's field is a date or a date-time.
A source form not yet published is checked as its draft (a seed publishes its forms in
order; the rollup is maintained once both are published).
Each problem is bilingual and names the rollup field. On success every rollup field's
`value_type` is (re)written from its source field, so the stored definition alone says
what its column holds.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import DefinitionInvalid, bilingual
from ..logic import LogicError, to_sql
from ..storage import models as m
from .model import FormModel
from .sqlfields import resolver
from .types.base import COMMON_KEYS
from .types.rollup import COUNTING, NUMERIC

SCALAR_KINDS = ("text", "number", "bool", "date", "datetime")


def _problem(i: int, fid: str, key: str, code: str, zh: str, en: str) -> dict:
    pointer = f"/fields/{i}/{key}"
    return {"pointer": pointer, "field": fid, "code": code,
            "message": bilingual(f"汇总字段 {fid}:{zh}", f"rollup field {fid}: {en}")}


def value_type_of(source_field: dict) -> dict:
    """The source field's type and its type-specific keys (precision, options...)."""
    return {"type": source_field["type"], **{k: v for k, v in source_field.items()
                                             if k not in COMMON_KEYS and k not in ("field",)}}


def check_rollups(conn, app: str, body: dict, store) -> dict:
    """Check every active rollup field of `body`; fill their `value_type`. Raises
    DefinitionInvalid listing every problem."""
    problems: list[dict] = []
    models: dict[str, FormModel | None] = {}
    for i, f in enumerate(body.get("fields", [])):
        if f.get("type") != "rollup" or f.get("deleted"):
            continue
        problems += _check_one(conn, app, body, store, models, i, f)
    if problems:
        raise DefinitionInvalid(problems)
    return body


def _source(conn, app, store, models, form_id):
    """The source form as published, else its draft (an app's forms are published one by
    one: a rollup may be published before its source; it is maintained once both are)."""
    if form_id not in models:
        found = store.published(app, "form", form_id, conn)
        if found is None:
            d = m.definition
            draft = conn.execute(sa.select(d.c.draft).where(d.c.app == app, d.c.kind == "form",
                                                            d.c.key == form_id)).scalar()
            found = (draft, None) if isinstance(draft, dict) and draft.get("id") == form_id else None
        models[form_id] = FormModel(app, found[0], store.field_types, found[1]) if found else None
    return models[form_id]


def _check_one(conn, app, body, store, models, i, f) -> list[dict]:
    fid = f["id"]
    out = []
    src_id, _, rel = (f.get("source") or "").partition(".")
    if src_id == body["id"]:
        return [_problem(i, fid, "source", "self_source", "来源不能是本表单", "the source cannot be this form itself")]
    source = _source(conn, app, store, models, src_id)
    if source is None:
        return [_problem(i, fid, "source", "unknown_form", f"来源表单 {src_id} 不存在",
                         f"source form {src_id} does not exist")]
    relation = source.field(rel)
    if relation is None or relation.references != "form" or getattr(relation, "target", None) != body["id"]:
        return [_problem(i, fid, "source", "unknown_relation",
                         f"来源表单 {src_id} 没有指向本表单的关联字段 {rel}",
                         f"source form {src_id} has no relation field {rel} pointing at this form")]
    aggregate = f.get("aggregate")
    name = f.get("field")
    target = None
    if name is None and aggregate != "count":
        out.append(_problem(i, fid, "field", "missing_field", f"统计方式 {aggregate} 需要字段",
                            f"aggregate {aggregate} needs a field"))
    elif name is not None:
        target = source.field(name)
        if target is None or not target.has_column:
            out.append(_problem(i, fid, "field", "unknown_field", f"来源表单 {src_id} 没有字段 {name}",
                                f"source form {src_id} has no field {name}"))
        elif not _suits(target, aggregate):
            out.append(_problem(i, fid, "field", "not_aggregatable", f"字段 {name} 不能做 {aggregate} 汇总",
                                f"field {name} cannot be aggregated with {aggregate}"))
    window = f.get("window")
    if window:
        wt = source.field(window.get("field"))
        if wt is None or not wt.has_column or wt.sql_kind not in ("date", "datetime"):
            out.append(_problem(i, fid, "window", "not_a_date", f"时间窗口字段 {window.get('field')} 不是日期字段",
                                f"window field {window.get('field')} is not a date or date-time field of {src_id}"))
    if f.get("filter") not in (None, True, {}):
        try:
            to_sql(f["filter"], resolver(source))
        except LogicError as e:
            out.append(_problem(i, fid, "filter", "invalid_filter", f"筛选条件无效:{e.message['zh']}",
                                f"invalid filter: {e.message['en']}"))
    if not out:
        if target is not None:
            f["value_type"] = value_type_of(target.field)
        else:
            f.pop("value_type", None)
    return out


def _suits(target, aggregate: str) -> bool:
    if aggregate == "count":
        return True
    if aggregate in NUMERIC:
        return target.sql_kind == "number" and aggregate in target.aggregations
    if aggregate == "latest":
        return target.sql_kind in SCALAR_KINDS
    if aggregate in COUNTING or aggregate in ("min", "max"):
        return aggregate in target.aggregations and target.sql_kind in SCALAR_KINDS
    return False
