"""Rollups after an insert-only batch, by delta: a count, a sum, a min or a max over the
related records changes by what the new rows add, so the parents' stored values are
moved by that (one statement per parent form and batch, `col = col + :delta`,
`col = CASE WHEN :v > col ...`) instead of aggregating every related row again. Exact:
the new rows are tested against the rollup's filter with the rule language's evaluator
(the same answers as its SQL, decision 4) and against its window in Python; sums are
added as decimals and rounded to the source's precision like the aggregate. A row-level
`col + :delta` also stays exact under concurrent inserts (PostgreSQL re-reads the locked
row). Averages, distinct counts, `latest` and filters that read another form's fields
are recomputed instead (records/rollups.py).
"""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import json

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from ..logic import compile_rule, rule_vars, truthy

DELTA = ("count", "sum", "min", "max")


def deltable(r) -> bool:
    """May this rollup follow an insert by delta? (Not a min / max of text: PostgreSQL's
    collation, not Python, orders text.)"""
    t = r.field
    if t.aggregate not in DELTA:
        return False
    if t.aggregate in ("min", "max") and r.source.field(t.value_field).sql_kind not in ("number", "date", "datetime"):
        return False
    return t.filter in (None, True, {}) or not any("." in v for v in rule_vars(t.filter))


def _window_test(r, on):
    t = r.field
    if not t.window:
        return None
    first = on - timedelta(days=int(t.window["days"]) - 1)
    name = t.window["field"]
    if r.source.field(name).sql_kind == "datetime":
        low, high = f"{first.isoformat()}T00:00:00", f"{(on + timedelta(days=1)).isoformat()}T00:00:00"
        return lambda doc: (v := doc.get(name)) is not None and low <= str(v)[:19] < high
    low, high = first.isoformat(), on.isoformat()
    return lambda doc: (v := doc.get(name)) is not None and low <= str(v)[:10] <= high


def _rule(t):
    """The rollup's filter compiled once per field-type instance (None: no filter)."""
    if t.filter in (None, True, {}):
        return None
    rule = t.__dict__.get("_compiled_filter")
    if rule is None:
        rule = t.__dict__["_compiled_filter"] = compile_rule(t.filter)
    return rule


def changes(r, rows: list[dict], on) -> dict:
    """{parent id: what the rows add} for rollup `r` (a count, a Decimal sum, or the
    min / max of the new values as the column stores them, None when none qualifies)."""
    t = r.field
    inside, rule = _window_test(r, on), _rule(t)
    rel, name, agg = r.relation, t.value_field, t.aggregate
    start = 0 if agg == "count" else Decimal(0) if agg == "sum" else None
    out = dict.fromkeys({doc.get(rel) for doc in rows}, start)
    out.pop(None, None)
    if inside is not None:
        rows = [doc for doc in rows if inside(doc)]
    if rule is not None:
        rows = [doc for doc in rows if truthy(rule(doc))]
    pairs = [(doc.get(rel), doc.get(name)) for doc in rows] if name else [(doc.get(rel), 1) for doc in rows]
    pairs = [(pid, v) for pid, v in pairs if pid is not None and v is not None]
    if agg == "count":
        for pid, _v in pairs:
            out[pid] += 1
    elif agg == "sum":
        for pid, v in pairs:
            out[pid] += v if type(v) is int else Decimal(str(v))
    else:  # dates and date-times compare as their ISO text, numbers as numbers (see deltable)
        best: dict = {}
        low = agg == "min"
        for pid, v in pairs:
            b = best.get(pid)
            if b is None or (v < b if low else v > b):
                best[pid] = v
        to_db = r.source.field(name).to_db
        out.update({pid: to_db(v) for pid, v in best.items()})
    return out


def _kind(t, col):
    if t.aggregate == "count":
        return sa.BigInteger()
    if t.aggregate == "sum":
        return sa.Numeric(40, 10)
    return col.type


def _sets(table, found: dict, value) -> dict:
    """The SET clause; `value(name, type)` is where a parent's change is read from."""
    sets = {}
    for r in found:
        t = r.field
        col, name = table.c[t.id], f"d_{t.id}"
        v = value(name, _kind(t, col))
        if t.aggregate in ("count", "sum"):
            expr = sa.func.coalesce(col, 0) + v
            sets[t.id] = sa.func.round(expr, t.scale) if t.aggregate == "sum" and t.scale else expr
        else:
            better = v < col if t.aggregate == "min" else v > col
            sets[t.id] = sa.case((v.is_(None), col), (sa.or_(col.is_(None), better), v), else_=col)
    return sets


def _plain(value):
    """A change (as the column's type binds it) as JSON: decimals as numbers."""
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return value


def apply_deltas(conn, parent, found: dict) -> set:
    """Move the stored values: `found` {rollup: {parent id: change}} of one parent form;
    one statement (UPDATE ... FROM unnest(arrays) on PostgreSQL, FROM json_each on SQLite).
    Returns the parent ids touched."""
    table = parent.table
    params: dict = {}
    for r, by_parent in found.items():
        for pid, change in by_parent.items():
            params.setdefault(pid, {})[f"d_{r.field.id}"] = change
    if not params:
        return set()
    zero = {"count": 0, "sum": Decimal(0)}
    names = {f"d_{r.field.id}": zero.get(r.field.aggregate) for r in found}
    rows = [{**names, **values, "_pid": pid} for pid, values in sorted(params.items())]
    kinds = {f"d_{r.field.id}": _kind(r.field, table.c[r.field.id]) for r in found}
    if conn.dialect.name == "postgresql":
        arrays = [sa.bindparam("a__pid", [row["_pid"] for row in rows], type_=ARRAY(sa.BigInteger()))]
        arrays += [sa.bindparam(f"a_{n}", [row[n] for row in rows], type_=ARRAY(kinds[n])) for n in names]
        d = sa.func.unnest(*arrays).table_valued("_pid", *names).render_derived(name="d")
    else:  # SQLite: the rows as one JSON array of arrays, read by json_each (one bound parameter)
        order = ["_pid", *names]
        stored = [None] + [kinds[n].dialect_impl(conn.dialect).bind_processor(conn.dialect) for n in names]
        data = json.dumps([[_plain(p(row[n]) if p and row[n] is not None else row[n]) for n, p in zip(order, stored)]
                           for row in rows], separators=(",", ":"))
        each = sa.func.json_each(sa.bindparam("data", data, type_=sa.Text())).table_valued("value")
        d = sa.select(*[sa.func.json_extract(each.c.value, f"$[{i}]").label(n) for i, n in enumerate(order)]
                      ).select_from(each).subquery("d")
    conn.execute(table.update().where(table.c.id == d.c._pid).values(_sets(table, found, lambda n, k: d.c[n])))
    return set(params)
