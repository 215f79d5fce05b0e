"""The record service: the one write path for a form's records.

create, update, delete (soft), restore, bulk_create, bulk_update, and the lean
create_rows / update_rows used by imports (many rows of the same fields, problems
kept per row, nothing fetched back); `query(action)` starts every read of a set of
records (guarded.py). Each write coerces
and validates everything first (all errors at once), then inside ONE transaction checks
uniqueness and references, dispatches `before_save`, writes, writes sub-table rows,
applies relation on-delete rules and dispatches the `after_*` event. Nothing is
half-written: any error rolls the whole write back. Reads live in `reading.py`.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime

from ..forms.computed import refresh_stored
from ..kernel.actor import SYSTEM, Actor
from ..kernel.cause import DEFAULT_MAX_DEPTH, chain_for, check_depth, handling
from ..kernel.errors import Conflict, Forbidden, NotFound, ValidationFailed
from ..storage.binding import chunks
from ..storage.inserting import after_explicit_ids, insert_columns, reserve_ids
from . import checks, columnar, reading, updating
from .columnar import RowsResult
from .guarded import GuardedQuery
from .lifecycle import WriteContext
from .ondelete import apply_on_delete
from .subtables import write_children
from .validation import apply_defaults, coerce_row, field_error, schema_errors


class RecordService:
    """Records of one published form, as seen by one actor."""

    def __init__(self, runtime, form, actor: Actor | None = None, access=None, cause=None):
        self.runtime = runtime
        self.form = form
        self.actor = actor or SYSTEM
        self.table = form.table
        self._access = access
        self.cause = cause  # a link (or list of links) naming what makes these writes (kernel/cause.py)

    @property
    def access(self):
        """What the actor may do here (roles, row scopes, field permissions)."""
        if self._access is None:
            self._access = self.runtime.access(self.actor, self.form)
        return self._access

    def writable_errors(self, keysets: list, action: str, rows: list) -> list:
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

    def query(self, action: str = "read") -> GuardedQuery:
        """The records the actor may touch for `action`, as a guarded query (guarded.py):
        the one way to read a set of records with soft delete, row scope and field
        permissions applied. Needs the action's permission."""
        self.access.require(action)
        return GuardedQuery.of(self.runtime, self.form, self.access, self.actor, action)

    def check_scope(self, conn, ids: list[int], action: str) -> None:
        """After a write: every written row must lie inside the actor's scope for the action."""
        if self.access.unrestricted or not ids:
            return
        with self.runtime.logic_time():  # a role without a row scope for the action: nothing to count
            if self.access.scope(action) is None:
                return
        query = GuardedQuery.of(self.runtime, self.form, self.access, self.actor, action)
        if sum(query.ids(part).count(conn)["count"] for part in chunks(ids)) != len(ids):
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

    def now(self) -> datetime:
        """The time a write stamps (created_at, updated_at, deleted_at): the runtime's clock."""
        return self.runtime.clock.now().replace(microsecond=0)

    def context(self, conn, records, old=None) -> WriteContext:
        """The write's context, with its cause chain (refused when too long, kernel/cause.py)."""
        chain = chain_for(self.actor, self.cause)
        check_depth(chain, getattr(self.runtime, "max_cause_depth", DEFAULT_MAX_DEPTH), self.form)
        return WriteContext(self.runtime, self.form, conn, self.actor, records=records, old=old or [], cause=chain)

    def dispatch(self, event: str, ctx: WriteContext, pending: list) -> None:
        self.runtime.lifecycle.dispatch(event, ctx)
        if ctx.errors:
            raise ValidationFailed(ctx.errors)
        pending.extend(ctx._after_commit)

    def to_db(self, doc: dict) -> dict:
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
            errors.extend(schema_errors(self.form, doc, at, data))
            docs.append(doc)
        at_rows = [None] * len(docs) if single else list(range(len(docs)))
        errors += self.writable_errors(given, "create", at_rows)
        if errors:
            raise ValidationFailed(errors)
        with self._tx(conn) as (c, pending):
            errors = checks.unique_errors(c, self, docs, at_rows)
            errors += checks.reference_errors(c, self, docs, at_rows)
            if errors:
                raise ValidationFailed(errors)
            return self._write_new(c, pending, docs, keep_ids=keep_ids, return_records=return_records, audit=audit)

    def create_rows(self, names: list[str], rows: list, *, conn=None, labels=None, skip_invalid=False,
                    check_only=False, audit=True, refused: dict | None = None) -> RowsResult:
        """The lean path for many rows of the same fields (imports): `rows` are lists of
        input values aligned to `names`. The same checks as `bulk_create`, column by
        column, each problem kept with its row (`labels[i]` names row i in messages).
        Strict (default): any problem raises ValidationFailed and nothing is written.
        `skip_invalid`: the valid rows are written, the others reported. `check_only`:
        everything is checked (the database too) and nothing written. Records are not
        fetched back; `audit="summary"` writes one entry for the batch (see audit_events).
        `refused` {row index: [problems]}: rows the caller already refused (checked for
        everything else, never written)."""
        self.access.require("create")
        names = list(names)
        columnar.check_names(self, names, "create")
        n = len(rows)
        labels = list(range(n)) if labels is None else list(labels)
        result = RowsResult.start(n, refused)
        columns = columnar.coerce_columns(self.form, names, rows, labels, result)
        columnar.apply_column_defaults(self.form, names, columns, n, self.actor.id)
        columnar.validate_columns(self.form, names, columns, labels, result, n)
        with self._tx(conn) as (c, pending):
            keep, docs = columnar.build_docs(names, columns, {})  # every row is checked against the database
            at_rows = [labels[i] for i in keep]
            where = {label: i for i, label in zip(keep, at_rows)}
            for err in checks.unique_errors(c, self, docs, at_rows) + checks.reference_errors(c, self, docs, at_rows):
                result.add(where[err["row"]], err)
            if result.errors and not (skip_invalid or check_only):
                raise ValidationFailed(result.flat())
            if check_only:
                return result
            if len(keep) != len(docs) or any(i in result.errors for i in keep):
                pairs = [(i, d) for i, d in zip(keep, docs) if i not in result.errors]
                keep, docs = [i for i, _ in pairs], [d for _, d in pairs]
            if docs:
                ids = self._write_new(c, pending, docs, keep_ids=False, return_records=False, audit=audit)
                for i, rid in zip(keep, ids):
                    result.ids[i] = rid
        return result

    def _write_new(self, c, pending, docs: list[dict], *, keep_ids: bool, return_records: bool, audit) -> list:
        """The one insert: auto-numbers, before_save, the rows (as columns), sub-table rows,
        the scope check, after_insert. Returns the records, or their ids."""
        now, uid = self.now(), self.actor.id
        seq = self.runtime.sequences(c, now)
        for t in self.form.active:
            t.fill_on_create(docs, seq)
        ctx = self.context(c, docs)
        ctx.audit = audit
        self.dispatch("before_save", ctx, pending)
        names, columns = self._db_columns(docs)
        system = {"created_at": now, "updated_at": now, "created_by": uid, "updated_by": uid, "version": 1}
        if keep_ids and "id" in names and None not in columns[names.index("id")]:
            ids = list(columns[names.index("id")])
            insert_columns(c, self.table, names, columns, system)
            after_explicit_ids(c, self.table)
        else:
            if "id" in names:
                del columns[names.index("id")]
                names.remove("id")
            ids = reserve_ids(c, self.table, len(docs))
            insert_columns(c, self.table, names + ["id"], columns + [ids], system)
        for doc, rid in zip(docs, ids):
            doc["id"] = rid
            doc["version"] = 1
        write_children(c, self.form, docs, ids, replace=False)
        refresh_stored(c, self.form, ids)
        self.check_scope(c, ids, "create")
        if not return_records:
            ctx.records = docs
            self.dispatch("after_insert", ctx, pending)
            return ids
        records = reading.fetch(c, self, ids, every_field=True)
        ctx.records = records
        self.dispatch("after_insert", ctx, pending)
        return self._strip(records)

    def _db_columns(self, docs: list[dict]) -> tuple[list[str], list[list]]:
        """The docs' column values, column by column (sub-table values are written apart)."""
        first = [k for k in docs[0] if k not in self.form.child_tables and k != "version"]
        width = len(docs[0])
        if all(len(d) == width for d in docs) and all(k in d for d in docs[-1:] for k in first):
            try:
                columns = [[d[k] for d in docs] for k in first]
            except KeyError:
                columns = None
        else:
            columns = None
        names = first
        if columns is None:
            names = [k for k in dict.fromkeys(k for d in docs for k in d)
                     if k not in self.form.child_tables and k != "version"]
            columns = [[d.get(k) for d in docs] for k in names]
        for fid, to_db in self.form.db_converters:
            if fid in names:
                j = names.index(fid)
                columns[j] = [to_db(v) if v is not None else None for v in columns[j]]
        return names, columns

    # -- update ---------------------------------------------------------------------
    def update(self, record_id: int, patch: dict, *, version: int | None = None, conn=None) -> dict:
        item = dict(patch, id=record_id)
        if version is not None:
            item["version"] = version
        return self.bulk_update([item], conn=conn, single=True)[0]

    def bulk_update(self, items: list[dict], *, conn=None, single=False) -> list[dict]:
        """Patch many records: each item is {"id", optional "version", field: value...}."""
        with self._tx(conn) as (c, pending):
            result = updating.update_rows(self, items, c, pending, single=single)
            records = reading.fetch(c, self, [rid for rid in result.ids if rid is not None], every_field=True)
            return self._strip(records)

    def update_rows(self, items: list[dict], *, conn=None, labels=None, skip_invalid=False, check_only=False,
                    audit=True, refused: dict | None = None, skip_unchanged=False) -> RowsResult:
        """The lean update (imports): like `bulk_update` without fetching the records back;
        `skip_invalid` / `check_only` / `labels` / `refused` as in `create_rows`;
        `skip_unchanged`: a row whose values equal the record's is not written (kept in
        `result.unchanged`)."""
        with self._tx(conn) as (c, pending):
            return updating.update_rows(self, items, c, pending, labels=labels, skip_invalid=skip_invalid,
                                        check_only=check_only, audit=audit, refused=refused,
                                        skip_unchanged=skip_unchanged)

    @staticmethod
    def stale(rid, current_version):
        return Conflict(f"记录 {rid} 已被他人修改(当前版本 {current_version}),请刷新后重试",
                        f"record {rid} was changed by someone else (now version {current_version}); reload and retry",
                        code="stale_version", details={"id": rid, "version": current_version})

    # -- delete / restore -----------------------------------------------------------
    def delete(self, record_id: int, *, version: int | None = None, conn=None) -> dict:
        return self.delete_many([record_id], versions=[version], conn=conn)[0]

    def delete_many(self, ids: list[int], *, versions=None, conn=None) -> list[dict]:
        """Soft delete: the rows stay, marked deleted. `before_delete` handlers may refuse;
        then relation on-delete rules apply (their writes caused by this delete)."""
        self.access.require("delete")
        now = self.now()
        with self._tx(conn) as (c, pending):
            current = {r["id"]: r for r in reading.fetch(c, self, ids, lock=True, scope="delete", every_field=True)}
            old = []
            for i, rid in enumerate(ids):
                if rid not in current:
                    raise NotFound(f"记录 {rid} 不存在", f"record {rid} not found")
                want = versions[i] if versions else None
                if want is not None and int(want) != current[rid]["version"]:
                    raise self.stale(rid, current[rid]["version"])
                old.append(current[rid])
            ctx = self.context(c, old, old)
            self.dispatch("before_delete", ctx, pending)
            with handling(ctx.cause, "on_delete"):
                apply_on_delete(c, self, ids)
            t = self.table
            c.execute(t.update().where(t.c.id.in_(ids), t.c.deleted_at.is_(None)).values(
                deleted_at=now, updated_at=now, updated_by=self.actor.id, version=t.c.version + 1))
            self.dispatch("after_delete", ctx, pending)
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
                deleted_at=None, updated_at=self.now(), updated_by=self.actor.id, version=t.c.version + 1))
            records = reading.fetch(c, self, [record_id], every_field=True)
            ctx = self.context(c, records, rows)
            self.dispatch("after_restore", ctx, pending)
            return self._strip(records)[0]

