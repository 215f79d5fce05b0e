"""Number sequences (auto-numbers, 流水号): blocks of numbers allocated in one statement
inside the caller's transaction, so a rolled-back write gives its numbers back.

A long transaction (an import) would hold the sequence's row lock to its end and stall
every other create of the form: a connection marked `conn.info[APART] = True` takes its
numbers in a short transaction of its own on PostgreSQL (a failed import leaves a gap).
SQLite has one writer at a time anyway, and keeps them in the caller's transaction."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from . import models as m


APART = "trellis.sequences_apart"


def allocate(conn, key: str, n: int = 1) -> int:
    """Reserve n numbers of sequence `key`; return the first (numbers start at 1)."""
    if conn.info.get(APART) and conn.dialect.name == "postgresql":
        with conn.engine.begin() as own:
            return _allocate(own, key, n)
    return _allocate(conn, key, n)


def _allocate(conn, key: str, n: int) -> int:
    insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
    t = m.sequence
    stmt = insert(t).values(key=key, value=n)
    stmt = stmt.on_conflict_do_update(index_elements=[t.c.key], set_={"value": t.c.value + n})
    last = conn.execute(stmt.returning(t.c.value)).scalar_one()
    return last - n + 1


@dataclass
class SequenceContext:
    """What field types see in `fill_on_create`: the write's time and the allocator."""

    conn: object
    now: datetime

    def next_sequence(self, key: str, n: int = 1) -> int:
        return allocate(self.conn, key, n)
