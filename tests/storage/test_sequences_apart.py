"""A long transaction marked to take its numbers apart (an import) does not hold the
sequence's lock: on PostgreSQL another create gets the next numbers at once, and a rolled
back import leaves a gap; on SQLite (one writer at a time) the numbers stay in the caller's
transaction and a rollback gives them back."""
from __future__ import annotations

from trellis.storage.sequences import APART, allocate


def test_numbers_taken_apart_from_a_long_transaction(engine):
    pg = engine.dialect.name == "postgresql"
    with engine.connect() as long_tx:
        long_tx.begin()
        long_tx.info[APART] = True
        try:
            assert allocate(long_tx, "client.no", 5) == 1
            if pg:  # another create, meanwhile: never waits for the long transaction
                with engine.begin() as other:
                    other.exec_driver_sql("SET LOCAL lock_timeout = '2s'")
                    assert allocate(other, "client.no", 1) == 6
            long_tx.rollback()
        finally:
            long_tx.info.pop(APART, None)
    with engine.begin() as conn:
        assert allocate(conn, "client.no", 1) == (7 if pg else 1)


def test_unmarked_transactions_keep_their_numbers_to_themselves(engine):
    with engine.connect() as conn:
        conn.begin()
        assert allocate(conn, "ticket.no", 3) == 1
        conn.rollback()
    with engine.begin() as conn:
        assert allocate(conn, "ticket.no", 1) == 1
