"""Formula and lookup fields on SQLite and PostgreSQL: values read with the record, the same
as the Python evaluator gives on the record; filtered and sorted in SQL; lookups follow the
related record; an indexed formula's column kept by every write; DECIDE over a decision
table that changes; publish-time errors naming the field and the position."""
from __future__ import annotations

import copy
import random

import pytest

from samples import APP, BROKER, CLIENT, DEAL
from trellis.kernel.errors import DefinitionInvalid
from trellis.logic import evaluate

FORMULAS = [
    {"id": "band", "type": "formula", "label": {"zh": "分档", "en": "Band"},
     "expression": 'IF(权益 > 500000, "高净值", IF(ISBLANK(权益), "未知", "普通"))'},
    {"id": "equity_wan", "type": "formula", "label": {"zh": "权益(万)", "en": "Equity (10k)"},
     "expression": "ROUND(权益 / 10000, 1)"},
    {"id": "title", "type": "formula", "label": {"zh": "称呼", "en": "Title"},
     "expression": 'CONCATENATE(LEFT(姓名, 1), "总-", 风险等级)'},
    {"id": "double_wan", "type": "formula", "label": {"zh": "双倍", "en": "Double"},
     "expression": "equity_wan * 2", "indexed": True},
    {"id": "broker_name", "type": "lookup", "label": {"zh": "居间人姓名", "en": "Broker name"},
     "via": "broker", "field": "name"},
]
DEAL_FIELDS = [
    {"id": "total_qty", "type": "formula", "label": {"zh": "总数量", "en": "Total qty"},
     "expression": "SUM(明细.数量) + 手数"},
    {"id": "client_band", "type": "lookup", "label": {"zh": "客户分档", "en": "Client band"},
     "via": "client", "field": "band"},
]


def _install(rt, client_fields=FORMULAS, deal_fields=DEAL_FIELDS):
    store = rt.store
    store.save_draft("demo", "app", "demo", APP)
    rt.publish("demo", "app", "demo")
    client = dict(CLIENT, fields=CLIENT["fields"] + copy.deepcopy(client_fields))
    deal = dict(DEAL, fields=DEAL["fields"] + copy.deepcopy(deal_fields))
    for f in (BROKER, client, deal):
        store.save_draft("demo", "form", f["id"], f)
    for f in (BROKER, client, deal):
        rt.publish("demo", "form", f["id"])


@pytest.fixture
def rt(runtime):
    _install(runtime)
    rng = random.Random(5)
    brokers = runtime.records("demo", "broker").bulk_create([{"name": f"居间人{i}"} for i in range(4)],
                                                            return_records=False)
    rows = [{"name": f"{'张李王赵'[i % 4]}客户{i}", "risk_level": rng.choice(["C1", "C3", "C5", None]),
             "equity": rng.choice([None, 5000, 499999.99, 500000, 500000.01, round(rng.uniform(0, 2e6), 2)]),
             "broker": rng.choice(brokers + [None])} for i in range(60)]
    ids = runtime.records("demo", "client").bulk_create(rows, return_records=False)
    deals = [{"client": rng.choice(ids), "lots": rng.choice([None, 1, 5]),
              "legs": [{"product": "rb", "qty": rng.choice([None, 2, 3])} for _ in range(rng.randint(0, 3))]}
             for _ in range(30)]
    runtime.records("demo", "deal").bulk_create(deals, return_records=False)
    return runtime


def _items(rt, form, **params):
    return rt.records("demo", form).list(limit=1000, count="none", **params)["items"]


def test_values_match_the_python_evaluator(rt):
    model = rt.form("demo", "client")
    records = _items(rt, "client")
    assert records
    for t in ("band", "equity_wan", "title", "double_wan"):
        logic = model.fields[t].compiled().logic
        with rt.logic_time():
            for r in records:
                assert r[t] == evaluate(logic, r), (t, r)
    assert {r["band"] for r in records} == {"高净值", "普通", "未知"}
    deals = _items(rt, "deal")
    logic = rt.form("demo", "deal").fields["total_qty"].compiled().logic
    for d in deals:
        assert d["total_qty"] == evaluate(logic, d) == sum(x["qty"] or 0 for x in d["legs"]) + (d["lots"] or 0)


def test_filter_and_sort_on_formulas_in_sql(rt):
    records = _items(rt, "client")
    got = _items(rt, "client", filter={"==": [{"var": "band"}, "高净值"]}, sort="-equity_wan,id")
    want = sorted([r for r in records if r["band"] == "高净值"], key=lambda r: (-r["equity_wan"], r["id"]))
    assert [r["id"] for r in got] == [r["id"] for r in want] and want
    got = _items(rt, "client", filter={">": [{"var": "double_wan"}, 100]}, sort="double_wan")
    assert [r["id"] for r in got] == [r["id"] for r in sorted(
        [r for r in records if (r["double_wan"] or 0) > 100], key=lambda r: (r["double_wan"], r["id"]))]
    page = rt.records("demo", "client").list(limit=7, sort="band,-equity_wan")
    seen = list(page["items"])
    while page.get("next"):
        page = rt.records("demo", "client").list(limit=7, sort="band,-equity_wan", cursor=page["next"])
        seen += page["items"]
    assert sorted(r["id"] for r in seen) == sorted(r["id"] for r in records)


