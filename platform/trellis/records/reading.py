"""Reading records: get one, list many (JsonLogic filter, multi-key sort, keyset cursor or
page numbers, text search, field selection, batched relation expansion, counts).

Everything runs inside the database: the filter is compiled to SQL, the sort uses the
indexes, expansion is one query per relation field for the whole page.
"""
from __future__ import annotations

import time

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BooleanClauseList

from ..kernel.errors import BadRequest, NotFound
from ..forms.indexes import slowlog as slow_queries
from ..forms.model import SYSTEM_FIELDS
from ..kernel.timestamps import stamp
from . import counting
from .checks import _chunks
from .cursor import decode_cursor, encode_cursor, keyset_condition, order_by
from .sqlfields import resolver
from .subtables import read_children

MAX_LIMIT = 1000


def _bad_field(name: str, where: str):
    zh = {"fields": "字段", "sort": "排序", "expand": "展开", "filter": "筛选条件"}[where]
    return BadRequest(f"{zh}中的字段 {name} 不存在", f"unknown field {name} in {where}",
                      code="unknown_field", details={"field": name, "param": where})


def select_fields(service, fields, every_field: bool = False) -> list[str]:
    """Validated field ids to return (system fields always included); hidden fields are
    unknown names to the actor."""
    form = service.form
    visible = None if every_field else service.access.visible()
    if not fields:
        return [t.id for t in form.active if visible is None or t.id in visible]
    out = []
    for name in fields:
        if name in SYSTEM_FIELDS:
            continue
        if form.field(name) is None or (visible is not None and name not in visible):
            raise _bad_field(name, "fields")
        out.append(name)
    return out


def to_json(form, row, fields: list[str]) -> dict:
    rec = {k: row[k] for k in ("id", "version", "created_by", "updated_by")}
    rec["created_at"] = stamp(row["created_at"])
    rec["updated_at"] = stamp(row["updated_at"])
    if row.get("deleted_at") is not None:
        rec["deleted_at"] = stamp(row["deleted_at"])
    fmap = form.fields
    for name in fields:
        t = fmap[name]
        if t.has_column:
            v = row[name]
            rec[name] = t.from_db(v) if v is not None else None
    return rec


def _columns(form, fields: list[str]):
    t = form.table
    cols = [t.c[n] for n in SYSTEM_FIELDS]
    cols += [t.c[n] for n in fields if form.fields[n].has_column]
    return cols


def _attach_children(conn, form, records: list[dict], fields: list[str]) -> None:
    ids = [r["id"] for r in records]
    for name in fields:
        if name in form.child_tables:
            kids = read_children(conn, form, name, ids)
            for r in records:
                r[name] = kids.get(r["id"], [])


def fetch(conn, service, ids: list[int], *, fields=None, lock=False, deleted=False, scope: str | None = None,
          every_field: bool = False) -> list[dict]:
    """Records by id in the given order (live ones; deleted ones only with deleted=True),
    limited to the actor's rows for `scope` (an action) when given."""
    form = service.form
    names = select_fields(service, fields, every_field)
    t = form.table
    cond = service.access.scope(scope) if scope else None
    found = {}
    for part in _chunks(list(ids)):
        q = sa.select(*_columns(form, names)).where(t.c.id.in_(part))
        q = q.where(t.c.deleted_at.is_not(None) if deleted else t.c.deleted_at.is_(None))
        if cond is not None:
            q = q.where(cond)
        if lock and conn.dialect.name == "postgresql":
            q = q.with_for_update()
        for row in conn.execute(q).mappings():
            found[row["id"]] = to_json(form, row, names)
    records = [found[i] for i in ids if i in found]
    _attach_children(conn, form, records, names)
    return records


def get(service, record_id: int, *, fields=None, expand=None, deleted=False, conn=None) -> dict:
    if conn is None:
        with service.runtime.engine.connect() as c:
            return get(service, record_id, fields=fields, expand=expand, deleted=deleted, conn=c)
    service.access.require("read")
    rows = fetch(conn, service, [record_id], fields=fields, deleted=deleted, scope="read")
    if not rows:
        raise NotFound(f"记录 {record_id} 不存在", f"record {record_id} not found")
    if expand:
        expand_relations(conn, service, rows, expand)
    return rows[0]


def _search(service, q: str):
    text = q.strip()
    if not text:
        return None
    form = service.form
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    conds = [form.table.c[t.id].ilike(f"%{esc}%", escape="\\") for t in form.searchable
             if service.access.can_see(t.id)]
    return sa.or_(*conds) if conds else sa.false()


SMALL_SCOPE = 20000


def _hinted(service, scope, action: str):
    """SQLite's planner, asked to sort, prefers walking the sort column's index and
    filtering, which reads most of the table when the row scope is narrow (an account
    manager's 500 clients among a million). When the scope holds at most SMALL_SCOPE rows
    (measured by sampling, cached), `likelihood()` tells the planner to start from the
    scope: sorting that many rows is cheap. PostgreSQL's statistics need no hint."""
    rt = service.runtime
    if rt.engine.dialect.name != "sqlite":
        return scope
    if rt.scope_rows(service.form, service.access, action, scope) > SMALL_SCOPE:
        return scope
    terms = scope.clauses if isinstance(scope, BooleanClauseList) and scope.operator is operators.and_ else [scope]
    return sa.and_(*[sa.func.likelihood(term, sa.literal_column("0.000001")) for term in terms])


