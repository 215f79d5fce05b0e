"""The record service's update: patches are coerced and checked (every problem at once),
the current rows are read and locked, the merged records validated against the form's
schema, uniqueness and references checked, `before_save` dispatched, then the rows are
written with one executemany per set of changed fields (each guarded by its version, so
a concurrent change is caught), sub-table rows replaced, the scope checked and
`after_update` dispatched. Strict by default (any problem raises); `skip_invalid` keeps
the problems per row and writes the rest; `check_only` writes nothing.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..forms.computed import refresh_stored

from ..kernel.errors import NotFound, ValidationFailed
from ..kernel.timestamps import stamp
from ..storage.prepared import Prepared
from . import checks, reading
from .columnar import RowsResult
from .subtables import write_children
from .validation import coerce_row, field_error, schema_errors


def update_rows(svc, items: list[dict], c, pending, *, single=False, labels=None, skip_invalid=False,
                check_only=False, audit=True, refused=None, skip_unchanged=False) -> RowsResult:
    svc.access.require("update")
    form = svc.form
    n = len(items)
    if labels is None:
        labels = [None] * n if single else list(range(n))
    strict = not (skip_invalid or check_only)
    result = RowsResult.start(n, refused)
    errors: list = []
    patches = []
    for i, item in enumerate(items):
        before = len(errors)
        patch = coerce_row(form, {k: v for k, v in item.items() if k not in ("id", "version")}, errors, labels[i])
        for err in errors[before:]:
            result.add(i, err)
        patches.append(patch)
    ids = [int(item["id"]) for item in items]
    if not svc.access.unrestricted:
        for i, patch in enumerate(patches):
            for err in svc.writable_errors([patch.keys()], "update", [labels[i]]):
                result.add(i, err)
    if result.errors and strict:
        raise ValidationFailed(result.flat())
    current = {r["id"]: r for r in reading.fetch(c, svc, ids, lock=not check_only, scope="update", every_field=True)}
    props = list(form.json_schema["properties"])
    old, merged = {}, {}
    for i, rid in enumerate(ids):
        if rid not in current:
            if strict:
                raise NotFound(f"记录 {rid} 不存在", f"record {rid} not found")
            result.add(i, field_error(form, "id", "not_found", f"记录 {rid} 不存在或无权修改",
                                      f"record {rid} does not exist or may not be changed", labels[i]))
            continue
        expected = items[i].get("version")
        if expected is not None and int(expected) != current[rid]["version"]:
            if strict:
                raise svc.stale(rid, current[rid]["version"])
            result.add(i, field_error(form, "version", "stale_version", f"记录 {rid} 已被他人修改",
                                      f"record {rid} was changed by someone else", labels[i]))
            continue
        if skip_unchanged and i not in result.errors and all(current[rid].get(k) == v for k, v in patches[i].items()):
            result.unchanged.add(i)
            continue
        doc = {**current[rid], **patches[i]}
        for err in schema_errors(form, {k: doc.get(k) for k in props}, labels[i], items[i]):
            result.add(i, err)
        old[i], merged[i] = current[rid], doc
    live = [i for i in range(n) if i in merged]
    where = {labels[i]: i for i in live}
    found = checks.unique_errors(c, svc, [patches[i] for i in live], [labels[i] for i in live],
                                 self_ids=[ids[i] for i in live])
    found += checks.reference_errors(c, svc, [patches[i] for i in live], [labels[i] for i in live])
    for err in found:
        result.add(where.get(err.get("row"), live[0] if live else 0), err)
    if result.errors and strict:
        raise ValidationFailed(result.flat())
    if check_only:
        return result
    keep = [i for i in live if i not in result.errors]
    if not keep:
        return result
    ctx = svc.context(c, [merged[i] for i in keep], [old[i] for i in keep])
    ctx.audit = audit
    svc.dispatch("before_save", ctx, pending)
    now = svc.now()
    _write(svc, c, [(ids[i], old[i]["version"], merged[i], patches[i]) for i in keep], now)
    keep_ids = [ids[i] for i in keep]
    write_children(c, form, [patches[i] for i in keep], keep_ids, replace=True)
    refresh_stored(c, form, keep_ids)
    svc.check_scope(c, keep_ids, "update")
    for i in keep:
        merged[i].update(version=old[i]["version"] + 1, updated_at=stamp(now), updated_by=svc.actor.id)
        result.ids[i] = ids[i]
    ctx.records = [merged[i] for i in keep]
    svc.dispatch("after_update", ctx, pending)
    return result


def _write(svc, c, rows: list[tuple], now) -> None:
    """One executemany per set of changed fields; every row must match its version."""
    t = svc.table
    groups: dict[tuple, list] = {}
    for rid, version, doc, patch in rows:
        keys = tuple(k for k in patch if k not in svc.form.child_tables)
        values = svc.to_db({k: doc.get(k) for k in keys})
        values["_id"], values["_version"] = rid, version
        groups.setdefault(keys, []).append(values)
    sane = c.dialect.supports_sane_multi_rowcount
    cache = svc.form.__dict__.setdefault("_updates", {})  # one statement per set of changed fields
    for keys, params in groups.items():
        stmt = cache.get(keys)
        if stmt is None:
            if len(cache) > 256:
                cache.clear()
            stmt = cache[keys] = Prepared(
                t.update().where(t.c.id == sa.bindparam("_id"), t.c.version == sa.bindparam("_version"),
                                 t.c.deleted_at.is_(None))
                .values({**{k: sa.bindparam(k) for k in keys}, "updated_at": sa.bindparam("_at"),
                         "updated_by": sa.bindparam("_by"), "version": t.c.version + 1}))
        for p in params:
            p["_at"], p["_by"] = now, svc.actor.id
        if sane and len(params) > 1:
            done = c.execute(stmt.stmt, params).rowcount
            if done != len(params):
                raise svc.stale(_first_stale(c, t, params), None)
            continue
        for p in params:
            if not stmt.run(c, p):
                raise svc.stale(p["_id"], None)


def _first_stale(c, t, params) -> int | None:
    for p in params:
        v = c.execute(sa.select(t.c.version).where(t.c.id == p["_id"], t.c.deleted_at.is_(None))).scalar()
        if v != p["_version"] + 1:
            return p["_id"]
    return None
