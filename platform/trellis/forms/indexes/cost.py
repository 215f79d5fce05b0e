"""What an index costs: the table's rows, the index's estimated size and build time, and
the indexes that already exist.

Sizes follow each engine's B-tree layout. SQLite stores an index entry as a record
(header, key, rowid) in a cell with a 2-byte pointer: about key + 9 bytes, pages about
90 % full after CREATE INDEX. PostgreSQL stores an 8-byte tuple header plus the key,
aligned to 8 bytes, a 4-byte line pointer, leaves filled to 90 %, plus the meta and
upper pages; repeated keys share one tuple (deduplication). The key width is measured on a sample of up to 1,000 rows. Build time is
rows x a per-row rate with a log factor for the sort, taken from the last index this
process built on the same engine, else from a rate measured on this project's benchmark.
"""
from __future__ import annotations

import math
import threading

import sqlalchemy as sa

SAMPLE = 1000
PAGE = {"sqlite": 4096, "postgresql": 8192}
# microseconds per row per log2(rows) step (tests/bench/bench_index_advice.py, 2 cores)
DEFAULT_RATE = {"sqlite": 0.07, "postgresql": 0.2}
_measured: dict[str, float] = {}
_lock = threading.Lock()


def existing_indexes(conn, table: str) -> dict[str, dict]:
    """column -> {"name", "unique"} for each index whose first column it is."""
    out: dict[str, dict] = {}
    for ix in sa.inspect(conn).get_indexes(table):
        cols = ix.get("column_names") or []
        if cols and cols[0] and cols[0] not in out:
            out[cols[0]] = {"name": ix["name"], "unique": bool(ix.get("unique"))}
    return out


def row_count(conn, table: str) -> tuple[int, bool]:
    """(rows, exact): PostgreSQL's statistics once the table is large, else a count."""
    q = conn.dialect.identifier_preparer.quote
    if conn.dialect.name == "postgresql":
        est = conn.execute(sa.text("SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)"),
                           {"t": q(table)}).scalar()
        if est is not None and est >= 100_000:
            return int(est), False
    return int(conn.exec_driver_sql(f"SELECT count(*) FROM {q(table)}").scalar() or 0), True


def key_sample(conn, table: str, column: str) -> tuple[float, float, float]:
    """(average stored bytes of a non-null key, share of nulls, share of repeated keys among
    the non-null ones) over a sample of rows."""
    q = conn.dialect.identifier_preparer.quote
    col = q(column)
    size = f"pg_column_size({col})" if conn.dialect.name == "postgresql" else (
        f"CASE WHEN typeof({col}) IN ('integer', 'real') THEN 8 ELSE length(CAST({col} AS BLOB)) END")
    row = conn.exec_driver_sql(
        f"SELECT count(*), count({col}), avg({size}), count(DISTINCT {col}) "
        f"FROM (SELECT {col} FROM {q(table)} LIMIT {SAMPLE}) s").one()
    n, filled, avg, distinct = row
    if not n:
        return 8.0, 0.0, 0.0
    return float(avg or 0.0), 1.0 - filled / n, (1.0 - distinct / filled) if filled else 0.0


def size_bytes(dialect: str, rows: int, key: float, nulls: float, repeats: float = 0.0) -> int:
    """The estimated on-disk size of a single-column B-tree index. PostgreSQL (13+) keeps
    one tuple per repeated key with a 6-byte heap pointer per row (deduplication)."""
    if rows <= 0:
        return PAGE.get(dialect, 4096)
    if dialect == "postgresql":
        filled = 4 + 8 * math.ceil((8 + key) / 8)
        empty = 4 + 16
        per_key = repeats * 6 + (1 - repeats) * filled
        leaf = rows * ((1 - nulls) * per_key + nulls * empty) / 0.9
        return int(leaf * 1.01 + 2 * PAGE["postgresql"])
    entry = (1 - nulls) * (key + 9) + nulls * 9
    return int(rows * entry / 0.9 * 1.01 + PAGE["sqlite"])


def build_ms(dialect: str, rows: int) -> float:
    """The estimated time to build the index (a sort of the rows, then the tree)."""
    if rows <= 0:
        return 0.0
    rate = _measured.get(dialect, DEFAULT_RATE.get(dialect, 0.05))
    return rows * rate * max(1.0, math.log2(rows)) / 1000


def learn(dialect: str, rows: int, ms: float, count: int = 1) -> None:
    """Keep the per-row rate of an index just built (`count` indexes took `ms`)."""
    if rows < 10_000 or count < 1:
        return  # small tables time the transaction, not the build
    rate = ms / count * 1000 / (rows * math.log2(rows))
    with _lock:
        _measured[dialect] = rate


def estimate(conn, table: str, column: str, rows: int) -> dict:
    """The cost of indexing `column`: {"rows", "key_bytes", "null_share", "size_bytes", "build_ms"}."""
    dialect = conn.dialect.name
    key, nulls, repeats = key_sample(conn, table, column)
    return {"rows": rows, "key_bytes": round(key, 1), "null_share": round(nulls, 3),
            "size_bytes": size_bytes(dialect, rows, key, nulls, repeats), "build_ms": round(build_ms(dialect, rows), 1),
            "blocks_writes": True}
