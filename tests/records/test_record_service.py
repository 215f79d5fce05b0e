"""The record service on SQLite and PostgreSQL: the one write path and its guarantees."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from samples import install
from trellis.kernel.errors import Conflict, NotFound, ValidationFailed


@pytest.fixture
def rt(runtime):
    install(runtime)
    return runtime


def test_create_coerces_validates_and_fills_system_fields(rt):
    svc = rt.records("demo", "client")
    rec = svc.create({"name": " 张三 ", "mobile": "+86 138-0013-8000", "equity": "¥1,234.50",
                      "margin": "80%", "opened_at": "2024年1月5日", "active": "是", "tags": "vip、new"})
    assert rec["name"] == "张三" and rec["mobile"] == "13800138000"
    assert rec["equity"] == 1234.5 and rec["margin"] == 0.8
    assert rec["opened_at"] == "2024-01-05" and rec["active"] is True and rec["tags"] == ["vip", "new"]
    assert rec["code"] == "KH00001" and rec["version"] == 1 and rec["id"] > 0
    assert rec["created_at"] and rec["updated_at"]
    assert svc.create({"name": "李四"})["code"] == "KH00002"


def test_every_error_reported_at_once_bilingual(rt):
    svc = rt.records("demo", "client")
    with pytest.raises(ValidationFailed) as e:
        svc.create({"mobile": "12345", "equity": "abc", "risk_level": "C9", "nope": 1, "opened_at": "2024-02-30"})
    errors = {err["field"]: err for err in e.value.errors}
    assert set(errors) == {"name", "mobile", "equity", "risk_level", "nope", "opened_at"}
    for err in errors.values():
        assert err["message"]["zh"] and err["message"]["en"]
    assert errors["name"]["code"] == "required"
    assert "姓名" in errors["name"]["message"]["zh"] and "Name" in errors["name"]["message"]["en"]
    with rt.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from demo__client")).scalar() == 0


def test_schema_limits_named(rt):
    svc = rt.records("demo", "client")
    with pytest.raises(ValidationFailed) as e:
        svc.create({"name": "x" * 21, "equity": -5})
    codes = {err["field"]: err["code"] for err in e.value.errors}
    assert codes == {"name": "maxLength", "equity": "minimum"}


def test_unique_in_batch_and_against_stored(rt):
    svc = rt.records("demo", "client")
    svc.create({"name": "a", "mobile": "13800138000"})
    with pytest.raises(ValidationFailed) as e:
        svc.bulk_create([{"name": "b", "mobile": "13800138001"}, {"name": "c", "mobile": "13800138001"},
                         {"name": "d", "mobile": "13800138000"}])
    rows = sorted((err["row"], err["code"]) for err in e.value.errors)
    assert rows == [(1, "duplicate"), (2, "unique")]
    assert svc.list(count="exact")["count"] == 1


def test_references_must_exist(rt):
    svc = rt.records("demo", "client")
    with pytest.raises(ValidationFailed) as e:
        svc.create({"name": "a", "broker": 999})
    assert e.value.errors[0]["field"] == "broker" and e.value.errors[0]["code"] == "not_found"


def test_update_optimistic_concurrency(rt):
    svc = rt.records("demo", "client")
    rec = svc.create({"name": "a", "equity": 10})
    new = svc.update(rec["id"], {"equity": "20"}, version=1)
    assert new["equity"] == 20 and new["version"] == 2
    with pytest.raises(Conflict) as e:
        svc.update(rec["id"], {"equity": 30}, version=1)
    assert e.value.status == 409
    assert svc.get(rec["id"])["equity"] == 20
    with pytest.raises(ValidationFailed):
        svc.update(rec["id"], {"name": None})
    with pytest.raises(NotFound):
        svc.update(12345, {"equity": 1})


def test_soft_delete_and_restore(rt):
    svc = rt.records("demo", "client")
    rec = svc.create({"name": "a", "mobile": "13800138000"})
    svc.delete(rec["id"])
    with pytest.raises(NotFound):
        svc.get(rec["id"])
    assert svc.get(rec["id"], deleted=True)["deleted_at"]
    other = svc.create({"name": "b", "mobile": "13800138000"})  # the value is free again
    with pytest.raises(ValidationFailed):
        svc.restore(rec["id"])
    svc.delete(other["id"])
    assert svc.restore(rec["id"])["name"] == "a"


def test_on_delete_rules(rt):
    brokers, clients, deals = (rt.records("demo", f) for f in ("broker", "client", "deal"))
    b = brokers.create({"name": "王五"})
    c = clients.create({"name": "a", "broker": b["id"]})
    d = deals.create({"client": c["id"], "lots": 3})
    brokers.delete(b["id"])                       # set_null
    assert clients.get(c["id"])["broker"] is None
    clients.delete(c["id"])                       # cascade
    with pytest.raises(NotFound):
        deals.get(d["id"])


def test_restrict_refuses(rt):
    restrict = dict(rt.store.draft("demo", "form", "client"))
    restrict["fields"] = [dict(f, on_delete="restrict") if f["id"] == "broker" else f for f in restrict["fields"]]
    rt.store.save_draft("demo", "form", "client", restrict)
    rt.publish("demo", "form", "client")
    b = rt.records("demo", "broker").create({"name": "x"})
    rt.records("demo", "client").create({"name": "a", "broker": b["id"]})
    with pytest.raises(Conflict) as e:
        rt.records("demo", "broker").delete(b["id"])
    assert e.value.code == "restricted" and e.value.details["count"] == 1


def test_sub_table_rows(rt):
    c = rt.records("demo", "client").create({"name": "a"})
    deals = rt.records("demo", "deal")
    d = deals.create({"client": c["id"], "legs": [{"product": "rb", "qty": "2"}, {"product": "cu", "qty": 1}]})
    assert d["legs"] == [{"product": "rb", "qty": 2}, {"product": "cu", "qty": 1}]
    d2 = deals.update(d["id"], {"legs": [{"product": "IF", "qty": 5}]})
    assert d2["legs"] == [{"product": "IF", "qty": 5}]
    with pytest.raises(ValidationFailed) as e:
        deals.create({"client": c["id"], "legs": [{"qty": 1}]})
    assert e.value.errors[0]["field"] == "legs"


def test_lifecycle_order_and_rollback(rt):
    seen = []
    rt.lifecycle.subscribe("before_save", lambda ctx: seen.append(("b", len(ctx.records))), order=10)
    rt.lifecycle.subscribe("after_insert", lambda ctx: seen.append(("i2", ctx.records[0]["id"])), order=20)
    rt.lifecycle.subscribe("after_insert", lambda ctx: seen.append(("i1", ctx.records[0]["id"])), order=5)
    rt.lifecycle.subscribe("after_update", lambda ctx: seen.append(("u", ctx.old[0]["name"], ctx.records[0]["name"])))
    rt.lifecycle.subscribe("after_delete", lambda ctx: seen.append(("d", ctx.old[0]["id"])))
    svc = rt.records("demo", "broker")
    r = svc.create({"name": "a"})
    svc.update(r["id"], {"name": "b"})
    svc.delete(r["id"])
    assert seen == [("b", 1), ("i1", r["id"]), ("i2", r["id"]), ("b", 1), ("u", "a", "b"), ("d", r["id"])]

    def boom(ctx):
        raise RuntimeError("handler failed")
    rt.lifecycle.subscribe("after_insert", boom, name="boom")
    with pytest.raises(RuntimeError):
        svc.bulk_create([{"name": "x"}, {"name": "y"}])
    rt.lifecycle.unsubscribe("after_insert", "boom")
    assert svc.list(count="exact")["count"] == 0   # nothing half-written


def test_after_commit_runs_only_after_commit(rt):
    ran = []
    rt.lifecycle.subscribe("after_insert", lambda ctx: ctx.after_commit(lambda: ran.append(ctx.records[0]["name"])))
    svc = rt.records("demo", "broker")
    svc.create({"name": "ok"})
    assert ran == ["ok"]
    rt.lifecycle.subscribe("after_insert", lambda ctx: (_ for _ in ()).throw(ValueError("x")), name="fail")
    with pytest.raises(ValueError):
        svc.create({"name": "rolled back"})
    assert ran == ["ok"]


def test_bulk_create_is_all_or_nothing(rt):
    svc = rt.records("demo", "client")
    rows = [{"name": f"c{i}", "equity": i} for i in range(50)] + [{"name": "bad", "equity": "x"}]
    with pytest.raises(ValidationFailed) as e:
        svc.bulk_create(rows)
    assert e.value.errors[0]["row"] == 50
    assert svc.list(count="exact")["count"] == 0
    ids = svc.bulk_create(rows[:50], return_records=False)
    assert len(ids) == 50 and svc.list(count="exact")["count"] == 50


def test_bulk_update(rt):
    svc = rt.records("demo", "client")
    ids = svc.bulk_create([{"name": f"c{i}"} for i in range(3)], return_records=False)
    out = svc.bulk_update([{"id": i, "equity": 5} for i in ids])
    assert [r["equity"] for r in out] == [5, 5, 5] and all(r["version"] == 2 for r in out)


def test_each_missing_required_field_is_named_once(rt):
    svc = rt.records("demo", "deal")
    with pytest.raises(ValidationFailed) as e:
        svc.create({"lots": 1})
    assert [err["field"] for err in e.value.errors] == ["client"]
    with pytest.raises(ValidationFailed) as e:
        rt.records("demo", "client").bulk_create([{"equity": 1}, {"equity": 2}])
    assert [(err["row"], err["field"]) for err in e.value.errors] == [(0, "name"), (1, "name")]


def test_several_missing_required_fields_each_once(runtime):
    from samples import APP, install

    form = {"schema_version": 1, "id": "three", "label": {"zh": "三"}, "fields": [
        {"id": f, "type": "text", "label": {"zh": f}, "required": True} for f in ("a", "b", "c")]}
    install(runtime, form, app=dict(APP, forms=["three"]))
    with pytest.raises(ValidationFailed) as e:
        runtime.records("demo", "three").create({})
    assert sorted(err["field"] for err in e.value.errors) == ["a", "b", "c"]
