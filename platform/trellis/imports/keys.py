"""Keys of an import: which file rows repeat each other, and which stored records the
rows of an update / upsert match.

`Seen` remembers, for the whole file, the first row holding each value of a unique field
and each key (as stored: "138 0013 8000" and "13800138000" are one number), so a later
row repeating it is refused naming both rows, in a dry run as in a real one (as digests,
`firstrows.py`: 20 bytes a value, a million-row file's mobiles in ~20 MB).
`lookup` finds the records of a chunk's keys in one query per 900 keys (the rows the
importing user may update only).
"""
from __future__ import annotations

import sqlalchemy as sa

from ..forms.types.base import CoerceError
from ..records.guarded import GuardedQuery
from ..storage.binding import among, batch, chunks
from ..records.validation import field_error, label
from .firstrows import FirstRows


def stored(t, value):
    """A cell as the field stores it, or None when empty or unreadable (the record
    service reports unreadable values itself)."""
    try:
        v = t.coerce(value)
    except CoerceError:
        return None
    if v is None:
        return None
    v = t.to_db(v)
    return v.isoformat() if hasattr(v, "isoformat") else v


class Seen:
    """First file row of every value of the tracked fields and of the key."""

    def __init__(self, form, names: list[str], keys: list[str]):
        self.form = form
        self.keys = keys
        self.key_at = [names.index(k) for k in keys]
        self.key_types = [form.field(k) for k in keys]
        single = keys[0] if len(keys) == 1 else None
        self.unique = [(names.index(t.id), t) for t in (form.field(n) for n in names)
                       if t is not None and t.field.get("unique") and t.id != single]
        self._values: dict[str, FirstRows] = {t.id: FirstRows() for _, t in self.unique}
        self._keys = FirstRows()

    def key_of(self, row) -> tuple | None:
        """The row's key as stored, or None when a part is empty or unreadable."""
        out = []
        for j, t in zip(self.key_at, self.key_types):
            v = stored(t, row[j])
            if v is None:
                return None
            out.append(v)
        return tuple(out)

    def check(self, rows: list, labels: list, refuse) -> list:
        """Refuse rows repeating an earlier row; returns each row's key (or None)."""
        form = self.form
        for j, t in self.unique:
            first = self._values[t.id]
            for i, row in enumerate(rows):
                v = stored(t, row[j])
                if v is None:
                    continue
                at = first.setdefault(v, labels[i])
                if at != labels[i]:
                    refuse(i, field_error(form, t.id, "duplicate_in_file", f"值 {row[j]} 与文件第 {at + 1} 行重复",
                                          f"value {row[j]} repeats row {at + 1} of the file", labels[i]))
        out = []
        if not self.keys:
            return [None] * len(rows)
        for i, row in enumerate(rows):
            key = self.key_of(row)
            out.append(key)
            if key is None:
                continue
            at = self._keys.setdefault(key, labels[i])
            if at != labels[i]:
                names = "、".join(label(form, k)[0] for k in self.keys)
                names_en = ", ".join(label(form, k)[1] for k in self.keys)
                shown = " / ".join(str(v) for v in key)
                refuse(i, field_error(form, self.keys[0], "duplicate_key",
                                      f"匹配字段({names})的值 {shown} 在文件第 {at + 1} 行和第 {labels[i] + 1} 行重复",
                                      f"the key ({names_en}) {shown} appears in row {at + 1} and row {labels[i] + 1} "
                                      f"of the file", labels[i]))
        return out


def lookup(conn, service, keys: list[str], wanted: set) -> dict[tuple, list[int]]:
    """key (as stored) -> ids of the live records holding it that the actor may update."""
    if not wanted:
        return {}
    form = service.form
    table = form.table
    cols = [table.c[k] for k in keys]
    types = [form.field(k) for k in keys]
    updatable = GuardedQuery.of(service.runtime, form, service.access, service.actor, "update")
    found: dict[tuple, list[int]] = {}
    size = max(1, batch(conn) // len(keys)) if len(keys) == 1 else max(1, 900 // len(keys))
    for part in chunks(sorted(wanted, key=repr), size):
        params = [tuple(_param(t, v) for t, v in zip(types, key)) for key in part]
        if len(keys) == 1:
            cond, bind = among(conn, cols[0]), {"values": [p[0] for p in params]}
        else:
            cond, bind = sa.tuple_(*cols).in_(params), {}
        for rid, *vals in conn.execute(updatable.filter_sql(cond).statement(table.c.id, *cols), bind):
            key = tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in vals)
            found.setdefault(key, []).append(rid)
    return found


def _param(t, v):
    """A stored key value back as a bind value (dates travel as ISO text in the key)."""
    if isinstance(v, str) and t.sql_kind in ("date", "datetime"):
        return t.to_db(v)
    return v
