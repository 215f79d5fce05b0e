"""Text-like and choice field types: text, long_text, email, mobile, url, single/multi select."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import fastjsonschema
import jsonschema
import pytest

from trellis.plugins import load_registries
from trellis.forms.types.base import CoerceError

LEVELS = [
    {"value": "vip", "label": {"zh": "贵宾", "en": "VIP"}, "color": "gold"},
    {"value": "normal", "label": {"zh": "普通", "en": "Normal"}},
    {"value": "new", "label": {"zh": "新客户", "en": "New client"}},
]


def make(key, **config):
    cls = load_registries().field_types.get(key)
    return cls({"id": "f", "type": key, "label": {"zh": "客户等级", "en": "Client level"}, **config})


def bad(ft, value) -> dict:
    with pytest.raises(CoerceError) as info:
        ft.coerce(value)
    return info.value.message


def both_accept(schema, value) -> bool:
    ok_fast = ok_js = True
    try:
        fastjsonschema.compile(schema)(value)
    except fastjsonschema.JsonSchemaException:
        ok_fast = False
    ok_js = jsonschema.Draft202012Validator(schema).is_valid(value)
    assert ok_fast == ok_js, (schema, value)
    return ok_js


@pytest.mark.parametrize("value, expected", [
    ("  张三 ", "张三"), ("\u3000李四\u3000", "李四"), (12, "12"), (12.0, "12"), (12.5, "12.5"),
    (Decimal("3.10"), "3.1"), (True, "true"), (dt.date(2024, 1, 5), "2024-01-05"),
    (dt.datetime(2024, 1, 5, 13, 5), "2024-01-05T13:05:00"), ("a  b", "a  b"),
])
def test_text_coerce(value, expected):
    assert make("text").coerce(value) == expected


def test_text_schema_and_errors():
    ft = make("text", max_length=5, min_length=2, pattern="^[A-Z]+$")
    schema = ft.value_schema()
    assert schema == {"type": "string", "maxLength": 5, "minLength": 2, "pattern": "^[A-Z]+$"}
    assert both_accept(schema, "ABC")
    assert not both_accept(schema, "ABCDEF")
    assert not both_accept(schema, "abc")
    assert not both_accept(schema, "A")
    assert ft.column_type().length == 5
    assert bad(make("text"), {"a": 1}) == {"zh": "“{'a': 1}”不是文本", "en": "“{'a': 1}” is not text"}
    assert make("text").searchable


def test_long_text():
    ft = make("long_text")
    assert ft.coerce("  第一行\r\n第二行\r第三行\n ") == "第一行\n第二行\n第三行"
    assert ft.column_signature() == "Text"
    assert ft.value_schema() == {"type": "string"}
    assert make("long_text", max_length=10).value_schema()["maxLength"] == 10


@pytest.mark.parametrize("value, expected", [
    ("vip", "vip"), ("贵宾", "vip"), (" 贵宾\u3000", "vip"), ("VIP", "vip"), ("new client", "new"),
    ("New Client", "new"), ("NORMAL", "normal"), ("普通", "normal"),
])
def test_single_select_coerce(value, expected):
    assert make("single_select", options=LEVELS).coerce(value) == expected


def test_single_select_schema_and_errors():
    ft = make("single_select", options=LEVELS)
    assert ft.value_schema() == {"type": "string", "enum": ["vip", "normal", "new"]}
    assert ft.column_signature() == "String(64)"
    assert bad(ft, "金卡") == {"zh": "“金卡”不是“客户等级”的选项", "en": "“金卡” is not an option of “Client level”"}
    numeric = make("single_select", options=[{"value": "1"}, {"value": "2"}])
    assert numeric.coerce(1) == "1" and numeric.coerce(2.0) == "2"


@pytest.mark.parametrize("value, expected", [
    ("新客户、贵宾", ["vip", "new"]), ("贵宾，普通", ["vip", "normal"]), ("vip,new", ["vip", "new"]),
    ("vip; normal；new", ["vip", "normal", "new"]), ("贵宾\n普通\r\n", ["vip", "normal"]),
    (["new", "贵宾", "vip"], ["vip", "new"]), (("normal",), ["normal"]), ("VIP", ["vip"]),
    ([], None), (["", None], None), ("、", None),
])
def test_multi_select_coerce(value, expected):
    assert make("multi_select", options=LEVELS).coerce(value) == expected


def test_multi_select_label_with_separator_and_errors():
    ft = make("multi_select", options=[{"value": "a", "label": {"zh": "甲，乙"}}, {"value": "b"}], max_items=1)
    assert ft.coerce("甲，乙") == ["a"]
    schema = ft.value_schema()
    assert schema["maxItems"] == 1 and schema["uniqueItems"] is True
    assert not both_accept(schema, ["a", "b"])
    assert not both_accept(schema, ["a", "a"])
    assert both_accept(schema, ["b"])
    levels = make("multi_select", options=LEVELS)
    assert bad(levels, "贵宾、金卡") == {"zh": "“金卡”不是“客户等级”的选项",
                                       "en": "“金卡” is not an option of “Client level”"}
    message = bad(levels, ["x", "y"])
    assert "“x”、“y”" in message["zh"] and "“x”, “y”" in message["en"]
    assert levels.column_signature() == "JSON" and not levels.sortable


@pytest.mark.parametrize("value, expected", [
    ("Zhang.San@Example.COM", "Zhang.San@example.com"), (" a@b.cn\u3000", "a@b.cn"),
    ("ｚｈａｎｇ＠ｑｑ．ｃｏｍ", "zhang@qq.com"), ("mailto:x@y.com", "x@y.com"),
    ("12345@QQ.com", "12345@qq.com"), ("u@例子.中国", "u@xn--fsqu00a.xn--fiqs8s"),
    ("first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk"),
])
def test_email_coerce(value, expected):
    ft = make("email")
    assert ft.coerce(value) == expected
    assert both_accept(ft.value_schema(), expected)


@pytest.mark.parametrize("value", ["nope", "a@b", "a@@b.cn", "a b@c.cn", "@b.cn", "a@-b.cn", 12, "张三@qq.com"])
def test_email_refuses(value):
    message = bad(make("email"), value)
    assert "邮箱" in message["zh"] and "email" in message["en"]


@pytest.mark.parametrize("value", [
    "13800138000", "+86 138 0013 8000", "86-13800138000", "138-0013-8000", "１３８００１３８０００",
    "+86-138-0013-8000", "(+86) 13800138000", "0086 13800138000", 13800138000, 13800138000.0,
    " 138 0013 8000\u3000", "＋８６　１３８００１３８０００",
])
def test_mobile_coerce(value):
    assert make("mobile").coerce(value) == "13800138000"


@pytest.mark.parametrize("value", ["12800138000", "1380013800", "138001380001", "010-12345678", "abc", True, 1.5])
def test_mobile_refuses(value):
    message = bad(make("mobile"), value)
    assert "手机号" in message["zh"] and "mobile" in message["en"]


def test_mobile_schema():
    schema = make("mobile").value_schema()
    assert both_accept(schema, "13800138000")
    assert not both_accept(schema, "+8613800138000")


@pytest.mark.parametrize("value, expected", [
    ("https://example.com", "https://example.com"), ("www.example.com", "https://www.example.com"),
    ("HTTP://Example.COM/Path?Q=1", "http://example.com/Path?Q=1"), ("example.com:8080/x", "https://example.com:8080/x"),
    ("  https://例子.中国/页 ", "https://例子.中国/页"), ("http://localhost:3000", "http://localhost:3000"),
])
def test_url_coerce(value, expected):
    ft = make("url")
    assert ft.coerce(value) == expected
    assert both_accept(ft.value_schema(), expected)


@pytest.mark.parametrize("value", ["ftp://x.com", "javascript:alert(1)", "mailto:a@b.cn", "http://", "not a url",
                                   "https://exa mple.com", "http://x.com:99999", "foo", 12])
def test_url_refuses(value):
    message = bad(make("url"), value)
    assert "网址" in message["zh"] and "URL" in message["en"]
