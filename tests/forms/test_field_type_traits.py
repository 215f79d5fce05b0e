"""Field-type traits: every registered type declares complete and valid traits, every
operator a type offers compiles to SQL and runs on a real table (SQLite, and PostgreSQL
when it answers), and a type no list has ever heard of behaves by its traits alone in SQL
filtering, sheet export, the import template and GET /field-types' answer."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from trellis.api.field_types import describe
from trellis.forms.model import FormModel
from trellis.forms.types import register
from trellis.forms.types.base import FieldType
from trellis.forms.types.traits import (
    AGGREGATIONS, OPERATORS, ORDERED_OPS, TRAITS, rule_for, trait_problems, traits_of,
)
from trellis.kernel.registry import Registry
from trellis.logic import to_sql
from trellis.forms.sqlfields import resolver
from trellis.sheets import display
from trellis.sheets.template import _column_kind, _comment, _example
from trellis.plugins import load_registries

OPTIONS = [{"value": "a", "label": {"zh": "甲", "en": "Alpha"}}, {"value": "b", "label": {"zh": "乙", "en": "Beta"}}]
CONFIG = {"single_select": {"options": OPTIONS}, "multi_select": {"options": OPTIONS}, "relation": {"target": "t"},
          "sub_table": {"fields": [{"id": "x", "type": "text"}]}, "formula": {"expression": 'f_text & "!"'}}
NEEDS_APP = {"lookup"}  # reads another form (tests/forms/test_computed_fields.py)
# a value of each sql kind as a filter compares it, and a stored value that matches it
SAMPLE = {"text": "a", "number": 1, "bool": True, "date": "2024-01-05", "datetime": "2024-01-05T09:30:00",
          "json_array": "a", "json": "a"}


NOW = dt.datetime(2024, 1, 5, 9, 30)


def row(id_: int, **values) -> dict:
    return {"id": id_, "created_at": NOW, "updated_at": NOW, **values}


class Stars(FieldType):
    """A plugin's type: an integer 0..5 that no list in the platform names."""

    key = "stars"
    widget = "stars"
    label = {"zh": "星级", "en": "Stars"}
    sql_kind = "number"
    operators = ORDERED_OPS
    export = "as_is"
    number_format = None
    aggregations = AGGREGATIONS
    sheet_hint = {"zh": "0 到 5", "en": "0 to 5"}
    sheet_example = 4

    def column_type(self):
        return sa.Integer()

    def value_schema(self):
        return {"type": "integer", "minimum": 0, "maximum": 5}


class Flag(FieldType):
    """A plugin's yes/no type with default traits except how it exports and compares."""

    key = "flag"
    widget = "flag"
    label = {"zh": "标记", "en": "Flag"}
    sql_kind = "bool"
    operators = ("equal", "not_equal")
    export = "yes_no"

    def column_type(self):
        return sa.Boolean()

    def value_schema(self):
        return {"type": "boolean"}


@pytest.fixture(scope="module")
def field_types():
    return load_registries().field_types


def test_every_registered_type_has_complete_valid_traits(field_types):
    problems = [p for _, cls in field_types.items() for p in trait_problems(cls)]
    assert problems == []
    for key, cls in field_types.items():
        answer = describe(key, cls)
        assert set(TRAITS) <= set(answer)
        assert all(op in OPERATORS for op in answer["operators"])


def test_bad_traits_are_named():
    bad = type("Bad", (Stars,), {"key": "bad", "sql_kind": "float", "operators": ("equal", "fuzzy"),
                                 "aggregations": ("sum", "median"), "export": "pdf", "palette_group": "misc"})
    text = "\n".join(trait_problems(bad))
    for word in ("float", "fuzzy", "median", "pdf", "misc"):
        assert word in text
    assert trait_problems(type("Words", (Flag,), {"aggregations": ("sum",)})) == ["flag: sum / avg need numbers"]


def _table_of_every_type(field_types, engine):
    fields = [{"id": f"f_{key}", "type": key, **CONFIG.get(key, {})} for key, _ in field_types.items()
              if key not in NEEDS_APP]
    form = FormModel("app", {"id": "every", "fields": fields}, field_types)
    form.metadata.create_all(engine)
    return form


def test_every_operator_of_every_filterable_type_runs_in_sql(field_types, engine):
    form = _table_of_every_type(field_types, engine)
    resolve = resolver(form)
    tried = 0
    with engine.begin() as conn:
        conn.execute(form.table.insert().values(row(1)))
        for t in form.active:
            if not t.filterable:
                assert resolve(t.id) is None
                continue
            sample = SAMPLE[resolve(t.id).kind]  # a computed field compares as the kind of its value
            for op in t.operators:
                rule = rule_for(op, t.id, sample, sample)
                conn.execute(sa.select(form.table.c.id).where(to_sql(rule, resolve))).all()
                tried += 1
    assert tried > 60


