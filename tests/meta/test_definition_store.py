"""The definition store: meta-schema checks with JSON pointers, drafts, atomic publish,
versions, restore, export/import round trip."""
from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from samples import APP, BROKER, CLIENT, install
from trellis.kernel.errors import DefinitionInvalid
from trellis.forms.form_kind import FormKind
from trellis.meta import schemas
from trellis.meta.io import export_app, import_app


def test_meta_schema_problems_carry_pointers(runtime):
    bad = {"schema_version": 1, "id": "Bad Id", "label": {"zh": "x"},
           "fields": [{"id": "ok", "type": "text", "label": {"zh": "a"}},
                      {"id": "created_at", "type": "nope", "label": {"zh": "b"}},
                      {"id": "sel", "type": "single_select", "label": {"zh": "c"}}]}
    with pytest.raises(DefinitionInvalid) as e:
        runtime.store.save_draft("demo", "form", "bad", bad)
    pointers = {p["pointer"] for p in e.value.errors}
    assert "/id" in pointers and "/fields/1/id" in pointers and "/fields/1/type" in pointers
    assert any(p.startswith("/fields/2") for p in pointers)  # options missing for a select
    assert all(p["message"]["zh"] and p["message"]["en"] for p in e.value.errors)


@pytest.mark.parametrize("fields", [1.5, "text", {"id": "a"}, [{"id": ["a"], "type": ["text"]}, {"id": {}, "type": {}}]])
def test_fields_of_any_shape_are_refused_with_pointers(fields):
    body = {"schema_version": 1, "id": "odd", "label": {"zh": "x"}, "fields": fields}
    with pytest.raises(DefinitionInvalid) as e:
        FormKind().check(body, {"text": object})
    assert all(p["pointer"].startswith("/fields") for p in e.value.errors)


def test_every_metadata_example_validates():
    for kind in schemas.KINDS:
        for example in schemas.meta_schema(kind).get("examples", []):
            assert schemas.schema_problems(kind, example) == []


def test_publish_versions_restore(runtime):
    install(runtime, BROKER)
    store = runtime.store
    assert [v["version"] for v in store.versions("demo", "form", "broker")] == [1]
    v2 = dict(BROKER, fields=BROKER["fields"] + [{"id": "phone", "type": "mobile", "label": {"zh": "电话"}}])
    store.save_draft("demo", "form", "broker", v2, user_id=7)
    assert store.published("demo", "form", "broker")[1] == 1  # a draft changes nothing live
    assert runtime.publish("demo", "form", "broker", user_id=7) == 2
    versions = store.versions("demo", "form", "broker")
    assert versions[0]["version"] == 2 and versions[0]["published_by"] == 7 and versions[0]["published_at"]
    assert runtime.store.restore("demo", "form", "broker", 1) == 3
    body, version = store.published("demo", "form", "broker")
    phone = [f for f in body["fields"] if f["id"] == "phone"][0]
    assert version == 3 and phone["deleted"] is True      # restoring hides the later field, keeps its data
    cols = {c["name"] for c in sa.inspect(runtime.engine).get_columns("demo__broker")}
    assert "phone" in cols


def test_refused_publish_changes_nothing(runtime):
    install(runtime, BROKER)
    broken = dict(BROKER, fields=BROKER["fields"] + [
        {"id": "x", "type": "relation", "label": {"zh": "x"}, "target": "missing"}])
    runtime.store.save_draft("demo", "form", "broker", broken)
    with pytest.raises(DefinitionInvalid) as e:
        runtime.publish("demo", "form", "broker")
    assert e.value.errors[0]["pointer"] == "/fields/1/target"
    assert runtime.store.published("demo", "form", "broker")[1] == 1
    cols = {c["name"] for c in sa.inspect(runtime.engine).get_columns("demo__broker")}
    assert "x" not in cols


def test_export_import_round_trip_is_idempotent(runtime, tmp_path):
    install(runtime)
    out = tmp_path / "export"
    export_app(runtime, "demo", out)
    client = json.loads((out / "forms" / "client.json").read_text(encoding="utf-8"))
    assert list(client) == sorted(client)                       # stable key order
    assert "required" not in client["fields"][2]                # only non-default keys
    assert (out / "forms" / "client.json").read_text(encoding="utf-8").count("客户") >= 1
    again = import_app(runtime, out)
    assert again["published"] == [] and len(again["unchanged"]) == 4
    before = (out / "forms" / "client.json").read_text(encoding="utf-8")
    export_app(runtime, "demo", out)
    assert (out / "forms" / "client.json").read_text(encoding="utf-8") == before


def test_import_into_empty_database(runtime, tmp_path):
    (tmp_path / "forms").mkdir()
    (tmp_path / "app.json").write_text(json.dumps(APP), encoding="utf-8")
    for f in (BROKER, CLIENT):
        (tmp_path / "forms" / f"{f['id']}.json").write_text(json.dumps(f, ensure_ascii=False), encoding="utf-8")
    result = import_app(runtime, tmp_path)
    assert "form:client" in result["published"]
    assert runtime.records("demo", "client").create({"name": "x"})["id"] == 1


def test_upgrade_is_a_pure_function():
    from trellis.meta import upgrade as up

    body = {"schema_version": 0, "id": "x"}
    up.STEPS[("form", 0)] = lambda b: {**b, "schema_version": 1, "upgraded": True}
    try:
        out = up.upgrade("form", body)
    finally:
        del up.STEPS[("form", 0)]
    assert out == {"schema_version": 1, "id": "x", "upgraded": True} and body["schema_version"] == 0
