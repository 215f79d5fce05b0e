"""The record service's lean path (create_rows / update_rows, used by imports) checks
exactly what bulk_create / bulk_update check, keeps problems per row, and writes the
same rows, on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from samples import install
from trellis.kernel.actor import Actor
from trellis.kernel.errors import BadRequest, Forbidden, ValidationFailed


@pytest.fixture
def rt(runtime):
    install(runtime)
    return runtime


NAMES = ["name", "mobile", "equity", "risk_level", "tags", "opened_at"]


def test_same_rows_as_bulk_create(rt):
    svc = rt.records("demo", "client")
    rows = [[" 张三 ", "+86 138-0013-8000", "¥1,234.50", "C1", "vip、new", "2024年1月5日"],
            ["李四", None, 5, "c2", ["risk"], None]]
    res = svc.create_rows(NAMES, rows)
    assert res.errors == {} and all(res.ids)
    lean = [svc.get(i) for i in res.ids]
    with rt.engine.begin() as conn:
        conn.execute(sa.text("delete from demo__client"))
    bulk = svc.bulk_create([dict(zip(NAMES, r)) for r in rows])
    strip = ("id", "created_at", "updated_at", "code")
    assert [{k: v for k, v in r.items() if k not in strip} for r in lean] == \
           [{k: v for k, v in r.items() if k not in strip} for r in bulk]
    assert lean[0]["code"] == "KH00001" and lean[1]["code"] == "KH00002"


def test_problems_per_row_like_bulk_create(rt):
    svc = rt.records("demo", "client")
    svc.create({"name": "已有", "mobile": "13800138000"})
    rows = [["好", "13800138001", 1, "C1", None, None],
            ["x" * 30, "12345", "abc", "C9", "vip,nope", "2024-02-30"],
            [None, "13800138000", -1, None, None, None],
            ["重复", "13800138001", None, None, None, None]]
    with pytest.raises(ValidationFailed) as strict:
        svc.create_rows(NAMES, rows)
    res = svc.create_rows(NAMES, rows, check_only=True)
    assert sorted(res.errors) == [1, 2, 3] and res.ids == [None] * 4
    fields = {i: sorted(e["field"] for e in errs) for i, errs in res.errors.items()}
    assert fields[1] == ["equity", "mobile", "name", "opened_at", "risk_level", "tags"]
    assert fields[2] == ["equity", "mobile", "name"] and fields[3] == ["mobile"]
    codes = {e["code"] for e in res.errors[2]}
    assert codes == {"required", "minimum", "unique"}
    assert "第 4 行" in res.errors[3][0]["message"]["zh"] and "repeats row 1" in res.errors[3][0]["message"]["en"]
    assert len(strict.value.errors) == sum(len(v) for v in res.errors.values())
    with pytest.raises(ValidationFailed) as bulk:
        svc.bulk_create([dict(zip(NAMES, r)) for r in rows[1:2]])
    assert sorted(e["field"] for e in bulk.value.errors) == fields[1]
    assert svc.list(count="exact")["count"] == 1
    labelled = svc.create_rows(NAMES, rows, labels=[10, 11, 12, 13], skip_invalid=True)
    assert labelled.ids[0] and labelled.errors[1][0]["row"] == 11 and "第 12 行" in labelled.errors[1][0]["message"]["zh"]
    assert svc.list(count="exact")["count"] == 2


def test_refused_rows_are_checked_but_never_written(rt):
    svc = rt.records("demo", "client")
    given = {1: [{"field": "broker", "code": "not_found", "message": {"zh": "找不到", "en": "not found"}}]}
    res = svc.create_rows(["name"], [["a"], ["b"], [None]], skip_invalid=True, refused=given)
    assert res.ids[0] and res.ids[1] is None and res.ids[2] is None
    assert [e["code"] for e in res.errors[1]] == ["not_found"] and res.errors[2][0]["code"] == "required"


def test_names_must_be_writable_column_fields(rt):
    svc = rt.records("demo", "client")
    with pytest.raises(ValidationFailed) as e:
        svc.create_rows(["name", "code", "ghost"], [["a", "X", 1]])
    assert {x["field"] for x in e.value.errors} == {"code", "ghost"}
    with pytest.raises(BadRequest):
        svc.create_rows(["name", "name"], [["a", "b"]])
    with pytest.raises(ValidationFailed):
        rt.records("demo", "deal").create_rows(["legs"], [[[{"product": "x"}]]])


def test_summary_audit_and_update_rows(rt):
    svc = rt.records("demo", "client")
    with rt.transaction() as conn:
        conn.info["trellis_audit_note"] = "import:7"
        res = svc.create_rows(["name", "equity"], [["a", 1], ["b", 2], ["c", 3]], conn=conn, audit="summary")
        conn.info.pop("trellis_audit_note")
    with rt.engine.connect() as conn:
        rows = conn.execute(sa.text("select action, record_id, note from trellis_audit where target = 'client'")).all()
    assert [(r.action, r.record_id, r.note) for r in rows] == [("import", min(res.ids), "import:7")]
    items = [{"id": res.ids[0], "equity": "10"}, {"id": res.ids[1], "equity": 2}, {"id": 99999, "equity": 1},
             {"id": res.ids[2], "equity": "abc"}]
    out = svc.update_rows(items, skip_invalid=True, skip_unchanged=True)
    assert out.ids == [res.ids[0], None, None, None] and out.unchanged == {1} and sorted(out.errors) == [2, 3]
    assert svc.get(res.ids[0])["equity"] == 10 and svc.get(res.ids[0])["version"] == 2
    assert svc.get(res.ids[1])["version"] == 1
    with pytest.raises(ValidationFailed):
        svc.update_rows(items[3:])
    records = svc.bulk_update([{"id": res.ids[1], "equity": 20}, {"id": res.ids[2], "name": "丙"}])
    assert [(r["equity"], r["name"], r["version"]) for r in records] == [(20, "b", 2), (3, "丙", 2)]


def test_scoped_actor(rt):
    role = {"schema_version": 1, "id": "own", "label": {"zh": "自己"},
            "forms": {"client": {"actions": ["read", "create", "update"], "fields": {"equity": "readonly"},
                                 "scope": {"==": [{"var": "manager"}, {"var": "$user.id"}]}}}}
    rt.store.save_draft("demo", "role", "own", role)
    rt.publish("demo", "role", "own")
    me = Actor(id=5, username="me", roles=("demo.own",))
    svc = rt.records("demo", "client", me)
    with pytest.raises(ValidationFailed) as e:
        svc.create_rows(["name", "equity"], [["a", 1]])
    assert e.value.errors[0]["code"] == "readonly"
    with pytest.raises(Forbidden):
        svc.create_rows(["name"], [["a"]])  # the new row would fall outside the scope (no manager)
    res = svc.create_rows(["name", "manager"], [["a", 5]])
    other = rt.records("demo", "client").create({"name": "别人", "manager": 6})
    out = svc.update_rows([{"id": res.ids[0], "name": "改"}, {"id": other["id"], "name": "改"}], skip_invalid=True)
    assert out.ids[0] == res.ids[0] and out.errors[1][0]["code"] == "not_found"
