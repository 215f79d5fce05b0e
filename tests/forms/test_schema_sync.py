"""Schema sync while the system runs: add columns and indexes, refuse unsafe changes with
counts and samples, convert types when every value converts, hide and purge fields."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from samples import BROKER, CLIENT, install
from trellis.kernel.errors import DefinitionInvalid
from trellis.forms.publish import purge_field


def _columns(rt, table):
    return {c["name"]: c for c in sa.inspect(rt.engine).get_columns(table)}


def _indexes(rt, table):
    return {ix["name"]: ix for ix in sa.inspect(rt.engine).get_indexes(table)}


def _publish(rt, body):
    rt.store.save_draft("demo", "form", body["id"], body)
    return rt.publish("demo", "form", body["id"])


def test_publish_creates_table_columns_and_indexes(runtime):
    install(runtime, BROKER, CLIENT)
    cols = _columns(runtime, "demo__client")
    for name in ("id", "created_at", "updated_at", "created_by", "updated_by", "version", "deleted_at",
                 "name", "mobile", "equity", "broker", "manager"):
        assert name in cols
    ix = _indexes(runtime, "demo__client")
    assert ix["ux_demo__client_mobile"]["unique"]
    assert "ix_demo__client_equity" in ix and "ix_demo__client_broker" in ix and "ix_demo__client_manager" in ix


def test_add_field_and_index_with_data_in_place(runtime):
    install(runtime, BROKER)
    svc = runtime.records("demo", "broker")
    svc.create({"name": "a"})
    body = dict(BROKER, fields=BROKER["fields"] + [
        {"id": "city", "type": "text", "label": {"zh": "城市"}, "indexed": True}])
    _publish(runtime, body)
    assert "city" in _columns(runtime, "demo__broker")
    assert "ix_demo__broker_city" in _indexes(runtime, "demo__broker")
    rec = runtime.records("demo", "broker").create({"name": "b", "city": "上海"})
    assert rec["city"] == "上海" and runtime.records("demo", "broker").get(1)["name"] == "a"


def test_type_change_refused_with_count_and_samples(runtime):
    body = dict(BROKER, fields=BROKER["fields"] + [{"id": "size", "type": "text", "label": {"zh": "规模"}}])
    install(runtime, body)
    svc = runtime.records("demo", "broker")
    svc.bulk_create([{"name": "a", "size": "12"}, {"name": "b", "size": "大"}, {"name": "c", "size": "小"},
                     {"name": "d", "size": None}])
    changed = dict(body, fields=[body["fields"][0], {"id": "size", "type": "integer", "label": {"zh": "规模"}}])
    with pytest.raises(DefinitionInvalid) as e:
        _publish(runtime, changed)
    err = e.value.errors[0]
    assert err["code"] == "type_change_refused" and err["failing"] == 2 and set(err["samples"]) == {"大", "小"}
    assert "2" in err["message"]["zh"] and "2 stored values" in err["message"]["en"]
    assert runtime.store.published("demo", "form", "broker")[1] == 1
    assert runtime.records("demo", "broker").get(2)["size"] == "大"


def test_type_change_converts_when_all_values_do(runtime):
    body = dict(BROKER, fields=BROKER["fields"] + [
        {"id": "size", "type": "text", "label": {"zh": "规模"}, "indexed": True}])
    install(runtime, body)
    runtime.records("demo", "broker").bulk_create([{"name": "a", "size": "12"}, {"name": "b", "size": "1,300"}])
    changed = dict(body, fields=[body["fields"][0], {"id": "size", "type": "integer", "label": {"zh": "规模"},
                                                     "indexed": True}])
    _publish(runtime, changed)
    svc = runtime.records("demo", "broker")
    assert [r["size"] for r in svc.list(sort="size")["items"]] == [12, 1300]
    assert "ix_demo__broker_size" in _indexes(runtime, "demo__broker")


def test_unique_refused_over_duplicates(runtime):
    body = dict(BROKER, fields=BROKER["fields"] + [{"id": "code", "type": "text", "label": {"zh": "编码"}}])
    install(runtime, body)
    runtime.records("demo", "broker").bulk_create([{"name": "a", "code": "X"}, {"name": "b", "code": "X"}])
    changed = dict(body, fields=[body["fields"][0], dict(body["fields"][1], unique=True)])
    with pytest.raises(DefinitionInvalid) as e:
        _publish(runtime, changed)
    assert e.value.errors[0]["code"] == "unique_refused" and e.value.errors[0]["samples"] == ["X"]


def test_deleted_field_is_hidden_then_purged(runtime):
    body = dict(BROKER, fields=BROKER["fields"] + [{"id": "old", "type": "text", "label": {"zh": "旧"}}])
    install(runtime, body)
    runtime.records("demo", "broker").create({"name": "a", "old": "keep me"})
    _publish(runtime, BROKER)                                    # the field left the definition
    rec = runtime.records("demo", "broker").get(1)
    assert "old" not in rec
    assert "old" in _columns(runtime, "demo__broker")            # data kept
    with pytest.raises(DefinitionInvalid):
        purge_field(runtime, "demo", "broker", "name")           # only deleted fields
    purge_field(runtime, "demo", "broker", "old")
    assert "old" not in _columns(runtime, "demo__broker")
    assert all(f["id"] != "old" for f in runtime.store.published("demo", "form", "broker")[0]["fields"])
