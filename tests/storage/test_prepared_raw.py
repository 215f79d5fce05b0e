"""`Prepared(..., postgresql=True)` runs on psycopg's raw cursor on PostgreSQL (on SQLite as
ever): the same rows back as through Core (times, JSON, decimals read as floats, NULLs),
also once psycopg prepares it on the server (after a few runs on one connection), with
the statement's fixed values. Both databases."""
from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from trellis.storage.prepared import Prepared

MD = sa.MetaData()
ROW = sa.Table("prepared_raw_row", MD, sa.Column("id", sa.BigInteger, primary_key=True),
               sa.Column("name", sa.String(40)), sa.Column("at", sa.DateTime), sa.Column("day", sa.Date),
               sa.Column("doc", sa.JSON), sa.Column("amount", sa.Numeric(15, 2, asdecimal=False)),
               sa.Column("ratio", sa.Float(53)), sa.Column("flag", sa.Boolean), sa.Column("state", sa.String(10)))


@pytest.fixture
def conn(engine):
    MD.create_all(engine)
    with engine.begin() as c:
        c.execute(ROW.insert(), [
            {"id": 1, "name": "甲", "at": datetime(2026, 10, 8, 15, 0, 1), "day": date(2026, 10, 8),
             "doc": {"k": [1, "二"]}, "amount": 12.5, "ratio": 0.25, "flag": True, "state": "open"},
            {"id": 2, "name": None, "at": None, "day": None, "doc": None, "amount": None, "ratio": None,
             "flag": None, "state": "closed"}])
        yield c
    MD.drop_all(engine)


def test_rows_come_back_as_through_core(conn):
    stmt = (sa.select(ROW, (ROW.c.amount * 2).label("twice"), sa.literal("常量").label("fixed"))
            .where(ROW.c.id == sa.bindparam("id"), ROW.c.state != "gone"))
    raw = Prepared(stmt, postgresql=True).ready(conn.dialect)
    core = Prepared(stmt, prepare=False)
    for _ in range(8):  # past psycopg's prepare threshold
        for i in (1, 2, 3):
            got, want = raw.all(conn, {"id": i}), core.all(conn, {"id": i})
            assert got == want
            assert [type(v) for r in got for v in r.values()] == [type(v) for r in want for v in r.values()]
    one = raw.first(conn, {"id": 1})
    assert (one["doc"], one["amount"], one["fixed"], one["day"]) == ({"k": [1, "二"]}, 12.5, "常量", date(2026, 10, 8))


def test_without_the_flag_postgresql_goes_through_core(conn):
    stmt = sa.select(ROW.c.id).where(ROW.c.id == sa.bindparam("id"))
    assert Prepared(stmt).first(conn, {"id": 2}) == {"id": 2}
    assert Prepared(stmt, postgresql=True).first(conn, {"id": 2}) == {"id": 2}
