"""The rating plugin's field type (plugins/trellis_rating), tested like a core type: what it
reads (numbers, full-width digits, stars, "4星"), what it refuses with a bilingual message
naming the value, its schema and storage, and records on a real table (SQLite, and
PostgreSQL when it answers): INTEGER column, filters and sorts in SQL, errors naming the field."""
from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from trellis.forms.types.base import CoerceError
from trellis.forms.types.traits import trait_problems
from trellis.kernel.errors import DefinitionInvalid, ValidationFailed
from trellis.plugins import load_registries

trellis_rating = pytest.importorskip("trellis_rating", reason="pip install -e plugins/trellis_rating")

APP = {"schema_version": 1, "id": "svc", "label": {"zh": "服务", "en": "Service"}, "forms": ["visit"]}
VISIT = {"schema_version": 1, "id": "visit", "label": {"zh": "回访", "en": "Visit"}, "title_field": "subject",
         "fields": [{"id": "subject", "type": "text", "label": {"zh": "主题", "en": "Subject"}},
                    {"id": "score", "type": "rating", "label": {"zh": "服务满意度", "en": "Satisfaction"}}]}


def make(**config):
    cls = load_registries().field_types.get("rating")
    return cls({"id": "score", "type": "rating", "label": {"zh": "满意度", "en": "Satisfaction"}, **config})


def refused(ft, value) -> CoerceError:
    with pytest.raises(CoerceError) as info:
        ft.coerce(value)
    return info.value


def test_the_plugin_registered_the_type_with_valid_traits():
    cls = load_registries().field_types.get("rating")
    assert cls is trellis_rating.RatingType and cls.widget == "rating"
    assert trait_problems(cls) == []
    assert cls.sql_kind == "number" and "greater_or_equal" in cls.operators and cls.inline_editable


@pytest.mark.parametrize("value, expected", [
    (4, 4), (0, 0), (5, 5), ("4", 4), ("４", 4), (" 3 ", 3), ("\u30002\u3000", 2), (4.0, 4), (Decimal("4"), 4),
    ("4.0", 4), ("★★★★", 4), ("★★★★☆", 4), ("☆☆☆☆☆", 0), ("4星", 4), ("4 颗星", 4), ("3分", 3), ("4 stars", 4),
    ("1 Star", 1), ("", None), ("  ", None), (None, None),
])
def test_coerce_reads(value, expected):
    assert make().coerce(value) == expected


@pytest.mark.parametrize("value, code", [
    ("abc", "invalid_rating"), (4.5, "invalid_rating"), ("4.5", "invalid_rating"), (True, "invalid_rating"),
    (float("nan"), "invalid_rating"), ([4], "invalid_rating"), ("★★x", "invalid_rating"), ("星", "invalid_rating"),
    (6, "rating_out_of_range"), (-1, "rating_out_of_range"), ("6", "rating_out_of_range"),
    ("★★★★★★", "rating_out_of_range"), ("99999999999", "invalid_rating"),
])
def test_coerce_refuses_naming_the_value(value, code):
    err = refused(make(), value)
    assert err.code == code
    shown = str(value)[:10]
    assert shown in err.message["zh"] and shown in err.message["en"]
    assert "评分" in err.message["zh"] and "rating" in err.message["en"]
    if code == "rating_out_of_range":
        assert "0–5" in err.message["zh"] and "0–5" in err.message["en"]


def test_max_sets_the_range():
    ten = make(max=10)
    assert ten.coerce("10") == 10 and ten.coerce("★" * 10) == 10
    assert ten.value_schema() == {"type": "integer", "minimum": 0, "maximum": 10}
    assert "0–10" in refused(ten, 11).message["en"]
    assert make(max=3).value_schema()["maximum"] == 3 and make(max=99).most == 5  # out of bounds: the default


def test_storage_and_round_trip():
    ft = make()
    assert isinstance(ft.column_type(), sa.Integer) and not isinstance(ft.column_type(), sa.BigInteger)
    assert ft.to_db(ft.coerce("★★★")) == 3 and ft.from_db(3) == 3 and ft.sql_literal(4) == 4
    assert ft.convertible(4) and ft.convertible("５") and not ft.convertible(7) and not ft.convertible("good")


def test_a_max_outside_3_to_10_is_refused_on_save(runtime):
    bad = dict(VISIT, fields=[dict(VISIT["fields"][1], max=11)])
    with pytest.raises(DefinitionInvalid) as info:
        runtime.store.save_draft("svc", "form", "visit", bad)
    assert any("max" in str(e.get("pointer", "")) + str(e.get("message")) for e in info.value.errors)


def test_records_store_filter_and_sort_in_sql(runtime):
    runtime.store.save_draft("svc", "app", "svc", APP)
    runtime.publish("svc", "app", "svc")
    runtime.store.save_draft("svc", "form", "visit", VISIT)
    runtime.publish("svc", "form", "visit")
    visits = runtime.records("svc", "visit")
    for subject, score in (("甲", "★★★★"), ("乙", "２"), ("丙", 5.0), ("丁", None), ("戊", "4星")):
        visits.create({"subject": subject, "score": score})
    with runtime.engine.connect() as conn:
        kind = sa.inspect(conn).get_columns("svc__visit")
    assert "INT" in str(next(c["type"] for c in kind if c["name"] == "score")).upper()
    page = visits.list(filter={">=": [{"var": "score"}, 4]}, sort="-score,subject", count="exact")
    assert [(r["subject"], r["score"]) for r in page["items"]] == [("丙", 5), ("戊", 4), ("甲", 4)]
    assert page["count"] == 3
    low = visits.list(filter={"<=": [{"var": "score"}, 4]}, sort="score")["items"]
    assert [r["score"] for r in low] == [None, 2, 4, 4]  # JsonLogic reads a missing value as 0
    with pytest.raises(ValidationFailed) as info:
        visits.create({"subject": "己", "score": "七"})
    err = info.value.errors[0]
    assert err["field"] == "score" and "服务满意度" in err["message"]["zh"] and "七" in err["message"]["zh"]
    assert "Satisfaction" in err["message"]["en"]
