"""Mapping columns to fields: the automatic guess and every check of a mapping (422 with
bilingual messages naming the column and the field)."""
from __future__ import annotations

import pytest

from trellis.kernel.actor import SYSTEM, Actor
from trellis.kernel.errors import Forbidden, ValidationFailed
from trellis.imports import mapping as m

HEADERS = ["姓名", "手机号 *", "ＲＩＳＫ　ＬＥＶＥＬ", "equity", "开户 日期", "备注", "不认识的列", "客户编号"]


def _svc(rt, actor=SYSTEM):
    return rt.records("demo", "client", actor)


def test_normalize():
    assert m.normalize(" 手机号 * ") == "手机号"
    assert m.normalize("ＲＩＳＫ　ＬＥＶＥＬ") == "risklevel"
    assert m.normalize("交易频率（笔/月）") == m.normalize("交易频率(笔/月)")
    assert m.normalize(None) == ""


def test_auto_map_by_id_and_labels(srt):
    fields = m.importable(_svc(srt))
    ids = {t.id for t in fields}
    assert "code" not in ids and "name" in ids  # an auto-number is not importable
    cols = m.auto_map(fields, HEADERS)
    got = {c["header"]: (c["field"], c["by"]) for c in cols}
    assert got["姓名"] == ("name", "label")
    assert got["手机号 *"] == ("mobile", "label")
    assert got["ＲＩＳＫ　ＬＥＶＥＬ"] == ("risk_level", "label")
    assert got["equity"] == ("equity", "id")
    assert got["开户 日期"] == ("opened_at", "label")
    assert got["备注"] == ("note", "label")
    assert got["不认识的列"] == (None, None)
    assert got["客户编号"] == (None, None)
    assert [c["column"] for c in cols] == list(range(len(HEADERS)))


def test_auto_map_gives_a_field_to_one_column_only(srt):
    cols = m.auto_map(m.importable(_svc(srt)), ["姓名", "Name", "name"])
    assert [c["field"] for c in cols] == ["name", None, None]


def test_auto_map_template_and_saved_mappings(srt):
    fields = m.importable(_svc(srt))
    cols = m.auto_map(fields, ["客户", "电话", "x"], template=["name", "mobile", "nope"])
    assert [(c["field"], c["by"]) for c in cols] == [("name", "id"), ("mobile", "id"), (None, None)]
    saved = [{"id": 1, "name": "老表格", "mapping": {"客户全称": "name", "联系电话": "mobile"}}]
    cols = m.auto_map(fields, ["客户全称", "联系电话 ", "权益"], saved=saved)
    assert [(c["field"], c["by"]) for c in cols] == [("name", "saved"), ("mobile", "saved"), ("equity", "label")]
    chosen = {"mapping": {"权益": "note"}}
    cols = m.auto_map(fields, ["权益"], chosen=chosen)
    assert cols[0]["field"] == "note" and cols[0]["by"] == "saved"


def test_parse_mapping_column_twice_and_bad_columns():
    headers = ["姓名", "手机号", "权益"]
    assert m.parse_mapping({"0": "name", "2": "equity", "1": None}, headers) == {0: "name", 2: "equity"}
    with pytest.raises(ValidationFailed) as e:
        m.parse_mapping([("0", "name"), ("1", "mobile"), ("0", "note")], headers)
    err = e.value.errors[0]
    assert err["code"] == "column_twice" and err["column"] == 0
    assert "第 A 列「姓名」" in err["message"]["zh"] and "column A (姓名)" in err["message"]["en"]
    assert "name" in err["message"]["zh"] and "note" in err["message"]["en"]
    with pytest.raises(ValidationFailed) as e:
        m.parse_mapping({"9": "name", "x": "mobile", "-1": "equity"}, headers)
    assert [x["code"] for x in e.value.errors] == ["bad_column"] * 3


