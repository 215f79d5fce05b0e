"""Field-type contract: the registry, every type's schemas and storage, a real SQLite
round-trip of coerced values, and type-change convertibility."""
from __future__ import annotations

import datetime as dt

import fastjsonschema
import jsonschema
import pytest
import sqlalchemy as sa

from trellis.plugins import load_registries
from trellis.forms.types import CORE_TYPES, register
from trellis.forms.types.base import CoerceError, FieldType
from trellis.kernel.registry import Registry

OPTIONS = [{"value": "a", "label": {"zh": "甲", "en": "Alpha"}},
           {"value": "b", "label": {"zh": "乙", "en": "Beta"}}]

# type -> (extra config, a good input, its JSON form)
SAMPLES = {
    "text": ({}, "  张三\u3000", "张三"),
    "long_text": ({}, "第一行\r\n第二行", "第一行\n第二行"),
    "integer": ({"min": 0}, "１,２３４", 1234),
    "decimal": ({"precision": 3}, "1,234.5678", 1234.568),
    "money": ({}, "¥1,234.50", 1234.5),
    "percent": ({}, "80%", 0.8),
    "boolean": ({}, "是", True),
    "date": ({}, "2024年1月5日", "2024-01-05"),
    "datetime": ({}, "2024/1/5 13:05", "2024-01-05T13:05:00"),
    "single_select": ({"options": OPTIONS}, "乙", "b"),
    "multi_select": ({"options": OPTIONS}, "乙、甲", ["a", "b"]),
    "email": ({}, "Zhang.San@Example.COM", "Zhang.San@example.com"),
    "mobile": ({}, "+86 138 0013 8000", "13800138000"),
    "url": ({}, "www.example.com/a?b=1", "https://www.example.com/a?b=1"),
    "auto_number": ({}, "KH-2024-000001", "KH-2024-000001"),
    "user": ({}, {"id": 7}, 7),
    "department": ({}, " 3 ", 3),
    "relation": ({"target": "client"}, "12", 12),
    "sub_table": ({"fields": [{"id": "amount", "type": "money", "label": {"zh": "金额"}},
                              {"id": "note", "type": "text", "label": {"zh": "备注"}}]},
                  [{"amount": "1万", "note": " x "}], [{"amount": 10000.0, "note": "x"}]),
    "attachment": ({}, {"id": "f1", "name": "a.pdf", "size": 10},
                   [{"id": "f1", "name": "a.pdf", "size": 10, "content_type": "application/pdf"}]),
    "json": ({}, '{"a": [1, 2]}', {"a": [1, 2]}),
}


@pytest.fixture(scope="module")
def field_types():
    return load_registries().field_types


def make(field_types, key, **config):
    field = {"id": "f", "type": key, "label": {"zh": "字段", "en": "Field"}, **config}
    return field_types.get(key)(field)


def check_schema(schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft7Validator.check_schema(schema)
    fastjsonschema.compile(schema)


def test_every_core_type_is_registered(field_types):
    # computed types (the system fills them, nothing is typed) have their own tests
    assert {cls.key for cls in CORE_TYPES if not getattr(cls, "computed", False)} == set(SAMPLES)
    assert set(SAMPLES) <= set(field_types)


def test_register_is_the_plugin_call():
    registry = type("R", (), {"field_types": Registry("field type")})()
    register(registry)
    assert len(registry.field_types) == len(CORE_TYPES)
    with pytest.raises(KeyError):
        register(registry)  # a key twice is an error


def test_registry_contract(field_types):
    for key, cls in field_types.items():
        assert issubclass(cls, FieldType)
        assert cls.key == key
        assert cls.widget
        assert cls.label["zh"] and cls.label["en"]
        assert cls.config_schema.get("type") == "object"
        jsonschema.Draft202012Validator.check_schema(cls.config_schema)
        assert (cls.__module__.rsplit(".", 1)[-1] == key) or not cls.__module__.startswith("trellis.")


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_config_sample_matches_config_schema(field_types, key):
    config = SAMPLES[key][0]
    jsonschema.validate(config, field_types.get(key).config_schema)


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_schema_column_and_coercion(field_types, key):
    config, given, expected = SAMPLES[key]
    ft = make(field_types, key, **config)
    value_schema = ft.value_schema()
    check_schema(value_schema)
    check_schema(ft.json_schema())
    assert ft.coerce(given) == expected
    assert ft.coerce(expected) == expected  # already-JSON values pass unchanged
    for empty in (None, "", "  \u3000 "):
        assert ft.coerce(empty) is None
    fast = fastjsonschema.compile(ft.json_schema())
    fast(expected)
    fast(None)
    jsonschema.Draft202012Validator(ft.json_schema()).validate(expected)
    if ft.has_column:
        assert isinstance(ft.column_type(), sa.types.TypeEngine)
        assert [c.name for c in ft.columns()] == ["f"]
        assert ft.column_signature()
    else:
        assert ft.columns() == []


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_bad_input_has_bilingual_message(field_types, key):
    config = SAMPLES[key][0]
    ft = make(field_types, key, **config)
    bad = {"text": [1, 2], "long_text": {"a": 1}, "auto_number": [1], "json": "{oops"}.get(key, "不对劲 ??")
    with pytest.raises(CoerceError) as info:
        ft.coerce(bad)
    message = info.value.message
    assert set(message) == {"zh", "en"}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message["zh"])
    assert message["en"] and message["en"] != message["zh"]
    assert info.value.code


