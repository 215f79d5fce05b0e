"""Prepared statements (storage/prepared.py) read and write exactly what Core does: the same
rows back (times, JSON, decimals, NULLs), the same stored values, row counts, an INSERT's
RETURNING, fixed values of the statement; a statement with an expanding list is refused;
`prepare=False` and PostgreSQL go through Core. Both databases."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from trellis.storage.prepared import Prepared

MD = sa.MetaData()
THING = sa.Table("prepared_thing", MD, sa.Column("id", sa.Integer, primary_key=True),
                 sa.Column("name", sa.String(40)), sa.Column("at", sa.DateTime), sa.Column("doc", sa.JSON),
                 sa.Column("price", sa.Numeric(12, 2)), sa.Column("state", sa.String(10)))
GET = sa.select(THING).where(THING.c.id == sa.bindparam("i"))
AT = datetime(2026, 10, 8, 15, 0, 0, 123456)


@pytest.fixture
def conn(engine):
    MD.create_all(engine)
    with engine.begin() as c:
        yield c
    MD.drop_all(engine)


def test_rows_come_back_as_through_core(conn):
    ins = Prepared(THING.insert().values(name=sa.bindparam("n"), at=sa.bindparam("a"), doc=sa.bindparam("d"),
                                         price=sa.bindparam("p"), state="new").returning(THING.c.id))
    first = ins.scalar(conn, {"n": "甲", "a": AT, "d": {"k": [1, "二"]}, "p": Decimal("12.50")})
    second = ins.scalar(conn, {"n": None, "a": None, "d": None, "p": None})
    assert (first, second) == (1, 2)
    for i in (first, second):
        core = dict(conn.execute(GET, {"i": i}).mappings().first())
        assert Prepared(GET).first(conn, {"i": i}) == core
        assert Prepared(GET, prepare=False).first(conn, {"i": i}) == core
    assert Prepared(GET).first(conn, {"i": first})["at"] == AT
    assert Prepared(GET).first(conn, {"i": first})["doc"] == {"k": [1, "二"]}
    assert Prepared(GET).first(conn, {"i": first})["state"] == "new"  # the statement's fixed value
    assert Prepared(GET).first(conn, {"i": 99}) is None
    listed = Prepared(sa.select(THING.c.id, THING.c.name).order_by(THING.c.id.desc()))
    assert listed.all(conn) == [{"id": 2, "name": None}, {"id": 1, "name": "甲"}]
    assert Prepared(sa.select(sa.func.count()).select_from(THING)).scalar(conn) == 2


def test_writes_count_their_rows_and_store_what_core_stores(conn):
    conn.execute(THING.insert(), [{"name": f"n{i}", "state": "open"} for i in range(3)])
    close = Prepared(THING.update().where(THING.c.state == "open", THING.c.id != sa.bindparam("keep"))
                     .values(state="closed", at=sa.bindparam("a"), doc=sa.bindparam("d")))
    assert close.run(conn, {"keep": 2, "a": AT, "d": {"why": "done"}}) == 2
    assert close.run(conn, {"keep": 2, "a": AT, "d": None}) == 0
    core = THING.update().where(THING.c.id == 2).values(state="closed", at=AT, doc={"why": "done"})
    conn.execute(core)
    stored = conn.execute(sa.select(sa.cast(THING.c.at, sa.String), sa.cast(THING.c.doc, sa.String))
                          .order_by(THING.c.id)).all()
    assert stored[0] == stored[1] == stored[2]  # the same text in the database either way


def test_an_expanding_list_is_refused(conn, engine):
    stmt = Prepared(sa.select(THING).where(THING.c.id.in_(sa.bindparam("ids", expanding=True))))
    if engine.dialect.name == "sqlite":
        with pytest.raises(ValueError):
            stmt.all(conn, {"ids": [1, 2]})
    assert Prepared(stmt.stmt, prepare=False).all(conn, {"ids": [1, 2]}) == []


def test_a_savepoint_keeps_or_undoes_its_block_alone(conn):
    from trellis.storage.prepared import savepoint

    conn.execute(THING.insert().values(name="kept"))
    with savepoint(conn):
        conn.execute(THING.insert().values(name="inner"))
    with pytest.raises(ZeroDivisionError):
        with savepoint(conn):
            conn.execute(THING.insert().values(name="undone"))
            with savepoint(conn):
                conn.execute(THING.insert().values(name="undone too"))
            1 / 0
    conn.execute(THING.insert().values(name="after"))
    assert list(conn.execute(sa.select(THING.c.name).order_by(THING.c.id)).scalars()) == ["kept", "inner", "after"]