def test_lookups_follow_the_related_record(rt):
    clients = {r["id"]: r for r in _items(rt, "client")}
    brokers = {r["id"]: r["name"] for r in _items(rt, "broker")}
    for c in clients.values():
        assert c["broker_name"] == (brokers[c["broker"]] if c["broker"] else None)
    bid = next(iter(brokers))
    rt.records("demo", "broker").update(bid, {"name": "新名字"})
    for c in _items(rt, "client", filter={"==": [{"var": "broker_name"}, "新名字"]}):
        assert c["broker"] == bid
    assert any(c["broker"] == bid for c in clients.values())
    assert len(_items(rt, "client", filter={"==": [{"var": "broker_name"}, "新名字"]})) == \
        sum(1 for c in clients.values() if c["broker"] == bid)
    for d in _items(rt, "deal"):  # a lookup of a formula on the related form
        assert d["client_band"] == clients[d["client"]]["band"]
    rt.records("demo", "broker").delete(bid)
    assert not _items(rt, "client", filter={"==": [{"var": "broker_name"}, "新名字"]})


def test_indexed_formula_column_follows_writes(rt):
    svc = rt.records("demo", "client")
    rec = svc.create({"name": "钱客户", "equity": 123456})
    assert rec["double_wan"] == 24.6
    rec = svc.update(rec["id"], {"equity": 1000000})
    assert rec["double_wan"] == 200
    import sqlalchemy as sa
    model = rt.form("demo", "client")
    with rt.engine.connect() as conn:
        stored = conn.execute(sa.select(model.table.c.double_wan).where(model.table.c.id == rec["id"])).scalar()
        assert float(stored) == 200
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes(model.table_name)}
    assert any("double_wan" in name for name in indexes)


def test_computed_fields_are_never_written(rt):
    """A value sent for a computed field (a record read and sent back whole) is ignored."""
    rec = rt.records("demo", "client").create({"name": "孙", "band": "高净值", "double_wan": 5, "equity": 1})
    assert rec["band"] == "普通" and rec["double_wan"] == 0


@pytest.mark.parametrize("expression, position, word", [
    ("权益 +", 4, "字符"), ("IF(权益 > 1)", None, None), ("未知字段 * 2", 0, "未知字段"), ("ROUND(姓名, 2)", 6, None),
])
def test_publish_refuses_a_bad_formula_naming_the_position(runtime, expression, position, word):
    bad = [{"id": "bad", "type": "formula", "label": {"zh": "坏", "en": "Bad"}, "expression": expression}]
    with pytest.raises(DefinitionInvalid) as e:
        _install(runtime, client_fields=bad, deal_fields=[])
    problem = e.value.errors[0]
    assert problem["field"] == "bad" and problem["pointer"].endswith("/expression")
    if position is not None:
        assert problem["position"] == position
    if word:
        assert word in problem["message"]["zh"]


def test_publish_refuses_cycles_and_unindexable_formulas(runtime):
    cycle = [{"id": "a", "type": "formula", "label": {"zh": "甲", "en": "A"}, "expression": "b + 1"},
             {"id": "b", "type": "formula", "label": {"zh": "乙", "en": "B"}, "expression": "a + 1"}]
    with pytest.raises(DefinitionInvalid) as e:
        _install(runtime, client_fields=cycle, deal_fields=[])
    assert {p["field"] for p in e.value.errors} == {"a", "b"}
    today = [{"id": "age", "type": "formula", "label": {"zh": "天数", "en": "Days"},
              "expression": 'DATEDIF(开户日期, TODAY(), "D")', "indexed": True}]
    with pytest.raises(DefinitionInvalid) as e:
        _install(runtime, client_fields=today, deal_fields=[])
    assert e.value.errors[0]["code"] == "formula_not_indexable"


TIERS = {"schema_version": 1, "id": "equity_tier", "label": {"zh": "权益分层", "en": "Equity tier"}, "hit_policy": "first",
         "inputs": [{"id": "equity", "label": {"zh": "权益", "en": "Equity"}, "type": "number"}],
         "outputs": [{"id": "tier", "label": {"zh": "层级", "en": "Tier"}, "type": "text"}],
         "rules": [{"when": {"equity": ">= 1000000"}, "then": {"tier": "A"}},
                   {"when": {"equity": ">= 100000"}, "then": {"tier": "B"}}],
         "default": {"tier": "C"}}


def test_decide_follows_the_published_decision_table(runtime):
    runtime.store.save_draft("demo", "decision", "equity_tier", TIERS)
    runtime.publish("demo", "decision", "equity_tier")
    tier = [{"id": "tier", "type": "formula", "label": {"zh": "层级", "en": "Tier"},
             "expression": 'DECIDE("权益分层", 权益)'}]
    _install(runtime, client_fields=tier, deal_fields=[])
    svc = runtime.records("demo", "client")
    svc.bulk_create([{"name": "甲", "equity": 2e6}, {"name": "乙", "equity": 5e5}, {"name": "丙", "equity": 50}],
                    return_records=False)

    def counts():  # a request's service: the published form as it is now
        q = runtime.records("demo", "client").query().group_by("tier").measure("count")
        with runtime.engine.connect() as conn:
            return {r["tier"]: r["count"] for r in q.rows(conn)}

    assert counts() == {"A": 1, "B": 1, "C": 1}
    changed = copy.deepcopy(TIERS)
    changed["rules"][1]["when"]["equity"] = ">= 10"
    runtime.store.save_draft("demo", "decision", "equity_tier", changed)
    runtime.publish("demo", "decision", "equity_tier")
    assert counts() == {"A": 1, "B": 2}


def test_recompute_repairs_an_indexed_formula(rt):
    import sqlalchemy as sa

    from trellis.cli.recompute import recompute

    model = rt.form("demo", "client")
    with rt.transaction() as conn:
        conn.execute(model.table.update().values(double_wan=-1))
    lines = []
    assert recompute(rt, "demo", "client", "double_wan", err=lines.append) == 60
    assert "100%" in "".join(lines)
    for r in _items(rt, "client"):
        assert r["double_wan"] == r["equity_wan"] * 2
    with rt.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).where(model.table.c.double_wan == -1)).scalar() == 0
