"""Reference and structured field types: user, relation, auto_number, sub_table,
attachment, json."""
from __future__ import annotations

import datetime as dt

import fastjsonschema
import jsonschema
import pytest

from trellis.kernel.errors import DefinitionInvalid
from trellis.plugins import load_registries
from trellis.forms.types.base import CoerceError


def make(key, **config):
    cls = load_registries().field_types.get(key)
    return cls({"id": "f", "type": key, "label": {"zh": "字段", "en": "Field"}, **config})


def bad(ft, value) -> dict:
    with pytest.raises(CoerceError) as info:
        ft.coerce(value)
    return info.value.message


class FakeSequences:
    """A test double of the sequence allocator: counts per key in a dict."""

    def __init__(self, now: dt.datetime):
        self.now = now
        self.counters: dict[str, int] = {}
        self.calls: list[tuple[str, int]] = []

    def next_sequence(self, key: str, n: int = 1) -> int:
        self.calls.append((key, n))
        first = self.counters.get(key, 0) + 1
        self.counters[key] = first + n - 1
        return first


@pytest.mark.parametrize("key", ["user", "relation"])
@pytest.mark.parametrize("value, expected", [(7, 7), ("7", 7), (" ７ ", 7), (7.0, 7), ({"id": 7}, 7),
                                             ({"id": "7", "name": "张三"}, 7)])
def test_id_fields_coerce(key, value, expected):
    assert make(key, target="client").coerce(value) == expected


@pytest.mark.parametrize("key, zh, en", [("user", "用户编号", "user id"), ("relation", "记录编号", "record id")])
@pytest.mark.parametrize("value", ["abc", 0, -3, 1.5, True, {"name": "x"}, [1]])
def test_id_fields_refuse(key, zh, en, value):
    message = bad(make(key, target="client"), value)
    assert zh in message["zh"] and en in message["en"]


def test_relation_config():
    ft = make("relation", target="client", display_field="name", on_delete="cascade")
    assert (ft.target, ft.display_field, ft.on_delete, ft.references) == ("client", "name", "cascade", "form")
    assert make("relation", target="client").on_delete == "restrict"
    assert make("user").references == "user"
    assert ft.value_schema() == {"type": "integer", "minimum": 1}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({}, ft.config_schema)  # target is required
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"target": "client", "on_delete": "explode"}, ft.config_schema)


def test_auto_number_default_pattern():
    ft = make("auto_number")
    ctx = FakeSequences(dt.datetime(2024, 1, 5, 9, 0))
    rows = [{}, {"f": "EXISTING"}, {"f": None}]
    ft.fill_on_create(rows, ctx)
    assert [r["f"] for r in rows] == ["202401050001", "EXISTING", "202401050002"]
    assert ctx.calls == [("f", 2)]  # one allocation for the batch
    assert ft.generated and ft.json_schema()["readOnly"] is True


def test_auto_number_pattern_and_yearly_reset():
    field = {"id": "code", "type": "auto_number", "label": {"zh": "客户编号"}, "form": "client",
             "pattern": "KH-{YYYY}-{seq:6}", "reset": "yearly"}
    ft = load_registries().field_types.get("auto_number")(field)
    ctx = FakeSequences(dt.datetime(2024, 12, 31, 23, 59))
    rows = [{} for _ in range(3)]
    ft.fill_on_create(rows, ctx)
    assert [r["code"] for r in rows] == ["KH-2024-000001", "KH-2024-000002", "KH-2024-000003"]
    ctx.now = dt.datetime(2025, 1, 1)
    more = [{}]
    ft.fill_on_create(more, ctx)
    assert more == [{"code": "KH-2025-000001"}]
    assert [k for k, _ in ctx.calls] == ["client.code.2024", "client.code.2025"]


def test_auto_number_form_object_and_other_tokens():
    form = type("Form", (), {"id": "deal"})()
    field = {"id": "no", "type": "auto_number", "pattern": "{YY}{MM}{DD}-{seq}{x}", "reset": "monthly"}
    ft = load_registries().field_types.get("auto_number")(field, form)
    ctx = FakeSequences(dt.datetime(2024, 3, 7))
    ctx.counters["deal.no.202403"] = 41
    rows = [{}]
    ft.fill_on_create(rows, ctx)
    assert rows == [{"no": "240307-42{x}"}]
    daily = make("auto_number", reset="daily")
    assert daily.sequence_key(dt.datetime(2024, 3, 7)) == "f.20240307"
    ft.fill_on_create([], ctx)  # nothing to fill: no allocation
    assert len(ctx.calls) == 1