def _registry(*classes):
    registry = type("R", (), {"field_types": Registry("field type")})()
    register(registry)
    for cls in classes:
        registry.field_types.register(cls.key, cls)
    return registry.field_types


def test_unknown_type_filters_by_its_traits(engine):
    field_types = _registry(Stars, Flag)
    form = FormModel("app", {"id": "plugin", "fields": [{"id": "s", "type": "stars"}, {"id": "ok", "type": "flag"}]},
                     field_types)
    form.metadata.create_all(engine)
    resolve = resolver(form)
    with engine.begin() as conn:
        conn.execute(form.table.insert(), [row(1, s=2, ok=True), row(2, s=5, ok=False), row(3, s=None, ok=None)])

        def ids(rule):
            return sorted(conn.execute(sa.select(form.table.c.id).where(to_sql(rule, resolve))).scalars())

        assert ids(rule_for("greater", "s", 3)) == [2]
        assert ids(rule_for("between", "s", 1, 4)) == [1]
        assert ids(rule_for("is_empty", "s")) == [3]
        assert ids(rule_for("equal", "ok", True)) == [1]
        assert ids({">": [{"var": "s"}, "4"]}) == [2]  # numbers compare as numbers, as the evaluator does


def test_unknown_type_exports_and_imports_by_its_traits():
    field_types = _registry(Stars, Flag)
    form = FormModel("app", {"id": "plugin", "fields": [
        {"id": "s", "type": "stars", "label": {"zh": "星", "en": "Stars"}, "max": 3},
        {"id": "ok", "type": "flag", "default": False}]}, field_types)
    stars, flag = form.field("s"), form.field("ok")
    assert display.cell_formatter(stars, "zh", "xlsx") is None  # as is: a number cell
    assert display.number_format(stars) is None
    assert display.cell_formatter(flag, "en", "csv")(True) == "Yes"
    assert display.cell_formatter(flag, "zh", "xlsx")(False) == "否"
    assert _example(stars, "zh", "") == 3  # the example 4, kept inside the field's max
    assert _example(flag, "en", "") == "No"  # the field's default, as the export writes it
    assert "0 到 5" in _comment(stars, "zh")
    assert _column_kind(stars) is None and _column_kind(flag) is None
    assert traits_of(Stars)["aggregations"] == list(AGGREGATIONS)


def test_core_types_export_as_before(field_types):
    def make(key, **config):
        return field_types.get(key)({"id": "f", "type": key, **CONFIG.get(key, {}), **config})

    assert display.cell_formatter(make("money"), "zh", "xlsx") is None
    assert display.number_format(make("money", precision=0)) == "#,##0"
    assert display.number_format(make("percent")) == "0.00%"
    assert display.cell_formatter(make("percent"), "zh", "csv")(0.35) == "35%"
    assert display.cell_formatter(make("single_select"), "en", "csv")("b") == "Beta"
    assert display.cell_formatter(make("multi_select"), "zh", "csv")(["a", "b"]) == "甲、乙"
    assert display.cell_formatter(make("date"), "zh", "xlsx")("2024-01-05") == dt.date(2024, 1, 5)
    assert display.cell_formatter(make("user"), "zh", "xlsx")({"id": 3, "title": "张三"}) == "张三"
    assert display.cell_formatter(make("json"), "zh", "csv")({"a": 1}) == '{"a":1}'
    assert make("sub_table").export is None
    assert [_column_kind(make(k)) for k in ("text", "money", "percent", "date", "single_select")] == [
        "text", "amount", "percent", "date", None]


def test_field_types_endpoint_answers_traits_and_operators(api, app):
    import jsonschema

    from trellis.api.openapi_definitions import FIELD_TYPES

    assert api.get("/api/v1/field-types").status_code == 200
    body = api.get("/api/v1/field-types").get_json()
    jsonschema.validate(body, FIELD_TYPES)
    assert body["operators"] == OPERATORS
    by_key = {t["key"]: t for t in body["items"]}
    assert by_key["money"]["number_format"] == "amount" and by_key["money"]["sql_kind"] == "number"
    assert by_key["multi_select"]["operators"] == ["has_option", "is_empty", "is_not_empty"]
    assert by_key["sub_table"]["export"] is None and not by_key["sub_table"]["filterable"]
    assert app.test_client().get("/api/v1/field-types").status_code == 401


def test_front_end_fixture_is_the_servers_answer():
    """frontend/src/registries/__fixtures__/field-types.json (what the front end's tests load)
    is GET /field-types' answer for the core types without the config schemas."""
    import json
    from pathlib import Path

    from trellis.forms.types import CORE_TYPES

    path = Path(__file__).resolve().parents[2] / "frontend/src/registries/__fixtures__/field-types.json"
    fixture = json.loads(path.read_text(encoding="utf-8"))
    served = sorted(({k: v for k, v in describe(c.key, c).items() if k != "config_schema"} for c in CORE_TYPES),
                    key=lambda d: d["key"])
    assert fixture == {"items": served, "operators": OPERATORS}, "regenerate the fixture from describe()"
