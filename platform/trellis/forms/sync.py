"""Schema sync: make a form's table match its newly published definition, while the
system runs, inside the publishing transaction.

- a new form creates its table, its child tables and its indexes;
- a new field adds its column; a new `indexed` / `unique` mark adds the index (a unique
  index over duplicate values is refused with the count and samples);
- a type change is applied only when every stored value converts, otherwise refused
  with the count and sample values that fail;
- a field removed from the definition is kept as `deleted` (hidden), never dropped:
  `purge_field` drops a deleted field's column explicitly.
`plan` answers what a publish would do (the designer's impact preview) without writing.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import DefinitionInvalid, bilingual
from .model import FormModel, index_name

SAMPLES = 5
BATCH = 2000


def _problem(field: str, code: str, zh: str, en: str, **extra) -> dict:
    return {"pointer": f"/fields/{field}", "field": field, "code": code,
            "message": bilingual(zh, en), **extra}


def _existing_indexes(conn, table: str) -> set[str]:
    return {ix["name"] for ix in sa.inspect(conn).get_indexes(table)}


def plan(conn, new: FormModel, old: FormModel | None) -> dict:
    """What publishing `new` over `old` does: {"changes": [...], "problems": [...]}."""
    insp = sa.inspect(conn)
    changes, problems = [], []
    if not insp.has_table(new.table_name):
        changes.append({"op": "create_table", "table": new.table_name})
        return {"changes": changes, "problems": problems}
    existing = {c["name"] for c in insp.get_columns(new.table_name)}
    for t in new.fields.values():
        if not t.has_column:
            continue
        before = old.fields.get(t.id) if old else None
        if t.id not in existing:
            changes.append({"op": "add_column", "field": t.id})
        elif before is not None and before.has_column and before.column_signature() != t.column_signature():
            bad, samples = _unconvertible(conn, new.table, t)
            changes.append({"op": "change_type", "field": t.id, "from": before.key, "to": t.key,
                            "failing": bad, "samples": samples})
            if bad:
                problems.append(_problem(
                    t.id, "type_change_refused",
                    f"字段 {t.id} 不能从 {before.key} 改为 {t.key}:{bad} 个已存的值无法转换,例如 {samples}",
                    f"field {t.id} cannot change from {before.key} to {t.key}: {bad} stored values "
                    f"do not convert, e.g. {samples}", failing=bad, samples=samples))
    have = _existing_indexes(conn, new.table_name)
    for idx in new.indexes:
        if idx.name in have:
            continue
        field = idx.column
        changes.append({"op": "add_index", "field": field, "unique": bool(idx.unique)})
        if idx.unique and field in existing:
            dups, samples = _duplicates(conn, new.table, field)
            if dups:
                problems.append(_problem(
                    field, "unique_refused",
                    f"字段 {field} 不能设为唯一:{dups} 个值重复,例如 {samples}",
                    f"field {field} cannot be made unique: {dups} values are duplicated, e.g. {samples}",
                    failing=dups, samples=samples))
    for sub, child in new.child_tables.items():
        if not insp.has_table(child.name):
            changes.append({"op": "create_table", "table": child.name, "field": sub})
        else:
            have_cols = {c["name"] for c in insp.get_columns(child.name)}
            for col in child.columns:
                if col.name not in have_cols:
                    changes.append({"op": "add_column", "field": f"{sub}.{col.name}"})
    return {"changes": changes, "problems": problems}


def _unconvertible(conn, table: sa.Table, target) -> tuple[int, list]:
    col = sa.column(target.id)
    bad, samples = 0, []
    rows = conn.execute(sa.select(col).select_from(sa.table(table.name)).where(col.is_not(None)))
    for (value,) in rows:
        if not target.convertible(value):
            bad += 1
            if len(samples) < SAMPLES:
                samples.append(value if isinstance(value, (int, float, str)) else str(value))
    return bad, samples


def _duplicates(conn, table: sa.Table, field: str) -> tuple[int, list]:
    col = sa.column(field)
    q = (sa.select(col, sa.func.count()).select_from(sa.table(table.name))
         .where(col.is_not(None), sa.column("deleted_at").is_(None))
         .group_by(col).having(sa.func.count() > 1))
    rows = conn.execute(q).all()
    return len(rows), [r[0] for r in rows[:SAMPLES]]


def apply(conn, new: FormModel, old: FormModel | None) -> dict:
    """Sync the table; raise DefinitionInvalid (nothing changed) when a change is refused."""
    result = plan(conn, new, old)
    if result["problems"]:
        raise DefinitionInvalid(result["problems"])
    for change in result["changes"]:
        op = change["op"]
        if op == "create_table" and "field" not in change:
            new.table.create(conn)
            for idx in new.indexes:
                conn.exec_driver_sql(idx.ddl(new.table_name, conn.dialect))
            for child in new.child_tables.values():
                child.create(conn, checkfirst=True)
            return result
        if op == "create_table":
            new.child_tables[change["field"]].create(conn)
        elif op == "add_column":
            _add_column(conn, new, change["field"])
        elif op == "change_type":
            _change_type(conn, new, new.fields[change["field"]])
    have = _existing_indexes(conn, new.table_name)
    for idx in new.indexes:
        if idx.name not in have:
            conn.exec_driver_sql(idx.ddl(new.table_name, conn.dialect))
    return result


def _add_column(conn, model: FormModel, field: str) -> None:
    if "." in field:
        sub, name = field.split(".", 1)
        table = model.child_tables[sub]
    else:
        table, name = model.table, field
    col = table.c[name]
    ddl = sa.schema.CreateColumn(col).compile(dialect=conn.dialect)
    prep = conn.dialect.identifier_preparer
    conn.execute(sa.text(f"ALTER TABLE {prep.quote(table.name)} ADD COLUMN {ddl}"))


def _drop_indexes_on(conn, table: str, column: str) -> None:
    prep = conn.dialect.identifier_preparer
    for ix in sa.inspect(conn).get_indexes(table):
        if column in ix["column_names"]:
            conn.execute(sa.text(f"DROP INDEX {prep.quote(ix['name'])}"))


def _change_type(conn, model: FormModel, target) -> None:
    """Convert in place: add a new column, copy converted values, swap the columns."""
    prep = conn.dialect.identifier_preparer
    tname, tmp = model.table_name, f"{target.id}__new"
    coltype = target.column_type().compile(dialect=conn.dialect)
    conn.execute(sa.text(f"ALTER TABLE {prep.quote(tname)} ADD COLUMN {prep.quote(tmp)} {coltype}"))
    src = sa.table(tname, sa.column("id"), sa.column(target.id))
    dst = sa.table(tname, sa.column("id"), sa.column(tmp))
    last = None
    while True:
        q = sa.select(src.c.id, src.c[target.id]).order_by(src.c.id).limit(BATCH)
        if last is not None:
            q = q.where(src.c.id > last)
        rows = conn.execute(q).all()
        if not rows:
            break
        last = rows[-1][0]
        updates = []
        for rid, value in rows:
            if value is None:
                continue
            if hasattr(value, "isoformat"):
                value = value.isoformat()
            updates.append({"rid": rid, "v": target.to_db(target.coerce(value))})
        if updates:
            conn.execute(dst.update().where(dst.c.id == sa.bindparam("rid")).values({tmp: sa.bindparam("v")}), updates)
    _drop_indexes_on(conn, tname, target.id)
    conn.execute(sa.text(f"ALTER TABLE {prep.quote(tname)} DROP COLUMN {prep.quote(target.id)}"))
    conn.execute(sa.text(f"ALTER TABLE {prep.quote(tname)} RENAME COLUMN {prep.quote(tmp)} TO {prep.quote(target.id)}"))


def purge_column(conn, model: FormModel, field: str) -> None:
    """Drop a deleted field's column (explicit purge; data is gone afterwards)."""
    prep = conn.dialect.identifier_preparer
    if field in model.child_tables:
        conn.execute(sa.text(f"DROP TABLE IF EXISTS {prep.quote(model.child_tables[field].name)}"))
        return
    cols = {c["name"] for c in sa.inspect(conn).get_columns(model.table_name)}
    if field in cols:
        _drop_indexes_on(conn, model.table_name, field)
        conn.execute(sa.text(f"ALTER TABLE {prep.quote(model.table_name)} DROP COLUMN {prep.quote(field)}"))


__all__ = ["plan", "apply", "purge_column", "index_name"]
