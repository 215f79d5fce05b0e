"""The record service: the one write path for a form's records.

create, update, delete (soft), restore, bulk_create, bulk_update. Each write coerces
and validates everything first (all errors at once), then inside ONE transaction checks
uniqueness and references, dispatches `before_save`, writes, writes sub-table rows,
applies relation on-delete rules and dispatches the `after_*` event. Nothing is
half-written: any error rolls the whole write back. Reads live in `reading.py`.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

import sqlalchemy as sa

from ..actor import SYSTEM, Actor
from ..errors import Conflict, Forbidden, NotFound, ValidationFailed
from . import checks, reading
from .inserting import after_explicit_ids, insert_many, reserve_ids
from .lifecycle import WriteContext
from .ondelete import apply_on_delete
from .subtables import write_children
from .validation import apply_defaults, coerce_row, field_error, schema_errors


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class RecordService:
    """Records of one published form, as seen by one actor."""

    def __init__(self, runtime, form, actor: Actor | None = None, access=None):
        self.runtime = runtime
        self.form = form
        self.actor = actor or SYSTEM
        self.table = form.table
        self._access = access

    @property
    def access(self):
        """What the actor may do here (roles, row scopes, field permissions)."""
        if self._access is None:
            self._access = self.runtime.access(self.actor, self.form)
        return self._access

    def _writable_errors(self, keysets: list, action: str, rows: list) -> list:
        """Fields the actor may not set: hidden ones read as unknown, read-only ones say so."""
        allowed = self.access.writable(action)
        if allowed is None:
            return []
        errors = []
        for keys, at in zip(keysets, rows):
            for key in keys:
                if key == "id" or key in allowed:
                    continue
                if self.access.can_see(key):
                    errors.append(field_error(self.form, key, "readonly", "你无权修改此字段",
                                              "you may not change this field", at))
                else:
                    errors.append(field_error(self.form, key, "unknown_field", f"未知字段 {key}",
                                              f"unknown field {key}", at))
        return errors

    def _strip(self, records: list[dict]) -> list[dict]:
        """The records as the actor may see them (hidden fields removed)."""
        visible = self.access.visible()
        if visible is None:
            return records
        hidden = self.form.active_ids - visible
        return [{k: v for k, v in r.items() if k not in hidden} for r in records]

    def _check_scope(self, conn, ids: list[int], action: str) -> None:
        """After a write: every written row must lie inside the actor's scope for the action."""
        cond = self.access.scope(action)
        if cond is None or not ids:
            return
        t = self.table
        inside = conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.id.in_(ids), cond)).scalar()
        if inside != len(ids):
            raise Forbidden("写入后的记录超出了你的数据范围", "the written record would fall outside the rows you may access",
                            code="out_of_scope")

    # -- plumbing -------------------------------------------------------------------
    @contextmanager
    def _tx(self, conn=None):
        """Join the caller's transaction (from `runtime.transaction()`), or open one.
        After-commit work collects in the transaction and runs once it has committed."""
        if conn is not None:
            yield conn, conn.info.setdefault("trellis_after_commit", [])
            return
        with self.runtime.transaction() as c:
            yield c, c.info["trellis_after_commit"]

    def _ctx(self, conn, records, old=None) -> WriteContext:
        return WriteContext(self.runtime, self.form, conn, self.actor, records=records, old=old or [])

    def _dispatch(self, event: str, ctx: WriteContext, pending: list) -> None:
        self.runtime.lifecycle.dispatch(event, ctx)
        if ctx.errors:
            raise ValidationFailed(ctx.errors)
        pending.extend(ctx._after_commit)

    def _to_db(self, doc: dict) -> dict:
        """JSON form -> column values (sub-table values are written separately)."""
        out = {k: v for k, v in doc.items() if k not in self.form.child_tables}
        for fid, to_db in self.form.db_converters:
            v = out.get(fid)
            if v is not None:
                out[fid] = to_db(v)
        return out

    # -- reads (delegated) ----------------------------------------------------------
    def get(self, record_id: int, *, fields=None, expand=None, deleted=False, conn=None) -> dict:
        return reading.get(self, record_id, fields=fields, expand=expand, deleted=deleted, conn=conn)

    def list(self, **params) -> dict:
        return reading.list_records(self, **params)

    # -- create ---------------------------------------------------------------------
    def create(self, data: dict, *, conn=None) -> dict:
        return self.bulk_create([data], conn=conn, single=True)[0]

    def bulk_create(self, rows: list[dict], *, conn=None, keep_ids=False, single=False,
                    return_records=True, audit=True) -> list:
        """Create many records, all or nothing; returns the records (or ids)."""
        self.access.require("create")
        errors: list = []
        docs, given = [], []
        for i, data in enumerate(rows):
            at = None if single else i
            doc = coerce_row(self.form, data, errors, at, keep_ids=keep_ids)
            given.append(doc.keys() - self.form.generated_ids if not self.access.unrestricted else ())
            apply_defaults(self.form, doc)
            for fid in self.form.current_user_defaults:
                if doc.get(fid) is None and self.actor.id is not None:
                    doc[fid] = self.actor.id
            errors.extend(schema_errors(self.form, doc, at))
            docs.append(doc)
        at_rows = [None] * len(docs) if single else list(range(len(docs)))
        errors += self._writable_errors(given, "create", at_rows)
        if errors:
            raise ValidationFailed(errors)
        now, uid = _now(), self.actor.id
        with self._tx(conn) as (c, pending):
            errors = checks.unique_errors(c, self, docs, at_rows)
            errors += checks.reference_errors(c, self, docs, at_rows)
            if errors:
                raise ValidationFailed(errors)
            seq = self.runtime.sequences(c, now)
            for t in self.form.active:
                t.fill_on_create(docs, seq)
            ctx = self._ctx(c, docs)
            ctx.audit = audit
            self._dispatch("before_save", ctx, pending)
            values = []
            for doc in docs:
                v = self._to_db(doc)
                v.update(created_at=now, updated_at=now, created_by=uid, updated_by=uid, version=1)
                values.append(v)
            ids = self._insert(c, values, keep_ids)
            for doc, rid in zip(docs, ids):
                doc.update(id=rid, version=1)
            write_children(c, self.form, docs, ids, replace=False)
            self._check_scope(c, ids, "create")
            if not return_records:
                ctx.records = docs
                self._dispatch("after_insert", ctx, pending)
                return ids
            records = reading.fetch(c, self, ids, every_field=True)
            ctx.records = records
            self._dispatch("after_insert", ctx, pending)
            return self._strip(records)

    def _insert(self, conn, values: list[dict], keep_ids: bool) -> list[int]:
        if keep_ids and all("id" in v for v in values):
            insert_many(conn, self.table, values)
            after_explicit_ids(conn, self.table)
            return [v["id"] for v in values]
        ids = reserve_ids(conn, self.table, len(values))
        for v, rid in zip(values, ids):
            v["id"] = rid
        insert_many(conn, self.table, values)
        return ids

    # -- update ---------------------------------------------------------------------
    def update(self, record_id: int, patch: dict, *, version: int | None = None, conn=None) -> dict:
        item = dict(patch, id=record_id)
        if version is not None:
            item["version"] = version
        return self.bulk_update([item], conn=conn, single=True)[0]

    def bulk_update(self, items: list[dict], *, conn=None, single=False) -> list[dict]:
        """Patch many records: each item is {"id", optional "version", field: value...}."""
        self.access.require("update")
        errors: list = []
        patches = []
        for i, item in enumerate(items):
            at = None if single else i
            patch = coerce_row(self.form, {k: v for k, v in item.items() if k not in ("id", "version")}, errors, at)
            patches.append(patch)
        ids = [int(item["id"]) for item in items]
        at_rows = [None] * len(items) if single else list(range(len(items)))
        errors += self._writable_errors([p.keys() for p in patches], "update", at_rows)
        if errors:
            raise ValidationFailed(errors)
        now = _now()
        with self._tx(conn) as (c, pending):
            current = {r["id"]: r for r in reading.fetch(c, self, ids, lock=True, scope="update", every_field=True)}
            old, merged = [], []
            for i, rid in enumerate(ids):
                if rid not in current:
                    raise NotFound(f"记录 {rid} 不存在", f"record {rid} not found")
                expected = items[i].get("version")
                if expected is not None and int(expected) != current[rid]["version"]:
                    raise self._stale(rid, current[rid]["version"])
                doc = {**current[rid], **patches[i]}
                errors += schema_errors(self.form, {k: doc.get(k) for k in self.form.json_schema["properties"]}, at_rows[i])
                old.append(current[rid])
                merged.append(doc)
            if errors:
                raise ValidationFailed(errors)
            errors = checks.unique_errors(c, self, patches, at_rows, self_ids=ids)
            errors += checks.reference_errors(c, self, patches, at_rows)
            if errors:
                raise ValidationFailed(errors)
            ctx = self._ctx(c, merged, old)
            self._dispatch("before_save", ctx, pending)
            t = self.table
            for i, rid in enumerate(ids):
                changes = {k: merged[i].get(k) for k in patches[i]}
                values = self._to_db(changes)
                values.update(updated_at=now, updated_by=self.actor.id, version=t.c.version + 1)
                done = c.execute(t.update().where(t.c.id == rid, t.c.version == old[i]["version"],
                                                  t.c.deleted_at.is_(None)).values(values)).rowcount
                if not done:
                    raise self._stale(rid, None)
            write_children(c, self.form, patches, ids, replace=True)
            self._check_scope(c, ids, "update")
            records = reading.fetch(c, self, ids, every_field=True)
            ctx.records = records
            self._dispatch("after_update", ctx, pending)
            return self._strip(records)

    @staticmethod
    def _stale(rid, current_version):
        return Conflict(f"记录 {rid} 已被他人修改(当前版本 {current_version}),请刷新后重试",
                        f"record {rid} was changed by someone else (now version {current_version}); reload and retry",
                        code="stale_version", details={"id": rid, "version": current_version})

    # -- delete / restore -----------------------------------------------------------
    def delete(self, record_id: int, *, version: int | None = None, conn=None) -> dict:
        return self.delete_many([record_id], versions=[version], conn=conn)[0]

    def delete_many(self, ids: list[int], *, versions=None, conn=None) -> list[dict]:
        """Soft delete: the rows stay, marked deleted; relation on-delete rules apply."""
        self.access.require("delete")
        now = _now()
        with self._tx(conn) as (c, pending):
            current = {r["id"]: r for r in reading.fetch(c, self, ids, lock=True, scope="delete", every_field=True)}
            old = []
            for i, rid in enumerate(ids):
                if rid not in current:
                    raise NotFound(f"记录 {rid} 不存在", f"record {rid} not found")
                want = versions[i] if versions else None
                if want is not None and int(want) != current[rid]["version"]:
                    raise self._stale(rid, current[rid]["version"])
                old.append(current[rid])
            apply_on_delete(c, self, ids)
            t = self.table
            c.execute(t.update().where(t.c.id.in_(ids), t.c.deleted_at.is_(None)).values(
                deleted_at=now, updated_at=now, updated_by=self.actor.id, version=t.c.version + 1))
            ctx = self._ctx(c, old, old)
            self._dispatch("after_delete", ctx, pending)
            return self._strip(old)

    def restore(self, record_id: int, *, conn=None) -> dict:
        """Undo a soft delete (unique values must still be free)."""
        self.access.require("delete")
        with self._tx(conn) as (c, pending):
            rows = reading.fetch(c, self, [record_id], deleted=True, scope="delete", every_field=True)
            if not rows or rows[0].get("deleted_at") is None:
                raise NotFound(f"已删除的记录 {record_id} 不存在", f"deleted record {record_id} not found")
            errors = checks.unique_errors(c, self, rows, [None], self_ids=[record_id])
            if errors:
                raise ValidationFailed(errors)
            t = self.table
            c.execute(t.update().where(t.c.id == record_id).values(
                deleted_at=None, updated_at=_now(), updated_by=self.actor.id, version=t.c.version + 1))
            records = reading.fetch(c, self, [record_id], every_field=True)
            ctx = self._ctx(c, records, rows)
            self._dispatch("after_restore", ctx, pending)
            return self._strip(records)[0]

