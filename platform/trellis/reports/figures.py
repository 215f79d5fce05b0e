"""The figures of one report on one guarded query, aggregated in the database: the groups
(dimensions, dates by period), the totals, and the subtotals a pivot asks for (one GROUP BY
per level: a distinct count's subtotal is not the sum of its groups). A dimension with
`top: N` keeps its N largest values by the report's first measure and folds the rest into
one `__other__` (其他) group, counted by the query of the rest (not summed in Python).

Formula measures are worked out per row from the aggregated values (JsonLogic over the
measures' ids), never over records."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from ..kernel.errors import TrellisError
from ..kernel.timestamps import stamp
from ..logic import evaluate

MAX_ROWS = 10_000
OTHER = "__other__"


def _aggregated(query, body: dict):
    for m in body["measures"]:
        if "agg" in m:
            query = query.measure(m["agg"], m.get("field"), label=m["id"], p=m.get("p"), where=m.get("filter"))
    return query


def _grouped(query, dims: list[dict]):
    return query.group_by(*[d["field"] for d in dims],
                          buckets={d["field"]: d["bucket"] for d in dims if d.get("bucket")})


def totals(conn, query, body: dict) -> dict:
    found = conn.execute(_aggregated(query, body).statement()).mappings().first()
    return worked_out(body, {k: plain(v) for k, v in (found or {}).items()})


def groups(conn, query, body: dict, dims: list[dict]) -> tuple[list[dict], bool]:
    """(rows as {column id: value}, truncated) grouped by `dims`."""
    if not dims:
        return [totals(conn, query, body)], False
    top = next((d for d in dims if d.get("top")), None)
    if top is None:
        found = conn.execute(_aggregated(_grouped(query, dims), body).statement(limit=MAX_ROWS + 1)).mappings().all()
        rows = [worked_out(body, {k: plain(v) for k, v in r.items()}) for r in found[:MAX_ROWS]]
        return rows, len(found) > MAX_ROWS
    field = top["field"]
    kept = _leaders(conn, query, body, top)
    plain_dims = [dict(d, top=None) for d in dims]
    rows, cut = groups(conn, query.where({"in": [{"var": field}, kept]}, "top"), body, plain_dims) if kept else ([], False)
    rest = query.where({"or": [{"!": {"in": [{"var": field}, kept]}}, {"==": [{"var": field}, None]}]}, "top")
    others = [d for d in plain_dims if d["field"] != field]
    counted = conn.execute(rest.measure("count", label="n").statement()).scalar() or 0
    if counted:
        more, cut2 = groups(conn, rest, body, others)
        rows += [dict(r, **{field: OTHER}) for r in more]
        cut = cut or cut2
    return rows, cut


def _leaders(conn, query, body: dict, dim: dict) -> list:
    """The `top` values of `dim` by the report's first aggregated measure, largest first."""
    first = next(m for m in body["measures"] if "agg" in m)
    q = _grouped(query, [dim]).measure(first["agg"], first.get("field"), label="lead", p=first.get("p"),
                                                   where=first.get("filter"))
    stmt = q.statement().order_by(None).order_by(sa.literal_column("lead").desc()).limit(dim["top"])
    return [r[0] for r in conn.execute(stmt) if r[0] is not None]


def subtotals(conn, query, body: dict, levels: list[list[str]]) -> list[dict]:
    """{"by": [dimension ids], "rows": [{...}]} for each level (a subset of the dimensions)."""
    dims = {d["field"]: d for d in body.get("dimensions") or []}
    out = []
    for level in levels:
        rows, _cut = groups(conn, query, body, [dims[f] for f in level])
        out.append({"by": list(level), "rows": rows})
    return out


def worked_out(body: dict, row: dict) -> dict:
    """The formula measures of one row, in their order (a later formula may use an earlier one)."""
    for m in body["measures"]:
        if "formula" in m:
            try:
                value = evaluate(m["formula"], row)
            except (TrellisError, ArithmeticError, TypeError, ValueError):
                value = None
            finite = isinstance(value, (int, float)) and value == value and abs(value) != float("inf")
            row[m["id"]] = value if finite else None
    return row


def plain(value):
    """A database value as JSON: decimals as numbers, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def sorted_rows(rows: list[dict], sort: list[dict]) -> list[dict]:
    """Sorted by dimensions or measures (empty values and 其他 last), the first key first."""
    for key in reversed(sort):
        by, desc = key["by"], bool(key.get("desc"))
        present = [r for r in rows if r.get(by) is not None and r.get(by) != OTHER]
        missing = [r for r in rows if r.get(by) is None or r.get(by) == OTHER]
        try:
            present.sort(key=lambda r: r[by], reverse=desc)
        except TypeError:
            present.sort(key=lambda r: str(r[by]), reverse=desc)
        rows = present + missing
    return rows