def test_column_signatures(field_types):
    sig = {key: make(field_types, key, **SAMPLES[key][0]).column_signature() for key in SAMPLES}
    assert sig["text"] == "String(200)"
    assert make(field_types, "text", max_length=50).column_signature() == "String(50)"
    assert sig["decimal"] == "Numeric(15,3)"
    assert sig["money"] == "Numeric(15,2)"
    assert sig["integer"] == "BigInteger"
    assert sig["date"] == "Date"
    assert sig["multi_select"] == "JSON"
    assert sig["sub_table"] == "SubTable(amount:Numeric(15,2),note:String(200))"


def test_sqlite_round_trip(field_types):
    """Coerced values survive to_db -> a real column -> from_db unchanged."""
    types = [make(field_types, key, **SAMPLES[key][0]) for key in sorted(SAMPLES)]
    types = [ft for ft in types if ft.has_column]
    metadata = sa.MetaData()
    table = sa.Table("t", metadata, sa.Column("pk", sa.Integer, primary_key=True),
                     *[sa.Column(ft.key, ft.column_type()) for ft in types])
    engine = sa.create_engine("sqlite://")
    metadata.create_all(engine)
    values = {ft.key: ft.coerce(SAMPLES[ft.key][1]) for ft in types}
    with engine.begin() as conn:
        conn.execute(table.insert().values(pk=1, **{ft.key: ft.to_db(values[ft.key]) for ft in types}))
        row = conn.execute(sa.select(table)).mappings().one()
    for ft in types:
        assert ft.from_db(row[ft.key]) == values[ft.key], ft.key
    assert isinstance(make(field_types, "date").to_db("2024-01-05"), dt.date)


def test_sub_table_child_columns(field_types):
    ft = make(field_types, "sub_table", **SAMPLES["sub_table"][0])
    assert ft.child_table_name("app_client") == "app_client__f"
    assert [c.name for c in ft.child_columns()] == ["amount", "note"]
    assert [c.key for c in ft.children] == ["money", "text"]


@pytest.mark.parametrize("key, db_value, ok", [
    ("integer", "12", True), ("integer", "1,234", True), ("integer", "abc", False),
    ("integer", 12.5, False), ("integer", True, False), ("integer", dt.date(2024, 1, 5), False),
    ("text", 3, True), ("text", 2.5, True), ("text", dt.date(2024, 1, 5), True),
    ("text", "x" * 201, False), ("text", ["a"], False),
    ("date", "2024-01-05", True), ("date", "2024/1/5", True), ("date", "2024-02-30", False),
    ("date", dt.datetime(2024, 1, 5), True), ("date", dt.datetime(2024, 1, 5, 13, 5), False),
    ("date", "2024-01-05 13:05", False), ("date", 3, False), ("date", 45296, False),
    ("datetime", dt.date(2024, 1, 5), True), ("datetime", "2024-01-05 13:05", True),
    ("datetime", 45296.5, False), ("datetime", "later", False),
    ("decimal", 3, True), ("decimal", "1,234.5", True), ("decimal", "x", False),
    ("money", "¥12", True), ("percent", "80%", True), ("percent", 0.8, True),
    ("boolean", 1, True), ("boolean", 2, False), ("boolean", "是", True),
    ("single_select", "a", True), ("single_select", "z", False),
    ("multi_select", "a", True), ("multi_select", ["a", "b"], True), ("multi_select", "z", False),
    ("email", "a@b.cn", True), ("email", "nope", False),
    ("mobile", "13800138000", True), ("mobile", 13800138000, True), ("mobile", "12345", False),
    ("url", "https://x.cn", True), ("user", 3, True), ("relation", "3", True),
    ("relation", "x", False), ("json", '{"a": 1}', True), ("json", 3.5, True),
    ("json", "plain text", False), ("long_text", 12, True),
    ("auto_number", "KH-1", True), ("auto_number", 12, True), ("auto_number", "x" * 65, False),
    ("sub_table", "x", False), ("attachment", "x", False),
])
def test_convertible(field_types, key, db_value, ok):
    ft = make(field_types, key, **SAMPLES[key][0])
    assert ft.convertible(db_value) is ok
    assert ft.convertible(None) is True
    if ok and ft.has_column:  # the publisher then converts with coerce + to_db
        given = db_value.isoformat() if hasattr(db_value, "isoformat") else db_value
        assert ft.to_db(ft.coerce(given)) is not None


def test_defaults_copy_mutable_values(field_types):
    from trellis.forms.model import FormModel
    from trellis.records.validation import apply_defaults

    form = FormModel("t", {"id": "x", "label": {"zh": "x"}, "fields": [
        {"id": "f", "type": "multi_select", "label": {"zh": "f"}, "options": OPTIONS, "default": ["a"]}]}, field_types)
    rows = [{}, {}, {"f": ["b"]}]
    for row in rows:
        apply_defaults(form, row)
    assert rows == [{"f": ["a"]}, {"f": ["a"]}, {"f": ["b"]}]
    assert rows[0]["f"] is not rows[1]["f"]
