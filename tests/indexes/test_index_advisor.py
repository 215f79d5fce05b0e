"""The index advisor on SQLite and PostgreSQL: saved views' filters and sorts parsed, slow
list queries captured, indexes created through the definition path and then used by the
planner, refusals named."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from samples import install
from trellis.storage import models as m
from trellis.kernel.errors import ValidationFailed
from trellis.forms.indexes import advise, create_indexes, slow_log
from trellis.forms.indexes.usage import filter_uses, query_fields

APP, FORM = "demo", "client"


def save_view(rt, key: str, **body):
    view = {"schema_version": 1, "id": key, "form": FORM, "label": {"zh": key, "en": key}, **body}
    rt.store.save_draft(APP, "view", key, view)
    rt.publish(APP, "view", key)


@pytest.fixture
def rt(runtime):
    install(runtime)
    rows = [{"name": f"客户{i:04d}", "margin": (i % 97) / 100, "opened_at": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
             "equity": i * 10.5, "note": "重要" if i % 7 == 0 else None} for i in range(3000)]
    runtime.records(APP, FORM).bulk_create(rows, return_records=False)
    save_view(runtime, "margin_high", shared=True, sort=["-opened_at"],
              filter={"and": [{">=": [{"var": "margin"}, 0.5]}, {"!=": [{"var": "note"}, "x"]}]})
    save_view(runtime, "mine", shared=False, owner=7, sort=["name"],
              filter={"and": [{"==": [{"var": "equity"}, 105]}, {"in": ["vip", {"var": "tags"}]}]})
    return runtime


def by_field(advice):
    return {f["field"]: f for f in advice["fields"]}


def test_filter_uses_tell_index_friendly_comparisons():
    rule = {"and": [{"in": [{"var": "a"}, ["x", "y"]]}, {"!=": [{"var": "b"}, 1]}, {"in": ["v", {"var": "c"}]},
                    {"<=": [1, {"var": "d"}, 5]}, {"or": [{"==": [{"var": "e"}, {"var": "f"}]}]},
                    {"==": [{"var": "rel.name"}, "x"]}]}
    assert filter_uses(rule) == [("a", "in", True), ("b", "!=", False), ("c", "in", False), ("d", "<=", True),
                                 ("e", "==", False), ("f", "==", False)]
    assert query_fields(rule, "-g,a") == {"a": ["filter:in", "sort"], "d": ["filter:<="], "g": ["sort:desc"]}


def test_views_filters_and_sorts_make_the_advice(rt):
    advice = advise(rt, APP, FORM)
    fields = by_field(advice)
    assert advice["rows"] == 3000 and advice["dialect"] == rt.engine.dialect.name
    margin = fields["margin"]
    assert margin["suggested"] and margin["index"] is None and not margin["indexed"]
    assert [(v["id"], v["shared"], v["uses"]) for v in margin["views"]] == [("margin_high", True, ["filter:>="])]
    assert fields["opened_at"]["suggested"] and fields["opened_at"]["views"][0]["uses"] == ["sort:desc"]
    assert fields["name"]["suggested"] and fields["name"]["views"][0]["owner"] == 7  # a personal view counts
    # `!=` alone cannot use an index: listed with its view, not suggested
    assert not fields["note"]["suggested"] and fields["note"]["views"][0]["uses"] == ["filter:!="]
    # already indexed in the definition and in the database
    assert fields["equity"]["indexed"] and fields["equity"]["index"]["name"].startswith("ix_")
    assert not fields["equity"]["suggested"] and fields["equity"]["cost"] is None
    assert not fields["tags"]["indexable"] and not fields["tags"]["suggested"]
    cost = margin["cost"]
    assert cost["rows"] == 3000 and cost["size_bytes"] > 3000 * 9 and cost["build_ms"] > 0
    suggested = [f["field"] for f in advice["fields"] if f["suggested"]]
    assert suggested[: len(suggested)] == [f["field"] for f in advice["fields"][: len(suggested)]]


def test_slow_list_queries_are_counted_per_unindexed_field(rt):
    log = slow_log(rt)
    svc = rt.records(APP, FORM)
    log.threshold_ms = 10_000
    svc.list(filter={">=": [{"var": "margin"}, 0.9]}, sort="-opened_at")
    assert log.fields(APP, FORM) == {}  # fast: not recorded
    log.threshold_ms = 0
    svc.list(filter={"and": [{">=": [{"var": "margin"}, 0.9]}, {"==": [{"var": "equity"}, 105]}]}, sort="-opened_at")
    svc.list(filter={">=": [{"var": "margin"}, 0.2]})
    svc.list(filter={"!=": [{"var": "note"}, "x"]}, sort="equity")  # nothing an index would serve is missing
    seen = log.fields(APP, FORM)
    assert set(seen) == {"margin", "opened_at"}
    assert seen["margin"]["count"] == 2 and seen["margin"]["uses"] == ["filter:>="]
    assert seen["opened_at"]["count"] == 1 and seen["opened_at"]["uses"] == ["sort:desc"]
    assert [q["fields"] for q in log.recent(APP, FORM)] == [["margin", "opened_at"], ["margin"]]
    advice = by_field(advise(rt, APP, FORM))
    assert advice["margin"]["slow_queries"]["count"] == 2 and advice["margin"]["suggested"]
    log.clear()


def _plan(rt, sql: str) -> str:
    with rt.engine.connect() as conn:
        if rt.engine.dialect.name == "sqlite":
            return " ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        conn.exec_driver_sql("SET enable_seqscan = off")  # 3,000 rows: make the planner show what it could use
        return " ".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql))


def test_creating_the_index_publishes_and_the_planner_uses_it(rt):
    sql = 'SELECT id FROM "demo__client" WHERE margin = 0.5 AND deleted_at IS NULL'
    name = "ix_demo__client_margin"
    assert name not in _plan(rt, sql)
    draft = rt.store.draft(APP, "form", FORM)
    draft["label"] = {"zh": "客户(草稿)", "en": "Clients (draft)"}
    rt.store.save_draft(APP, "form", FORM, draft)  # pending edits must stay a draft
    before = rt.form(APP, FORM).version

    done = create_indexes(rt, APP, FORM, ["margin", "equity"], user_id=None)
    assert done["created"] == ["margin"] and done["existing"] == ["equity"] and done["version"] == before + 1
    assert name in _plan(rt, sql)
    published = rt.form(APP, FORM).definition
    assert next(f for f in published["fields"] if f["id"] == "margin")["indexed"] is True
    assert published["label"]["zh"] == "客户"
    kept = rt.store.draft(APP, "form", FORM)
    assert kept["label"]["zh"] == "客户(草稿)" and next(f for f in kept["fields"] if f["id"] == "margin")["indexed"]
    assert rt.store.versions(APP, "form", FORM)[0]["note"] == "index: margin"
    with rt.engine.connect() as conn:
        notes = conn.execute(sa.select(m.audit.c.note).where(m.audit.c.action == "definition.publish",
                                                             m.audit.c.target == f"form:{FORM}")).scalars().all()
    assert str(done["version"]) in notes
    fields = by_field(advise(rt, APP, FORM))
    assert fields["margin"]["index"]["name"] == name and not fields["margin"]["suggested"]

    again = create_indexes(rt, APP, FORM, ["margin"])
    assert again == {"version": done["version"], "created": [], "existing": ["margin"], "build_ms": 0.0}


def test_estimated_size_is_near_the_real_one_on_postgresql(rt):
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("pg_relation_size is PostgreSQL's")
    estimated = by_field(advise(rt, APP, FORM))["name"]["cost"]["size_bytes"]
    create_indexes(rt, APP, FORM, ["name"])
    with rt.engine.connect() as conn:
        real = conn.exec_driver_sql("SELECT pg_relation_size('ix_demo__client_name')").scalar()
    assert real / 2 <= estimated <= real * 2


def test_unknown_and_unindexable_fields_are_refused_by_name(rt):
    before = rt.form(APP, FORM).version
    with pytest.raises(ValidationFailed) as e:
        create_indexes(rt, APP, FORM, ["nope", "tags", "margin"])
    assert [(x["field"], x["code"]) for x in e.value.errors] == [("nope", "unknown_field"), ("tags", "not_indexable")]
    with pytest.raises(ValidationFailed) as e:
        create_indexes(rt, APP, FORM, [])
    assert e.value.errors[0]["field"] == "fields"
    assert rt.form(APP, FORM).version == before
