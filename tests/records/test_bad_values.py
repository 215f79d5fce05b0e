"""The record service refuses, on each dialect, what the database would choke on: filters
past the rule limits (and any filter within them runs), cursors whose values do not fit
their columns, ids past 64 bits, numbers and texts past what their columns hold."""
from __future__ import annotations

import base64
import json

import pytest

from samples import install
from trellis.kernel.errors import BadRequest, ValidationFailed
from trellis.logic import LogicError
from trellis.logic.limits import MAX_RULE_DEPTH, MAX_RULE_NODES
from trellis.kernel.nesting import size, too_deep


@pytest.fixture
def clients(runtime):
    install(runtime)
    svc = runtime.records("demo", "client")
    svc.bulk_create([{"name": f"客户{i}", "equity": i * 1000, "opened_at": f"2024-01-{i + 1:02d}"} for i in range(5)])
    return svc


LEAF = {"==": [{"var": "name"}, "客户1"]}
NUM = {">": [{"var": "equity"}, 5]}


def _wrap(make, leaf, depth):
    rule = leaf
    for _ in range(depth):
        rule = make(rule)
    return rule


def _deepest(make, leaf, finish=lambda r: r):
    """The deepest rule of this shape the limits let through."""
    depth = 0
    while not too_deep(finish(_wrap(make, leaf, depth + 1)), MAX_RULE_DEPTH):
        depth += 1
    return finish(_wrap(make, leaf, depth))


def _widest(item):
    n = 1
    while size({"or": [item] * (n + 1)}, MAX_RULE_NODES + 1) <= MAX_RULE_NODES:
        n += 1
    return {"or": [item] * n}


# the shapes that nest deepest in SQL, each at the limit: the database must still take it
AT_LIMIT = {
    "not": _deepest(lambda r: {"!": r}, LEAF),
    "not-list": _deepest(lambda r: {"!": [r]}, LEAF),
    "if-condition": _deepest(lambda r: {"if": [r, NUM, LEAF]}, LEAF),
    "if-value": _deepest(lambda r: {"if": [NUM, r, {"var": "name"}]}, {"var": "name"}, lambda r: {"==": [r, "客户1"]}),
    "plus": _deepest(lambda r: {"+": [r, 1]}, {"var": "equity"}, lambda r: {">": [r, 3]}),
    "and-or": _deepest(lambda r: {"and": [{"or": [r, NUM]}, LEAF]}, LEAF),
    "wide-or": _widest({"var": "active"}),
    "wide-or-eq": _widest(LEAF),
    "long-in": {"in": [{"var": "name"}, [f"客户{i}" for i in range(MAX_RULE_NODES - 6)]]},
}


@pytest.mark.parametrize("shape", sorted(AT_LIMIT))
def test_any_filter_within_the_limits_runs(clients, shape):
    rule = AT_LIMIT[shape]
    assert not too_deep(rule, MAX_RULE_DEPTH) and size(rule, MAX_RULE_NODES + 1) <= MAX_RULE_NODES
    assert clients.list(filter=rule, count="exact")["count"] >= 0


@pytest.mark.parametrize("rule, code", [
    (_wrap(lambda r: {"!": r}, LEAF, 50), "rule_too_deep"),
    (_wrap(lambda r: {"and": [r, LEAF]}, LEAF, 40), "rule_too_deep"),
    ({"or": [{"var": "active"}] * MAX_RULE_NODES}, "rule_too_large"),
])
def test_filters_past_the_limits_are_refused(clients, rule, code):
    with pytest.raises(LogicError) as e:
        clients.list(filter=rule)
    assert e.value.code == code and e.value.status == 400


def _cursor(names, values):
    return base64.urlsafe_b64encode(json.dumps([names, values]).encode()).decode().rstrip("=")


@pytest.mark.parametrize("sort, values", [
    (None, [["v", 2**70]]), (None, [["v", None]]), (None, [["v", "abc"]]), (None, [["v", 1.5]]), (None, []),
    ("equity", [["v", "abc"], ["v", 1]]), ("equity", [["v", 2**70], ["v", 1]]), ("equity", [["v", float("inf")], ["v", 1]]),
    ("opened_at", [["v", "abc"], ["v", 1]]), ("opened_at", [["dt", "2024-01-01T00:00:00"], ["v", 1]]),
    ("name", [["v", 5], ["v", 1]]), ("active", [["v", "yes"], ["v", 1]]),
    ("created_by", [["v", 2**40], ["v", 1]]), ("version", [["v", 2**31], ["v", 1]]),  # INTEGER columns
])
def test_cursors_must_fit_their_columns(clients, sort, values):
    names = ([sort] if sort else []) + ["id"]
    with pytest.raises(BadRequest) as e:
        clients.list(sort=sort, cursor=_cursor(names, values))
    assert e.value.code == "bad_cursor" and e.value.details == {"param": "cursor"}


def test_a_genuine_cursor_still_pages(clients):
    seen, cursor = [], None
    while True:
        page = clients.list(sort="-opened_at,equity", limit=2, cursor=cursor, count="none")
        seen += [r["id"] for r in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize("values, field", [
    ({"broker": 2**70}, "broker"), ({"broker": {"id": 2**63}}, "broker"), ({"manager": "9" * 23}, "manager"),
    ({"manager": 2**31}, "manager"),
    ({"equity": 1e308}, "equity"), ({"equity": -1e20}, "equity"), ({"margin": 1e308}, "margin"),
    ({"margin": "1e30%"}, "margin"), ({"equity": "9" * 5000}, "equity"), ({"broker": "9" * 5000}, "broker"),
])
def test_values_past_their_columns_are_field_errors(clients, values, field):
    with pytest.raises(ValidationFailed) as e:
        clients.create({"name": "超限", **values})
    assert [err["field"] for err in e.value.errors] == [field]


@pytest.mark.parametrize("lots", ["9" * 5000, "1" + "0" * 19, 2**63])
def test_whole_numbers_past_64_bits_are_field_errors(runtime, lots):
    install(runtime)
    deals = runtime.records("demo", "deal")
    with pytest.raises(ValidationFailed) as e:
        deals.create({"lots": lots, "legs": [{"product": "螺纹", "qty": lots}]})
    assert {err["field"] for err in e.value.errors} >= {"lots", "legs"}


def test_long_text_limit(clients, monkeypatch):
    monkeypatch.setenv("TRELLIS_TEXT_MAX_BYTES", "1000")
    with pytest.raises(ValidationFailed) as e:
        clients.create({"name": "长", "note": "字" * 334})  # 1,002 bytes
    assert e.value.errors[0]["field"] == "note" and e.value.errors[0]["code"] == "too_long"
    assert clients.create({"name": "长", "note": "字" * 333})["note"] == "字" * 333
    monkeypatch.delenv("TRELLIS_TEXT_MAX_BYTES")
    assert len(clients.create({"name": "长", "note": "x" * 1_000_000})["note"]) == 1_000_000
    with pytest.raises(ValidationFailed):
        clients.create({"name": "长", "note": "x" * (1024 * 1024 + 1)})