def base_query(service, *, filter=None, q=None, action: str = "read", deleted: bool = False):
    """The WHERE clause of a listing: live rows in the actor's scope, the filter, the search.
    A filter naming a field the actor may not see is refused like an unknown field.
    With `deleted`, the soft-deleted rows instead (the recycle bin): those the actor may
    both read and restore (the delete permission and its row scope)."""
    from ..logic import rule_vars, to_sql

    form = service.form
    t = form.table
    where = [t.c.deleted_at.is_not(None) if deleted else t.c.deleted_at.is_(None)]
    scope = service.access.scope(action)
    if scope is not None:
        where.append(scope if deleted else _hinted(service, scope, action))
    if deleted:
        service.access.require("delete")
        restorable = service.access.scope("delete")
        if restorable is not None:
            where.append(restorable)
    if filter not in (None, {}, True):
        visible = service.access.visible()
        for name in sorted(rule_vars(filter)):
            if name not in SYSTEM_FIELDS and (form.field(name) is None or not service.access.can_see(name)):
                raise _bad_field(name, "filter")
        where.append(to_sql(filter, resolver(form, visible)))
    if q:
        cond = _search(service, q)
        if cond is not None:
            where.append(cond)
    return where


def list_records(service, *, filter=None, sort=None, limit=50, cursor=None, page=None, q=None,
                 fields=None, expand=None, count="estimate", deleted=False, conn=None) -> dict:
    """A page of records; `deleted=True` lists the recycle bin (see base_query)."""
    if conn is None:
        with service.runtime.engine.connect() as c:
            return list_records(service, filter=filter, sort=sort, limit=limit, cursor=cursor, page=page, q=q,
                                fields=fields, expand=expand, count=count, deleted=deleted, conn=c)
    started = time.perf_counter()
    form = service.form
    service.access.require("read")
    limit = max(1, min(int(limit or 50), MAX_LIMIT))
    names = select_fields(service, fields)
    where = base_query(service, filter=filter, q=q, deleted=deleted)
    keys = order_by(form, sort, _bad_field, conn.dialect.name == "postgresql", service.access.can_see)
    cols = _columns(form, names)
    # the next page's cursor holds the sort values, also of sort fields not asked for
    cols += [k.column for k in keys if k.name not in {c.name for c in cols}]
    stmt = sa.select(*cols).where(*where)
    if cursor:
        stmt = stmt.where(keyset_condition(keys, decode_cursor(cursor, keys)))
    elif page:
        stmt = stmt.offset((max(1, int(page)) - 1) * limit)
    stmt = stmt.order_by(*[k.clause for k in keys]).limit(limit + 1)
    rows = conn.execute(stmt).mappings().all()
    more = len(rows) > limit
    rows = rows[:limit]
    items = [to_json(form, r, names) for r in rows]
    _attach_children(conn, form, items, names)
    if expand:
        expand_relations(conn, service, items, expand)
    out = {"items": items, "next": encode_cursor(keys, rows[-1]) if more and rows else None}
    if count != "none" and not cursor:
        out.update(counting.count(conn, form, where, mode=count, threshold=service.runtime.count_threshold))
    if not deleted:
        slow_queries.observe(service, filter, sort, time.perf_counter() - started)
    return out


def expand_relations(conn, service, records: list[dict], expand) -> None:
    """Replace relation / user / department ids by small objects, one query per field for
    all records. A related record the actor may not read shows only its id."""
    form = service.form
    for name in expand:
        t = form.field(name)
        if t is None or t.references is None or not service.access.can_see(name):
            raise _bad_field(name, "expand")
        ids = sorted({r[name] for r in records if r.get(name) is not None})
        if not ids:
            continue
        if t.references == "form":
            found = _related_titles(conn, service, t, ids)
        else:
            found = service.runtime.titles(t.references, conn, ids)
        for r in records:
            if r.get(name) is not None:
                r[name] = found.get(r[name], {"id": r[name], "title": None})


def _related_titles(conn, service, t, ids: list[int]) -> dict[int, dict]:
    target = service.runtime.form(service.form.app, t.target)
    access = service.runtime.access(service.actor, target)
    if not access.allowed("read"):
        return {}
    title = t.field.get("display_field") or target.title_field
    if not access.can_see(title):
        title = "id"
    tab = target.table
    cols = [tab.c.id] + ([tab.c[title]] if title in tab.c and title != "id" else [])
    scope = access.scope("read")
    found = {}
    for part in _chunks(ids):
        q = sa.select(*cols).where(tab.c.id.in_(part))
        if scope is not None:
            q = q.where(scope)
        for row in conn.execute(q).mappings():
            found[row["id"]] = {"id": row["id"], "title": row.get(title, row["id"])}
    return found
