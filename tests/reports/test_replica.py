"""The columnar replica keeps up with the main database, on both databases: after each kind
of write (a new record, an update, a soft delete and its restore, a bulk load, rows written
by another process — seen only through the shared data version —, a row removed outright,
a form's new version) the next report reads DuckDB and counts exactly what the main
database counts; a report DuckDB cannot run (a multi-select membership) is answered by the
main database with the same figures; small forms and rules that pin an indexed field stay
on the main database."""
from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa

from samples import CLIENT
from test_report_data import publish
from trellis.kernel.actor import SYSTEM
from trellis.reports.replica import ColumnarReplica

REPORT = {"schema_version": 1, "id": "by_risk", "label": {"zh": "风险", "en": "Risk"}, "form": "client",
          "dimensions": [{"field": "risk_level"}],
          "measures": [{"id": "n", "agg": "count"}, {"id": "equity", "agg": "sum", "field": "equity"}]}


@pytest.fixture
def rt(world):
    if world.reports.replica is None:
        pytest.skip("the columnar world only")
    publish(world, REPORT)
    return world


def both(rt, key="by_risk", filters=None) -> tuple[dict, dict]:
    """(the replica's figures, the main database's), uncached."""
    body, version = rt.reports.definition("demo", key)
    replica, rt.reports.replica = rt.reports.replica, None
    try:
        main = rt.reports.figures("demo", body, version, SYSTEM, filters, keep=False)
    finally:
        rt.reports.replica = replica
    return rt.reports.figures("demo", body, version, SYSTEM, filters, keep=False), main


def same(rt, key="by_risk", filters=None, engine="columnar") -> dict:
    ours, main = both(rt, key, filters)
    assert ours["engine"] == engine and main["engine"] == "main"
    assert ours["rows"] == main["rows"] and ours["totals"] == main["totals"]
    return ours


def test_each_kind_of_write_is_in_the_next_report(rt):
    clients = rt.records("demo", "client", SYSTEM)
    assert same(rt)["totals"]["n"] == 60
    new = clients.create({"name": "新", "risk_level": "C2", "equity": "123.45"})
    assert same(rt)["totals"]["n"] == 61
    clients.update(new["id"], {"equity": "999", "risk_level": "C4"})
    same(rt)
    clients.delete(new["id"])
    assert same(rt)["totals"]["n"] == 60
    clients.restore(new["id"])
    assert same(rt)["totals"]["n"] == 61
    clients.bulk_create([{"name": f"批{i}", "risk_level": "C1", "equity": str(i)} for i in range(500)])
    assert same(rt)["totals"]["n"] == 561


def test_writes_of_another_process_and_rows_removed_outright(rt):
    same(rt)
    table = rt.form("demo", "client").table
    with rt.engine.begin() as conn:  # another process: its rows, then its version move (no note here)
        conn.execute(table.insert().values(name="别处", risk_level="C5", equity=7, version=1,
                                           created_at=datetime(2026, 12, 7, 9), updated_at=datetime(2026, 12, 7, 9)))
        conn.execute(table.update().where(table.c.id == 1).values(equity=1, updated_at=datetime(2026, 12, 7, 9)))
    rt.reports.cache.bump("demo", ["client"])
    assert same(rt)["totals"]["n"] == 61
    with rt.engine.begin() as conn:
        conn.execute(table.delete().where(table.c.id == 2))
    rt.reports.cache.bump("demo", ["client"])
    assert same(rt)["totals"]["n"] == 60


def test_a_new_form_version_is_copied_again(rt):
    same(rt)
    changed = dict(CLIENT, fields=CLIENT["fields"] + [{"id": "score", "type": "integer", "label": {"zh": "分", "en": "Score"}}])
    rt.store.save_draft("demo", "form", "client", changed)
    rt.publish("demo", "form", "client")
    rt.records("demo", "client", SYSTEM).create({"name": "有分", "score": 5})
    publish(rt, dict(REPORT, id="scores", measures=[{"id": "s", "agg": "sum", "field": "score"}]))
    assert same(rt, "scores")["totals"]["s"] == 5


def test_what_duckdb_cannot_run_the_main_database_answers(rt):
    rt.records("demo", "client", SYSTEM).create({"name": "贵宾", "tags": ["vip"]})
    assert same(rt, filters={"in": ["vip", {"var": "tags"}]}, engine="main")["totals"]["n"] == 1  # JSON: not tried
    later = {">=": [{"date_add": [{"var": "opened_at"}, 30, "days"]}, "2026-07-01"]}
    if rt.engine.dialect.name == "sqlite":  # date(x, '+30 days'): not DuckDB's SQL
        assert same(rt, filters=later, engine="main")["totals"]["n"] > 0 and rt.reports.replica.refused
    else:  # PostgreSQL's interval arithmetic may be
        ours, main = both(rt, filters=later)
        assert ours["totals"] == main["totals"] and main["totals"]["n"] > 0
    rt.reports.replica.refused.clear()  # the fixture checks that nothing else fell back


def test_small_forms_and_pinned_indexes_stay_on_the_main_database(engine):
    from trellis.runtime import Runtime
    from samples import APP, BROKER, DEAL, install

    rt = Runtime(engine, ttl=0, secret="s")
    install(rt, BROKER, CLIENT, DEAL, app=APP)
    rt.records("demo", "client", SYSTEM).bulk_create([{"name": f"c{i}", "risk_level": "C1"} for i in range(30)])
    publish(rt, REPORT)
    rt.reports.replica = ColumnarReplica(rt.engine, rt.reports.cache, min_rows=20)
    assert rt.reports.data("demo", "by_risk", SYSTEM)["engine"] == "columnar"
    assert rt.reports.data("demo", "by_risk", SYSTEM, {"==": [{"var": "broker"}, 1]})["engine"] == "main"
    rt.reports.replica = ColumnarReplica(rt.engine, rt.reports.cache, min_rows=100)
    assert rt.reports.data("demo", "by_risk", SYSTEM, {"!=": [{"var": "name"}, "x"]})["engine"] == "main"
    with rt.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM demo__client")).scalar() == 30
