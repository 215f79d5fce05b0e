"""Sub-table rows: child rows edited inside their parent, stored in the child table
`<form table>__<field>` (parent_id, position, child columns). Written by the record
service in the parent's transaction; read in one batched query per field."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage.binding import chunks


def write_children(conn, form, docs: list[dict], ids: list[int], *, replace: bool) -> None:
    for field_id, table in form.child_tables.items():
        sub = form.fields[field_id]
        touched = [(rid, doc[field_id]) for doc, rid in zip(docs, ids) if field_id in doc]
        if not touched:
            continue
        if replace:
            for part in chunks([rid for rid, _ in touched]):
                conn.execute(table.delete().where(table.c.parent_id.in_(part)))
        values = []
        for rid, rows in touched:
            for pos, row in enumerate(rows or []):
                v = {c.id: (c.to_db(row.get(c.id)) if row.get(c.id) is not None else None) for c in sub.children}
                v.update(parent_id=rid, position=pos)
                values.append(v)
        if values:
            conn.execute(table.insert(), values)


def read_children(conn, form, field_id: str, ids: list[int]) -> dict[int, list[dict]]:
    table = form.child_tables[field_id]
    sub = form.fields[field_id]
    out: dict[int, list[dict]] = {rid: [] for rid in ids}
    for part in chunks(list(ids)):
        q = sa.select(table).where(table.c.parent_id.in_(part)).order_by(table.c.parent_id, table.c.position)
        for r in conn.execute(q).mappings():
            out[r["parent_id"]].append({c.id: c.from_db(r[c.id]) if r[c.id] is not None else None
                                        for c in sub.children})
    return out