def test_check_reports_every_problem_at_once(srt):
    headers = ["姓名", "手机号", "客户编号", "子表", "Phone", "x"]
    with pytest.raises(ValidationFailed) as e:
        m.check(_svc(srt), headers, {1: "mobile", 2: "code", 4: "mobile", 5: "ghost"}, "insert", [])
    errs = {(x["code"], x.get("column"), x.get("field")) for x in e.value.errors}
    assert ("not_importable", 2, "code") in errs
    assert ("field_twice", 4, "mobile") in errs
    assert ("unknown_field", 5, "ghost") in errs
    assert ("required_unmapped", None, "name") in errs
    for x in e.value.errors:
        assert x["message"]["zh"] and x["message"]["en"]
    twice = next(x for x in e.value.errors if x["code"] == "field_twice")
    assert "第 B 列「手机号」" in twice["message"]["zh"] and "第 E 列「Phone」" in twice["message"]["zh"]


def test_check_sub_table_and_system_fields(srt):
    svc = srt.records("demo", "deal")
    with pytest.raises(ValidationFailed) as e:
        m.check(svc, ["客户", "明细", "编号"], {0: "client", 1: "legs", 2: "id"}, "insert", [])
    codes = {(x["code"], x.get("field")) for x in e.value.errors}
    assert ("not_importable", "legs") in codes and ("unknown_field", "id") in codes


def test_check_keys(srt):
    svc = _svc(srt)
    headers = ["姓名", "手机号", "标签"]
    with pytest.raises(ValidationFailed) as e:
        m.check(svc, headers, {0: "name"}, "update", [])
    assert [x["code"] for x in e.value.errors] == ["keys_missing"]
    with pytest.raises(ValidationFailed) as e:
        m.check(svc, headers, {0: "name", 2: "tags"}, "upsert", ["mobile", "tags", "ghost"])
    codes = {(x["code"], x.get("field")) for x in e.value.errors}
    assert codes == {("key_unmapped", "mobile"), ("bad_key", "tags"), ("unknown_key", "ghost")}
    assert m.check(svc, headers, {0: "name", 1: "mobile"}, "upsert", ["mobile", "mobile"]) == ["mobile"]
    assert m.check(svc, headers, {1: "mobile", 2: "tags"}, "update", ["mobile"]) == ["mobile"]  # name not needed
    assert m.check(svc, headers, {0: "name"}, "insert", ["mobile"]) == []  # keys mean nothing to an insert
    with pytest.raises(ValidationFailed) as e:
        m.check(svc, headers, {0: "name"}, "replace", [])
    assert e.value.errors[0]["code"] == "bad_mode"
    with pytest.raises(ValidationFailed) as e:
        m.check(svc, headers, {}, "insert", [])
    assert "nothing_mapped" in {x["code"] for x in e.value.errors}


def test_check_options():
    m.check_options("insert", "all", False)
    with pytest.raises(ValidationFailed) as e:
        m.check_options("insert", "some", "yes")
    assert {x["code"] for x in e.value.errors} == {"bad_on_error", "bad_dry_run"}


ROLE = {"schema_version": 1, "id": "clerk", "label": {"zh": "录入员"},
        "forms": {"client": {"actions": ["read", "create"], "fields": {"equity": "readonly", "note": "hidden"}}}}


def test_field_permissions_and_actions(srt):
    srt.store.save_draft("demo", "role", "clerk", ROLE)
    srt.publish("demo", "role", "clerk")
    clerk = Actor(id=77, username="clerk", roles=("demo.clerk",))
    svc = _svc(srt, clerk)
    ids = {t.id for t in m.importable(svc)}
    assert "equity" not in ids and "note" not in ids and "name" in ids
    with pytest.raises(ValidationFailed) as e:
        m.check(svc, ["姓名", "权益", "备注"], {0: "name", 1: "equity", 2: "note"}, "insert", [])
    codes = {(x["code"], x.get("field")) for x in e.value.errors}
    assert codes == {("readonly", "equity"), ("unknown_field", "note")}
    with pytest.raises(Forbidden):
        m.check(svc, ["姓名", "手机号"], {0: "name", 1: "mobile"}, "upsert", ["mobile"])
    with pytest.raises(Forbidden):
        m.check(svc, ["姓名", "手机号"], {0: "name", 1: "mobile"}, "update", ["mobile"])
