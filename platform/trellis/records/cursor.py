"""Sorting and keyset pagination.

`sort` is "-equity,name" (or a list): multi-key, `-` for descending, and the record id
is always added as the last key so the order is total. NULLs sort as the smallest value
on every database. A cursor is the last row's sort values, base64url-encoded JSON with
type tags so dates and datetimes come back as such; a cursor whose values do not fit
the sort columns (a number past 64 bits, text for a date, a null id) is refused (400).
`keyset_condition` turns it into the WHERE clause that continues after that row.
"""
from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from ..kernel.errors import BadRequest
from ..forms.model import SYSTEM_FIELDS
from ..forms.types.base import INT32_MAX, INT64_MAX, INT64_MIN


@dataclass
class SortKey:
    name: str
    column: sa.Column
    desc: bool
    clause: object


def _clause(col, desc: bool, dialect_pg: bool):
    if not dialect_pg:  # SQLite already sorts NULLs first ascending, last descending
        return col.desc() if desc else col.asc()
    return col.desc().nulls_last() if desc else col.asc().nulls_first()


def parse_sort(sort) -> list[str]:
    if not sort:
        return []
    if isinstance(sort, str):
        sort = sort.split(",")
    return [s.strip() for s in sort if s and s.strip()]


def order_by(form, sort, bad_field, dialect_pg: bool = False, can_see=None) -> list[SortKey]:
    keys: list[SortKey] = []
    table = form.table
    for item in parse_sort(sort):
        desc = item.startswith("-")
        name = item.lstrip("-+")
        if name not in SYSTEM_FIELDS:
            t = form.field(name)
            if t is None or not t.in_row or (can_see is not None and not can_see(name)):
                raise bad_field(name, "sort")
            if not t.sortable:
                raise BadRequest(f"字段 {name} 不能排序", f"field {name} cannot be sorted",
                                 code="not_sortable", details={"field": name})
        if any(k.name == name for k in keys):
            continue
        col = form.sql(name).column if name not in SYSTEM_FIELDS else table.c[name]
        keys.append(SortKey(name, col, desc, _clause(col, desc, dialect_pg)))
    if not any(k.name == "id" for k in keys):
        keys.append(SortKey("id", table.c.id, False, table.c.id.asc()))
    return keys


def _tag(v):
    if isinstance(v, datetime):
        return ["dt", v.isoformat()]
    if isinstance(v, date):
        return ["d", v.isoformat()]
    if isinstance(v, Decimal):
        return ["n", float(v)]
    return ["v", v]


def _untag(pair, column):
    """A cursor value, checked against its column (anything else: ValueError)."""
    if not isinstance(pair, list) or len(pair) != 2:
        raise ValueError("not a tagged value")
    kind, v = pair
    ctype = column.type
    if v is None:
        if column.name == "id":
            raise ValueError("null id")
        return None
    if kind == "dt" and isinstance(ctype, sa.DateTime) and type(v) is str:
        return datetime.fromisoformat(v)
    if kind == "d" and isinstance(ctype, sa.Date) and type(v) is str:
        return date.fromisoformat(v)
    if kind not in ("v", "n"):
        raise ValueError("tag does not fit the column")
    t = type(v)
    if isinstance(ctype, sa.Integer):
        high = INT64_MAX if isinstance(ctype, sa.BigInteger) else INT32_MAX  # version, created_by: INTEGER
        ok = t is int and -high - 1 <= v <= high
    elif isinstance(ctype, sa.Numeric):
        ok = (t is int and INT64_MIN <= v <= INT64_MAX) or (t is float and math.isfinite(v))
    elif isinstance(ctype, sa.Boolean):
        ok = t is bool
    elif isinstance(ctype, (sa.Date, sa.DateTime)):
        ok = False  # dates and datetimes come tagged "d" / "dt"
    elif isinstance(ctype, sa.String):
        ok = t is str
    else:
        ok = t in (str, bool) or (t is int and INT64_MIN <= v <= INT64_MAX) or (t is float and math.isfinite(v))
    if not ok:
        raise ValueError("value does not fit the column")
    return v


def encode_cursor(keys: list[SortKey], row) -> str:
    payload = [_tag(row[k.name]) for k in keys]
    raw = json.dumps([[k.name for k in keys], payload], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, keys: list[SortKey]) -> list:
    """The sort values a cursor holds, one per key, each of its column's type (else 400)."""
    try:
        pad = "=" * (-len(cursor) % 4)
        names, payload = json.loads(base64.urlsafe_b64decode(cursor + pad))
        if names != [k.name for k in keys] or not isinstance(payload, list) or len(payload) != len(keys):
            raise ValueError("sort changed")
        return [_untag(p, k.column) for p, k in zip(payload, keys)]
    except (ValueError, TypeError, RecursionError):
        raise BadRequest("参数 cursor 无效或与排序不符", "parameter cursor is invalid or does not match the sort",
                         code="bad_cursor", details={"param": "cursor"}) from None


def keyset_condition(keys: list[SortKey], values: list):
    """Rows strictly after the cursor row in the (NULLs-smallest) order of `keys`."""
    cond = None
    for key, v in reversed(list(zip(keys, values))):
        col = key.column
        if cond is None:  # the last key is the unique id
            cond = col < v if key.desc else col > v
            continue
        if v is None:
            cond = sa.and_(col.is_(None), cond) if key.desc else sa.or_(col.is_not(None), sa.and_(col.is_(None), cond))
        elif key.desc:
            cond = sa.or_(col < v, col.is_(None), sa.and_(col == v, cond))
        else:
            cond = sa.or_(col > v, sa.and_(col == v, cond))
    return cond
