"""The audit log's hash chain on SQLite and PostgreSQL: one entry per record written,
only changed fields on update, definition changes, append-only triggers, tamper
detection (altered, re-hashed and deleted rows), history and revert."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from samples import BROKER, CLIENT, install
from trellis.storage import models as m
from trellis.kernel.actor import Actor
from trellis.kernel.errors import BadRequest, NotFound
from trellis.security import audit
from trellis.security.audit_chain import GENESIS, entry_hash

ALICE = Actor(id=7, username="alice", ip="10.0.0.8", is_admin=True)


def _rows(engine, **where):
    a = m.audit
    q = sa.select(a).order_by(a.c.id)
    for k, v in where.items():
        q = q.where(a.c[k] == v)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def _history(runtime, record_id):
    with runtime.engine.connect() as conn:
        return audit.history(conn, "demo", "client", record_id)


def _drop_triggers(engine):
    """What an attacker with direct database access would do first."""
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP TRIGGER trellis_audit_no_change ON trellis_audit")
        else:
            conn.exec_driver_sql("DROP TRIGGER trellis_audit_no_update")
            conn.exec_driver_sql("DROP TRIGGER trellis_audit_no_delete")


def test_every_write_is_chained(runtime):
    install(runtime)
    svc = runtime.records("demo", "client", ALICE)
    rec = svc.create({"name": "张三", "equity": 100, "risk_level": "C2"})
    svc.update(rec["id"], {"equity": 250, "name": "张三"})
    svc.delete(rec["id"])
    svc.restore(rec["id"])
    ids = svc.bulk_create([{"name": f"客户{i}", "equity": i} for i in range(300)], return_records=False)
    svc.bulk_update([{"id": i, "risk_level": "C5"} for i in ids[:40]])
    svc.delete_many(ids[40:60])

    mine = _rows(runtime.engine, app="demo", target="client")
    actions = [r["action"] for r in mine]
    assert actions.count("create") == 301 and actions.count("update") == 41
    assert actions.count("delete") == 21 and actions.count("restore") == 1
    create, update, delete = mine[0], mine[1], mine[2]
    assert create["record_id"] == rec["id"] and create["before"] is None
    assert create["after"] == {"name": "张三", "equity": 100, "risk_level": "C2", "code": rec["code"]}
    assert (update["before"], update["after"]) == ({"equity": 100}, {"equity": 250})  # name did not change
    assert delete["before"]["equity"] == 250 and delete["after"] is None
    assert {(r["user_id"], r["username"], r["ip"]) for r in mine} == {(7, "alice", "10.0.0.8")}
    bulk = [r for r in mine if r["action"] == "update" and r["record_id"] in ids]
    assert all(r["after"] == {"risk_level": "C5"} and r["before"] == {"risk_level": None} for r in bulk)

    everything = _rows(runtime.engine)
    assert everything[0]["prev_hash"] == GENESIS
    for prev, row in zip(everything, everything[1:]):
        assert row["prev_hash"] == prev["hash"] and row["id"] > prev["id"]
    assert all(entry_hash(r["prev_hash"], r) == r["hash"] for r in everything)
    assert audit.verify(runtime.engine) == {"ok": True, "checked": len(everything), "first_broken": None}


def test_audit_false_writes_no_entries_and_failed_writes_none(runtime):
    install(runtime, BROKER, CLIENT)
    svc = runtime.records("demo", "client")
    before = len(_rows(runtime.engine))
    svc.bulk_create([{"name": f"演示{i}"} for i in range(20)], return_records=False, audit=False)
    assert len(_rows(runtime.engine)) == before
    with pytest.raises(Exception):
        svc.bulk_create([{"name": "好"}, {"name": "坏", "equity": "abc"}])
    assert len(_rows(runtime.engine)) == before
    svc.create({"name": "留痕"})
    assert len(_rows(runtime.engine)) == before + 1


def test_a_bulk_write_of_1000_records_appends_1000_entries(runtime):
    install(runtime, BROKER, CLIENT)
    svc = runtime.records("demo", "client", ALICE)
    first = len(_rows(runtime.engine))
    svc.bulk_create([{"name": f"批量{i}", "equity": i} for i in range(1000)], return_records=False)
    rows = _rows(runtime.engine)[first:]
    assert len(rows) == 1000 and {r["action"] for r in rows} == {"create"}
    assert audit.verify(runtime.engine)["ok"]


def test_definition_save_and_publish_are_audited(runtime):
    install(runtime, BROKER, CLIENT)
    changed = dict(CLIENT, label={"zh": "客户资料", "en": "Clients"})
    runtime.store.save_draft("demo", "form", "client", changed, user_id=3)
    version = runtime.publish("demo", "form", "client", user_id=3, note="rename")
    rows = [r for r in _rows(runtime.engine, app="demo") if r["target"] == "form:client"]
    assert [r["action"] for r in rows] == ["definition.save", "definition.publish"] * 2
    first_save, _, save, publish = rows
    assert first_save["before"] is None and first_save["after"]["id"] == "client"
    assert save["before"]["label"]["zh"] == "客户" and save["after"]["label"]["zh"] == "客户资料"
    assert save["user_id"] == 3 and publish["user_id"] == 3
    assert publish["note"] == str(version) and publish["after"]["label"]["zh"] == "客户资料"
    assert publish["before"]["label"]["zh"] == "客户"


def test_the_table_refuses_update_and_delete(runtime):
    install(runtime, BROKER, CLIENT)
    runtime.records("demo", "client").create({"name": "甲"})
    rows = _rows(runtime.engine)
    for sql in ("UPDATE trellis_audit SET note = 'changed'", "DELETE FROM trellis_audit"):
        with pytest.raises(sa.exc.DBAPIError) as err:
            with runtime.engine.begin() as conn:
                conn.exec_driver_sql(sql)
        assert "append-only" in str(err.value)
    assert _rows(runtime.engine) == rows


def _tampered(runtime):
    install(runtime, BROKER, CLIENT)
    svc = runtime.records("demo", "client")
    for i in range(5):
        svc.create({"name": f"客户{i}", "equity": 100 * i})
    assert audit.verify(runtime.engine)["ok"]
    _drop_triggers(runtime.engine)
    return [r for r in _rows(runtime.engine) if r["action"] == "create"][2]


def test_altered_content_is_found(runtime):
    victim = _tampered(runtime)
    with runtime.engine.begin() as conn:
        conn.execute(m.audit.update().where(m.audit.c.id == victim["id"]).values(
            after={"name": "客户2", "equity": 999999}))
    result = audit.verify(runtime.engine)
    assert result["ok"] is False and result["first_broken"]["id"] == victim["id"]
    assert result["first_broken"]["reason"]["code"] == "content_altered"
    assert result["first_broken"]["reason"]["zh"] and result["first_broken"]["reason"]["en"]
    assert result["checked"] == len([r for r in _rows(runtime.engine) if r["id"] <= victim["id"]])


def test_altered_and_rehashed_content_breaks_the_next_link(runtime):
    victim = _tampered(runtime)
    forged = dict(victim, username="mallory")
    with runtime.engine.begin() as conn:
        conn.execute(m.audit.update().where(m.audit.c.id == victim["id"]).values(
            username="mallory", hash=entry_hash(victim["prev_hash"], forged)))
    broken = audit.verify(runtime.engine)["first_broken"]
    nxt = [r["id"] for r in _rows(runtime.engine) if r["id"] > victim["id"]][0]
    assert broken["id"] == nxt and broken["reason"]["code"] == "link_broken"


def test_a_deleted_row_is_found(runtime):
    victim = _tampered(runtime)
    with runtime.engine.begin() as conn:
        conn.execute(m.audit.delete().where(m.audit.c.id == victim["id"]))
    broken = audit.verify(runtime.engine)["first_broken"]
    nxt = [r["id"] for r in _rows(runtime.engine) if r["id"] > victim["id"]][0]
    assert broken["id"] == nxt and broken["reason"]["code"] == "link_broken"


def test_concurrent_writers_keep_one_chain(runtime):
    install(runtime, BROKER, CLIENT)
    errors = []

    def work(n):
        try:
            svc = runtime.records("demo", "broker", Actor(id=n, username=f"u{n}", is_admin=True))
            for i in range(25):
                svc.create({"name": f"并发{n}-{i}"})
        except Exception as e:  # reported below
            errors.append(e)

    # the broker form has no auto-number, whose sequence lock would serialize these writers anyway
    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = audit.verify(runtime.engine)
    assert result["ok"], result
    assert len(_rows(runtime.engine, target="broker", action="create")) == 100


def test_history_and_revert(runtime):
    install(runtime, BROKER, CLIENT)
    svc = runtime.records("demo", "client", ALICE)
    rec = svc.create({"name": "李四", "equity": 100, "risk_level": "C1"})
    other = svc.create({"name": "王五"})
    svc.update(rec["id"], {"equity": 200})
    svc.update(rec["id"], {"risk_level": "C4", "name": "李四四"})
    with runtime.engine.connect() as conn:
        items = audit.history(conn, "demo", "client", rec["id"])
    assert [e["action"] for e in items] == ["update", "update", "create"]
    assert items[0]["after"] == {"risk_level": "C4", "name": "李四四"}

    back = audit.revert(runtime, "demo", "client", rec["id"], items[0]["id"], ALICE)
    assert (back["name"], back["risk_level"], back["equity"]) == ("李四", "C1", 200)
    with runtime.engine.connect() as conn:
        latest = audit.history(conn, "demo", "client", rec["id"])[0]
    assert latest["action"] == "update" and latest["note"] == f"revert of entry {items[0]['id']}"
    assert latest["after"] == {"risk_level": "C1", "name": "李四"}

    with pytest.raises(NotFound) as err:
        audit.revert(runtime, "demo", "client", other["id"], items[0]["id"], ALICE)
    assert err.value.status == 404 and err.value.message["zh"]

    svc.delete(rec["id"])
    with runtime.engine.connect() as conn:
        deleted = audit.history(conn, "demo", "client", rec["id"])[0]
    assert deleted["action"] == "delete"
    assert audit.revert(runtime, "demo", "client", rec["id"], deleted["id"], ALICE)["id"] == rec["id"]
    assert svc.get(rec["id"])["name"] == "李四"

    created = _history(runtime, other["id"])[-1]
    audit.revert(runtime, "demo", "client", other["id"], created["id"], ALICE)
    with pytest.raises(NotFound):
        svc.get(other["id"])
    assert audit.verify(runtime.engine)["ok"]


def test_revert_refuses_what_it_cannot_undo(runtime):
    install(runtime, BROKER, CLIENT)
    svc = runtime.records("demo", "client")
    rec = svc.create({"name": "赵"})
    with runtime.transaction() as conn:
        audit.append(conn, [{"action": "export", "app": "demo", "target": "client", "record_id": rec["id"]}])
    entry = _history(runtime, rec["id"])[0]
    with pytest.raises(BadRequest) as err:
        audit.revert(runtime, "demo", "client", rec["id"], entry["id"], ALICE)
    assert err.value.code == "not_revertible" and err.value.message["en"]


def test_entries_with_values_json_does_not_know_still_verify(runtime):
    from datetime import date, datetime, timezone
    from decimal import Decimal

    with runtime.transaction() as conn:
        audit.append(conn, [
            {"action": "export", "app": "demo", "target": "client", "at": datetime.now(timezone.utc),
             "after": {"amount": Decimal("12.50"), "whole": Decimal("3"), "day": date(2024, 5, 6), "ids": {7},
                       "pair": (1, "二"), "名字": "张三"}, "username": "u" * 300},
            {"action": "export", "note": "第二条", "before": {"nested": {"b": 1, "a": [1.5, None, True]}}},
        ])
    rows = _rows(runtime.engine)
    assert rows[0]["after"] == {"amount": 12.5, "whole": 3, "day": "2024-05-06", "ids": [7], "pair": [1, "二"],
                                "名字": "张三"}
    assert len(rows[0]["username"]) == 100 and rows[0]["at"].tzinfo is None
    assert audit.verify(runtime.engine) == {"ok": True, "checked": 2, "first_broken": None}


def test_the_benchmark_runs(sqlite_engine, capsys):
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("bench_audit", Path(__file__).parents[1] / "bench" / "bench_audit.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.run(sqlite_engine, batches=2, size=200)
    assert result["plain"] > 0 and result["audited"] > 0
    with sqlite_engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(m.audit).where(m.audit.c.action == "create")
                            ).scalar() == 3 * 200  # audited batches only: one warm-up and two measured
    print(f"audit overhead (sqlite, 200 records/batch): {result['ratio']:.2f}x")
