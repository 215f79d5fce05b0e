"""Listing records on SQLite and PostgreSQL: filters, sorts, cursors, pages, search,
field selection, batched expansion, counts."""
from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from samples import install
from trellis.kernel.errors import BadRequest


@pytest.fixture
def rt(runtime):
    install(runtime)
    rng = random.Random(3)
    brokers = runtime.records("demo", "broker").bulk_create([{"name": f"居间人{i}"} for i in range(5)],
                                                            return_records=False)
    rows = []
    for i in range(120):
        rows.append({"name": f"客户{i:03d}", "risk_level": rng.choice(["C1", "C2", "C3", "C4", "C5", None]),
                     "equity": rng.choice([None, round(rng.uniform(0, 1e6), 2), 5000]),
                     "opened_at": rng.choice([None, "2024-01-05", "2023-06-30", "2025-02-01"]),
                     "tags": rng.choice([[], ["vip"], ["vip", "risk"], ["new"]]),
                     "broker": rng.choice(brokers + [None]), "note": "重要客户" if i % 10 == 0 else None})
    runtime.records("demo", "client").bulk_create(rows, return_records=False)
    return runtime


def _svc(rt):
    return rt.records("demo", "client")


def _all(rt):
    return _svc(rt).list(limit=1000, count="none")["items"]


def test_filter_matches_python(rt):
    rule = {"and": [{"in": [{"var": "risk_level"}, ["C3", "C4"]]}, {">=": [{"var": "equity"}, 100000]},
                    {"<=": [{"var": "equity"}, 900000]}]}
    got = {r["id"] for r in _svc(rt).list(filter=rule, limit=1000)["items"]}
    want = {r["id"] for r in _all(rt) if r["risk_level"] in ("C3", "C4") and r["equity"] is not None
            and 100000 <= r["equity"] <= 900000}
    assert got == want and want


def test_filter_dates_and_multi_select(rt):
    got = {r["id"] for r in _svc(rt).list(filter={">": [{"var": "opened_at"}, "2024-01-01"]}, limit=1000)["items"]}
    want = {r["id"] for r in _all(rt) if r["opened_at"] and r["opened_at"] > "2024-01-01"}
    assert got == want and want
    got = {r["id"] for r in _svc(rt).list(filter={"in": ["vip", {"var": "tags"}]}, limit=1000)["items"]}
    want = {r["id"] for r in _all(rt) if r["tags"] and "vip" in r["tags"]}
    assert got == want and want


def test_unknown_field_in_filter_named(rt):
    with pytest.raises(BadRequest) as e:
        _svc(rt).list(filter={"==": [{"var": "nope"}, 1]})
    assert e.value.details["field"] == "nope" and "nope" in e.value.message["zh"]
    with pytest.raises(BadRequest):
        _svc(rt).list(sort="-nope")
    with pytest.raises(BadRequest):
        _svc(rt).list(fields=["nope"])


def test_multi_sort_and_cursor_walk_every_row_once(rt):
    for sort in ("-equity,name", "risk_level,-opened_at", "opened_at", "-risk_level,equity"):
        seen, cursor = [], None
        while True:
            page = _svc(rt).list(sort=sort, limit=7, cursor=cursor, count="none")
            seen += page["items"]
            cursor = page["next"]
            if not cursor:
                break
        rows = _all(rt)
        keys = [(s.lstrip("-"), s.startswith("-")) for s in sort.split(",")]
        want = sorted(rows, key=lambda r: r["id"])
        for name, desc in reversed(keys):
            want.sort(key=lambda r: (r[name] is not None, r[name] if r[name] is not None else 0), reverse=desc)
        assert [r["id"] for r in seen] == [r["id"] for r in want], sort


def test_sorting_by_a_field_not_asked_for(rt):
    """The cursor holds every sort value, also of fields the listing does not return."""
    seen, cursor = [], None
    while True:
        page = _svc(rt).list(sort="-equity", fields=["name"], limit=50, cursor=cursor, count="none")
        assert all("equity" not in r for r in page["items"])
        seen += [r["id"] for r in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert len(seen) == 120 and len(set(seen)) == 120


def test_page_numbers(rt):
    p1 = _svc(rt).list(sort="name", limit=50, page=1, count="exact")
    p3 = _svc(rt).list(sort="name", limit=50, page=3)
    assert p1["count"] == 120 and p1["count_exact"] is True
    assert len(p3["items"]) == 20 and p3["items"][0]["name"] == "客户100"


def test_search_fields_and_expand(rt):
    got = _svc(rt).list(q="重要", fields=["name", "broker"], expand=["broker"], limit=1000)
    assert len(got["items"]) == 12
    item = got["items"][0]
    assert set(item) == {"id", "version", "created_at", "updated_at", "created_by", "updated_by", "name", "broker"}
    with_broker = [r for r in got["items"] if r["broker"]]
    assert with_broker and with_broker[0]["broker"]["title"].startswith("居间人")


def test_expand_is_batched(rt):
    statements = []

    def spy(conn, cursor, statement, *args):
        statements.append(statement)
    sa.event.listen(rt.engine, "before_cursor_execute", spy)
    _svc(rt).list(limit=100, expand=["broker"], count="none")
    sa.event.remove(rt.engine, "before_cursor_execute", spy)
    broker_queries = [s for s in statements if "demo__broker" in s]
    assert len(broker_queries) == 1


def test_counts_exact_and_estimated(rt, monkeypatch):
    from trellis.records import counting

    rt.count_threshold = 10
    assert _svc(rt).list(limit=5) == {**_svc(rt).list(limit=5), "count": 120, "count_exact": True}  # small: exact
    monkeypatch.setattr(counting, "WINDOW", 15)
    out = _svc(rt).list(limit=5)
    assert out["count_exact"] is False and 60 <= out["count"] <= 200
    out = _svc(rt).list(limit=5, filter={"==": [{"var": "name"}, "客户001"]})
    assert out == {**out, "count": 1, "count_exact": True}
    assert _svc(rt).list(limit=5, count="exact")["count"] == 120
    assert "count" not in _svc(rt).list(limit=5, count="none")
