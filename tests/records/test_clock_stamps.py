"""A write stamps the runtime's clock: created_at / updated_at / deleted_at of a record
and the time of its audit entries, so a simulated "three days later" sees records as
they would be then. SQLite and PostgreSQL."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from samples import install
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime
from trellis.security.audit import history, verify


@pytest.fixture
def rt(engine):
    runtime = Runtime(engine, ttl=0, clock=SimulatedClock(datetime(2031, 5, 4, 9, 30, 15, 123456)))
    install(runtime)
    return runtime


def _stamps(rt, record_id):
    t = rt.form("demo", "client").table
    with rt.engine.connect() as conn:
        return conn.execute(t.select().where(t.c.id == record_id)).mappings().one()


def test_records_and_their_audit_entries_carry_the_runtime_clock(rt):
    svc = rt.records("demo", "client")
    c = svc.create({"name": "甲"})
    row = _stamps(rt, c["id"])
    assert row["created_at"] == row["updated_at"] == datetime(2031, 5, 4, 9, 30, 15)

    rt.clock.advance(timedelta(days=3))
    svc.update(c["id"], {"name": "乙"})
    row = _stamps(rt, c["id"])
    assert row["created_at"] == datetime(2031, 5, 4, 9, 30, 15)
    assert row["updated_at"] == datetime(2031, 5, 7, 9, 30, 15)

    rt.clock.advance(timedelta(hours=1))
    svc.delete(c["id"])
    assert _stamps(rt, c["id"])["deleted_at"] == datetime(2031, 5, 7, 10, 30, 15)

    with rt.engine.connect() as conn:
        ats = [e["at"] for e in history(conn, "demo", "client", c["id"])]
    assert [a[:19] for a in ats] == ["2031-05-07T10:30:15", "2031-05-07T09:30:15", "2031-05-04T09:30:15"]
    assert verify(rt.engine)["ok"]
