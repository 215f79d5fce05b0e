"""Number-like field types: integer, decimal, money, percent, boolean."""
from __future__ import annotations

from decimal import Decimal

import pytest

from trellis.plugins import load_registries
from trellis.forms.types.base import CoerceError, number_text


def make(key, **config):
    cls = load_registries().field_types.get(key)
    return cls({"id": "f", "type": key, "label": {"zh": "数量", "en": "Quantity"}, **config})


def bad(ft, value) -> dict:
    with pytest.raises(CoerceError) as info:
        ft.coerce(value)
    return info.value.message


@pytest.mark.parametrize("text, expected", [
    ("1,234,567.89", Decimal("1234567.89")), ("1，234", Decimal("1234")),
    ("１２３", Decimal("123")), ("－５", Decimal("-5")), ("\u3000 12 \u3000", Decimal("12")),
    ("(1,234.5)", Decimal("-1234.5")), ("1.5E3", Decimal("1500")), (".5", Decimal("0.5")),
])
def test_number_text(text, expected):
    assert number_text(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2", "12,34", "1.2.3", "NaN", "Infinity", "1e999", "--1", "1 2"])
def test_number_text_refuses(text):
    with pytest.raises(ValueError):
        number_text(text)


def test_integer_coerce():
    ft = make("integer", min=0, max=100)
    assert ft.coerce(12) == 12
    assert ft.coerce("1,234") == 1234
    assert ft.coerce("１２") == 12
    assert ft.coerce(" 12 ") == 12
    assert ft.coerce(12.0) == 12 and type(ft.coerce(12.0)) is int
    assert ft.coerce("12.00") == 12
    assert ft.coerce(Decimal("7")) == 7
    assert ft.coerce("-3") == -3
    assert ft.value_schema() == {"type": "integer", "minimum": 0, "maximum": 100}
    assert make("integer").value_schema()["maximum"] == 2**63 - 1


@pytest.mark.parametrize("value", [12.5, "12.5", "abc", True, False, float("nan"), float("inf"), [1], "1,2"])
def test_integer_refuses(value):
    message = bad(make("integer"), value)
    assert "整数" in message["zh"] and "whole number" in message["en"]


def test_integer_message_names_the_input():
    assert bad(make("integer"), "abc") == {"zh": "“abc”不是有效的整数",
                                            "en": "“abc” is not a valid whole number"}


def test_decimal_coerce_rounds_half_up():
    ft = make("decimal")
    assert ft.coerce(2.675) == 2.68
    assert ft.coerce("1,234.565") == 1234.57
    assert ft.coerce("-1.005") == -1.01
    assert ft.coerce(1.5) == 1.5
    assert ft.coerce(3) == 3
    assert ft.coerce(Decimal("1.234")) == 1.23
    assert make("decimal", precision=0).coerce("2.5") == 3.0
    assert make("decimal", precision=4).coerce("0.12345") == 0.1235
    assert ft.column_type().asdecimal is False
    assert (ft.column_type().precision, ft.column_type().scale) == (15, 2)
    schema = make("decimal", min=0, max=10).value_schema()
    assert schema["minimum"] == 0 and schema["maximum"] == 10
    assert make("decimal").value_schema()["maximum"] == 10**13 - 1


@pytest.mark.parametrize("value", ["abc", True, float("nan"), float("inf"), "1e40", {}, "¥12"])
def test_decimal_refuses(value):
    message = bad(make("decimal"), value)
    assert "数字" in message["zh"] and "number" in message["en"]


@pytest.mark.parametrize("text, expected", [
    ("¥1,234.50", 1234.5), ("￥1,234.50", 1234.5), ("1234元", 1234.0), ("1.2万", 12000.0),
    ("3亿", 300000000.0), ("1.2万元", 12000.0), ("¥ 1.5万", 15000.0), ("人民币100", 100.0),
    ("RMB 100", 100.0), ("rmb100", 100.0), ("-¥1,234.567", -1234.57), ("¥-5", -5.0),
    ("（1,000）", -1000.0), ("１，２３４．５元", 1234.5), ("\u30001,234\u3000", 1234.0),
    ("5千", 5000.0), ("2万亿", 2e12), (99.999, 100.0), (12, 12),
])
def test_money_coerce(text, expected):
    assert make("money").coerce(text) == expected


def test_money_currency():
    usd = make("money", currency="USD")
    assert usd.currency == "USD"
    assert usd.coerce("$1,200.00") == 1200.0
    assert usd.coerce("US$5") == 5.0
    message = bad(usd, "¥5")
    assert message == {"zh": "“¥5”不是有效的金额", "en": "“¥5” is not a valid amount"}
    assert make("money").currency == "CNY"
    assert make("money", precision=0).coerce("1.5元") == 2.0


@pytest.mark.parametrize("text", ["abc", "1.2万万", "万", "¥", "12$", "1,2元"])
def test_money_refuses(text):
    message = bad(make("money"), text)
    assert "金额" in message["zh"] and "amount" in message["en"]


@pytest.mark.parametrize("value, expected", [
    ("80%", 0.8), ("80％", 0.8), ("８０％", 0.8), (" 12.5 % ", 0.125), (0.8, 0.8), ("0.8", 0.8),
    (1, 1), ("100%", 1.0), ("-5%", -0.05), ("5‰", 0.005), ("12.345%", 0.1235), (0.123456, 0.1235),
    ("1,200%", 12.0),
])
def test_percent_coerce(value, expected):
    assert make("percent").coerce(value) == expected


def test_percent_precision_and_errors():
    assert make("percent", precision=0).coerce("12.5%") == 0.13
    assert make("percent").column_signature() == "Float"
    message = bad(make("percent"), "八成")
    assert message == {"zh": "“八成”不是有效的百分比", "en": "“八成” is not a valid percentage"}
    bad(make("percent"), True)
    bad(make("percent"), "%")


@pytest.mark.parametrize("value", [True, 1, 1.0, "1", "是", "对", "√", "✓", "Y", "y", "YES", "True", "ｙｅｓ", " 是\u3000"])
def test_boolean_true(value):
    assert make("boolean").coerce(value) is True


@pytest.mark.parametrize("value", [False, 0, 0.0, "0", "否", "错", "×", "N", "no", "FALSE", "false"])
def test_boolean_false(value):
    assert make("boolean").coerce(value) is False


@pytest.mark.parametrize("value", ["maybe", 2, -1, 0.5, "是的吧", [True]])
def test_boolean_refuses(value):
    message = bad(make("boolean"), value)
    assert "是/否" in message["zh"] and "yes/no" in message["en"]
