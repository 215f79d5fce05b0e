"""Date and date-time field types: spreadsheet formats, Excel serials, time zones."""
from __future__ import annotations

import datetime as dt

import pytest

from trellis.plugins import load_registries
from trellis.forms.types.base import CoerceError
from trellis.forms.types.date import from_excel


def make(key, **config):
    cls = load_registries().field_types.get(key)
    return cls({"id": "d", "type": key, "label": {"zh": "开户日期", "en": "Opened on"}, **config})


def bad(ft, value) -> dict:
    with pytest.raises(CoerceError) as info:
        ft.coerce(value)
    return info.value.message


@pytest.mark.parametrize("value", [
    "2024-01-05", "2024-1-5", "2024/1/5", "2024/01/05", "2024.1.5", "2024年1月5日", "2024年01月05号",
    "2024 年 1 月 5 日", "20240105", "２０２４－０１－０５", "\u30002024-01-05 ", 45296, 45296.0, 45296.99,
    20240105, dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 13, 5), "2024-01-05 00:00:00",
    "2024-01-05T09:30", "2024年1月5日 13:05",
])
def test_date_coerce(value):
    assert make("date").coerce(value) == "2024-01-05"


def test_excel_serials():
    assert from_excel(1) == dt.datetime(1900, 1, 1)
    assert from_excel(59) == dt.datetime(1900, 2, 28)
    assert from_excel(61) == dt.datetime(1900, 3, 1)
    assert from_excel(45296) == dt.datetime(2024, 1, 5)
    assert from_excel(2958465) == dt.datetime(9999, 12, 31)
    with pytest.raises(ValueError):
        from_excel(60)  # Excel's 1900-02-29 never existed


def test_excel_serials_as_text():
    """A CSV saved from a sheet with an unformatted date cell holds the serial as text."""
    assert make("date").coerce("45296") == "2024-01-05"
    assert make("date").coerce(" 45296 ") == "2024-01-05"
    assert make("datetime").coerce("45296.5").startswith("2024-01-05T12:00")


@pytest.mark.parametrize("value", [
    "2024-02-30", "2023-02-29", "2024-13-01", "2024/1/32", "20241340", "not a date", "01/05/2024",
    "2024-01", "24-1-5", 0, -5, 2958466, True, 60, float("nan"), [2024, 1, 5], "2024-01-05 25:00",
])
def test_date_refuses(value):
    message = bad(make("date"), value)
    assert "日期" in message["zh"] and "date" in message["en"]


def test_date_leap_day_and_message():
    assert make("date").coerce("2024-02-29") == "2024-02-29"
    assert bad(make("date"), "2024-02-30") == {"zh": "“2024-02-30”不是有效的日期",
                                                "en": "“2024-02-30” is not a valid date"}


def test_date_db_round_trip():
    ft = make("date")
    assert ft.to_db("2024-01-05") == dt.date(2024, 1, 5)
    assert ft.from_db(dt.date(2024, 1, 5)) == "2024-01-05"
    assert ft.from_db(None) is None and ft.sql_literal(None) is None
    assert ft.sql_literal("2024-01-05") == dt.date(2024, 1, 5)


@pytest.mark.parametrize("value, expected", [
    ("2024-01-05T13:05:00", "2024-01-05T13:05:00"), ("2024-01-05 13:05:00", "2024-01-05T13:05:00"),
    ("2024-01-05 13:05", "2024-01-05T13:05:00"), ("2024-01-05T13:05", "2024-01-05T13:05:00"),
    ("2024/1/5 9:05", "2024-01-05T09:05:00"), ("2024年1月5日 13:05", "2024-01-05T13:05:00"),
    ("2024年1月5日13时05分", "2024-01-05T13:05:00"), ("2024年1月5日 13点05分30秒", "2024-01-05T13:05:30"),
    ("2024-01-05 下午1:05", "2024-01-05T13:05:00"), ("2024-01-05 上午11:05", "2024-01-05T11:05:00"),
    ("2024-01-05 1:05 PM", "2024-01-05T13:05:00"), ("2024-01-05 12:05 AM", "2024-01-05T00:05:00"),
    ("2024-01-05 13:05:07.123456", "2024-01-05T13:05:07"), ("２０２４－０１－０５　１３：０５", "2024-01-05T13:05:00"),
    ("2024-01-05", "2024-01-05T00:00:00"), ("20240105", "2024-01-05T00:00:00"),
    (45296.5, "2024-01-05T12:00:00"), (45296.546527777776, "2024-01-05T13:07:00"), (45296, "2024-01-05T00:00:00"),
    (dt.datetime(2024, 1, 5, 13, 5, 7, 999), "2024-01-05T13:05:07"), (dt.date(2024, 1, 5), "2024-01-05T00:00:00"),
])
def test_datetime_coerce(value, expected):
    assert make("datetime").coerce(value) == expected


def test_datetime_aware_input_becomes_server_local_time():
    ft = make("datetime")
    aware = dt.datetime(2024, 1, 5, 5, 5, tzinfo=dt.timezone.utc)
    local = aware.astimezone().replace(tzinfo=None).isoformat(timespec="seconds")
    assert ft.coerce(aware) == local
    assert ft.coerce("2024-01-05T05:05:00Z") == local
    assert ft.coerce("2024-01-05T13:05:00+08:00") == local
    assert ft.coerce("2024-01-05 13:05+0800") == local


@pytest.mark.parametrize("value", ["2024-01-05 24:00", "2024-01-05 13:60", "2024-02-30 10:00", "soon",
                                   "13:05", True, -1, "2024-01-05 13"])
def test_datetime_refuses(value):
    message = bad(make("datetime"), value)
    assert "日期时间" in message["zh"] and "date and time" in message["en"]


def test_datetime_db_round_trip():
    ft = make("datetime")
    assert ft.to_db("2024-01-05T13:05:00") == dt.datetime(2024, 1, 5, 13, 5)
    assert ft.from_db(dt.datetime(2024, 1, 5, 13, 5)) == "2024-01-05T13:05:00"
    assert ft.from_db(None) is None