def test_auto_number_coerce_and_config():
    ft = make("auto_number")
    assert ft.coerce(" KH-2024-000001 ") == "KH-2024-000001"
    assert ft.coerce(202401050001) == "202401050001"
    assert ft.column_signature() == "String(64)"
    schema = ft.config_schema
    jsonschema.validate({"pattern": "KH-{seq:4}", "reset": "daily"}, schema)
    for wrong in ({"pattern": "KH-{YYYY}"}, {"reset": "weekly"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(wrong, schema)


LINES = [
    {"id": "product", "type": "text", "label": {"zh": "品种", "en": "Product"}, "required": True},
    {"id": "amount", "type": "money", "label": {"zh": "金额", "en": "Amount"}},
    {"id": "side", "type": "single_select", "label": {"zh": "方向", "en": "Side"},
     "options": [{"value": "buy", "label": {"zh": "买", "en": "Buy"}},
                 {"value": "sell", "label": {"zh": "卖", "en": "Sell"}}]},
    {"id": "line_no", "type": "auto_number", "label": {"zh": "行号"}, "pattern": "L{seq:3}", "required": True},
    {"id": "old", "type": "text", "label": {"zh": "旧字段"}, "deleted": True},
]


def test_sub_table_children_and_schema():
    ft = make("sub_table", fields=LINES, max_rows=3)
    assert [c.id for c in ft.children] == ["product", "amount", "side", "line_no", "old"]
    assert ft.has_column is False and ft.columns() == []
    assert [c.name for c in ft.child_columns()] == ["product", "amount", "side", "line_no", "old"]
    assert ft.child_table_name("crm__deal") == "crm__deal__f"
    schema = ft.value_schema()
    assert set(schema["items"]["properties"]) == {"product", "amount", "side", "line_no"}
    assert schema["items"]["required"] == ["product"]
    assert schema["maxItems"] == 3
    validate = fastjsonschema.compile(ft.json_schema())
    validate([{"product": "IF2403", "amount": 1.5}])
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate([{"amount": 1.5}])
    assert not jsonschema.Draft202012Validator(ft.json_schema()).is_valid([{"amount": 1.5}])


def test_sub_table_coerce():
    ft = make("sub_table", fields=LINES)
    rows = ft.coerce([
        {"product": " IF2403 ", "amount": "¥1.2万", "side": "买"},
        {"品种": "rb2405", "金额": "", "Side": "sell"},  # labels as keys
        {"product": "", "amount": None},                   # blank row: dropped
        {"id": 9, "product": "x"},                         # an existing child row keeps its id
    ])
    assert rows == [{"product": "IF2403", "amount": 12000.0, "side": "buy"},
                    {"product": "rb2405", "side": "sell"}, {"id": 9, "product": "x"}]
    assert ft.coerce('[{"product": "a"}]') == [{"product": "a"}]
    assert ft.coerce({"product": "a"}) == [{"product": "a"}]
    assert ft.coerce([]) is None and ft.coerce("") is None


def test_sub_table_errors_name_row_and_child():
    ft = make("sub_table", fields=LINES)
    with pytest.raises(CoerceError) as info:
        ft.coerce([{"product": "a"}, {"amount": "abc", "side": "hold"}, "x", {"nope": 1}])
    zh, en = info.value.message["zh"], info.value.message["en"]
    assert "第2行 金额:“abc”不是有效的金额" in zh
    assert "row 2, Amount: “abc” is not a valid amount" in en
    assert "第2行 方向:" in zh and "row 2, Side:" in en
    assert "第3行" in zh and "row 3" in en
    assert "第4行 未知字段“nope”" in zh and "row 4: unknown field “nope”" in en
    assert bad(ft, "not json")["en"].endswith("is not sub-table data (a list of rows)")
    bad(ft, 12)


def test_sub_table_child_auto_numbers_and_db():
    form = type("Form", (), {"id": "deal"})()
    ft = load_registries().field_types.get("sub_table")({"id": "lines", "type": "sub_table", "fields": LINES}, form)
    docs = [{"lines": [{"product": "a"}, {"product": "b"}]}, {"lines": None}, {"lines": [{"product": "c"}]}]
    ctx = FakeSequences(dt.datetime(2024, 1, 5))
    ft.fill_on_create(docs, ctx)
    assert [r["line_no"] for d in docs for r in d["lines"] or []] == ["L001", "L002", "L003"]
    assert ctx.calls == [("deal.lines.line_no", 3)]
    assert ft.to_db([{"id": 1, "amount": 2.5}]) == [{"id": 1, "amount": 2.5}]
    assert ft.from_db([{"amount": 2.5, "side": None}]) == [{"amount": 2.5}]
    assert ft.convertible(None) and not ft.convertible("x")


@pytest.mark.parametrize("fields", [
    [{"id": "inner", "type": "sub_table", "fields": []}],
    [{"id": "x", "type": "no_such_type"}],
])
def test_sub_table_refuses_bad_children(fields):
    with pytest.raises(DefinitionInvalid) as info:
        make("sub_table", fields=fields)
    assert info.value.errors[0]["pointer"] == "/fields/0/type" and info.value.errors[0]["field"] == "f"
    assert set(info.value.errors[0]["message"]) == {"zh", "en"}


def test_sub_table_config_schema_forbids_nesting():
    schema = make("sub_table", fields=LINES).config_schema
    jsonschema.validate({"fields": LINES}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"fields": [{"id": "x", "type": "sub_table"}]}, schema)


def test_attachment_coerce():
    ft = make("attachment", accept=[".pdf", ".PNG"], max_size_mb=1, max_count=2)
    one = {"id": "f1", "name": " 开户协议.PDF ", "size": 1024}
    assert ft.coerce(one) == [{"id": "f1", "name": "开户协议.PDF", "size": 1024, "content_type": "application/pdf"}]
    files = ft.coerce([{"id": 5, "name": "a.png", "size": 10.0, "content_type": "image/png", "extra": 1}, None])
    assert files == [{"id": "5", "name": "a.png", "size": 10, "content_type": "image/png"}]
    assert ft.coerce('[{"id": "x", "name": "b.pdf", "size": 0}]')[0]["id"] == "x"
    assert ft.coerce([]) is None
    schema = ft.value_schema()
    assert schema["maxItems"] == 2
    assert not jsonschema.Draft202012Validator(schema).is_valid([files[0]] * 3)
    assert make("attachment").value_schema()["maxItems"] == 10
    assert make("attachment").coerce({"id": "z", "name": "noext", "size": 1})[0]["content_type"] == \
        "application/octet-stream"


def test_attachment_refuses():
    ft = make("attachment", accept=[".pdf"], max_size_mb=1)
    message = bad(ft, {"id": "f1", "name": "a.exe", "size": 1})
    assert message == {"zh": "不接受文件“a.exe”的类型，仅限 .pdf", "en": "file “a.exe” is not accepted; allowed: .pdf"}
    message = bad(ft, {"id": "f1", "name": "a.pdf", "size": 2 * 1024 * 1024})
    assert "超过 1 MB" in message["zh"] and "larger than 1 MB" in message["en"]
    for wrong in ({"name": "a.pdf", "size": 1}, {"id": "f1", "name": "a.pdf", "size": -1},
                  {"id": "f1", "name": "a.pdf", "size": "big"}, "nope", 12, [1]):
        message = bad(ft, wrong)
        assert "附件" in message["zh"] and "attachment" in message["en"]


@pytest.mark.parametrize("value, expected", [
    ('{"a": [1, 2]}', {"a": [1, 2]}), ("[1, 2]", [1, 2]), ('"text"', "text"), ("3", 3), ("true", True),
    ({"a": 1}, {"a": 1}), ([1, "x"], [1, "x"]), (3, 3), (2.5, 2.5), (False, False), ("null", None),
])
def test_json_coerce(value, expected):
    assert make("json").coerce(value) == expected


@pytest.mark.parametrize("value", ["{oops", "abc", float("nan"), {"a": {1, 2}}, object()])
def test_json_refuses(value):
    message = bad(make("json"), value)
    assert "JSON" in message["zh"] and "JSON" in message["en"]


def test_json_schema_accepts_anything():
    ft = make("json")
    assert ft.value_schema() == {}
    validate = fastjsonschema.compile(ft.json_schema())
    for value in ({"a": 1}, [1], "x", 1, None):
        validate(value)
