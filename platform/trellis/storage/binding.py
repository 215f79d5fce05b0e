"""Binding many values to one statement: chunks that stay under SQLite's bound-parameter
limit, and `among` (a column is one of a list of values) in the form each database
answers best. Used by every batched lookup (record checks, reads by id, imports)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

CHUNK = 900  # stays under SQLite's bound-parameter limit


def chunks(values: list, n: int = CHUNK):
    """`values` in consecutive slices of at most `n`."""
    for i in range(0, len(values), n):
        yield values[i:i + n]


def among(conn, col, name: str = "values"):
    """`col` is one of the values bound as `{name: [...]}`, without an expression per value:
    PostgreSQL `col = ANY(array)` (one parameter, hashed by the server), else an expanding
    `IN (...)` (keep lists within `batch(conn)` values)."""
    if conn.dialect.name == "postgresql":
        return col == sa.func.any(sa.bindparam(name, type_=ARRAY(col.type)))
    return col.in_(sa.bindparam(name, expanding=True))


def one_of(col, values):
    """`col` is one of a few fixed values, as plain parameters: a statement built once then
    runs without the per-execution expansion an `IN` list of values gets."""
    return sa.or_(*(col == v for v in values))


def batch(conn) -> int:
    """How many values one lookup may bind (SQLite counts each one; PostgreSQL binds an array)."""
    return 20000 if conn.dialect.name == "postgresql" else CHUNK
