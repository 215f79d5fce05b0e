"""What a report can say beyond groups and totals, on both databases, each against figures
worked out by hand from the same rows: ISO weeks, the top N with the rest as 其他 (counted by
the database, not summed), the previous period beside the current one, a pivot's subtotals
(a distinct count per level), a KPI card's trend over the whole report, users and related
records by name, relation paths, the records behind a group (drill-down), the result cache
(kept per viewer scope, dropped by a write), a workbook of the figures, and the checks a
report meets when published."""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import date

import openpyxl
import pytest

from test_report_data import publish
from trellis.kernel.actor import SYSTEM
from trellis.kernel.errors import BadRequest, DefinitionInvalid
from trellis.reports.workbook import workbook


def clients(rt) -> list[dict]:
    return rt.records("demo", "client", SYSTEM).list(limit=500)["items"]


def report(rt, key: str, **body) -> str:
    publish(rt, {"schema_version": 1, "id": key, "label": {"zh": key, "en": key}, "form": "client", **body})
    return key


def by_dims(out: dict) -> dict:
    n = sum(c["kind"] == "dimension" for c in out["columns"])
    return {tuple(r[:n]): r[n:] for r in out["rows"]}


def test_weeks_are_iso_weeks(world):
    rt = world
    key = report(rt, "weekly", dimensions=[{"field": "opened_at", "bucket": "week"}], measures=[{"id": "n", "agg": "count"}])
    want = Counter("%d-W%02d" % date.fromisoformat(c["opened_at"]).isocalendar()[:2] for c in clients(rt))
    assert {k[0]: v[0] for k, v in by_dims(rt.reports.data("demo", key, SYSTEM)).items()} == dict(want)


def test_the_top_n_and_the_rest_as_other(world):
    rt = world
    key = report(rt, "top_risk", dimensions=[{"field": "risk_level", "top": 2}],
                 measures=[{"id": "equity", "agg": "sum", "field": "equity"},
                           {"id": "managers", "agg": "count_distinct", "field": "manager"}])
    sums = defaultdict(float)
    for c in clients(rt):
        sums[c["risk_level"]] += float(c["equity"])
    leaders = sorted(sums, key=sums.get, reverse=True)[:2]
    out = rt.reports.data("demo", key, SYSTEM)
    got = by_dims(out)
    assert set(got) == {(v,) for v in leaders} | {("__other__",)}
    assert got[("__other__",)][0] == pytest.approx(sum(v for k, v in sums.items() if k not in leaders))
    assert got[("__other__",)][1] == 2  # two managers among the rest: a distinct count, not a sum
    assert out["columns"][0]["labels"]["__other__"] == {"zh": "其他", "en": "Other"}
    with pytest.raises(BadRequest) as bad:
        rt.reports.drill("demo", key, SYSTEM, None, {"risk_level": "__other__"})
    assert bad.value.code == "not_drillable"


def test_the_previous_period_beside_the_current(world):
    rt = world  # the clock says 2026-12-07
    key = report(rt, "monthly", compare={"field": "opened_at", "period": "month"},
                 dimensions=[{"field": "risk_level"}], measures=[{"id": "n", "agg": "count"}])
    rows = clients(rt)
    out = rt.reports.data("demo", key, SYSTEM)
    assert out["range"] == ["2026-12-01", "2026-12-31"] and out["previous"]["range"] == ["2026-11-01", "2026-11-30"]
    assert out["totals"]["n"] == sum(c["opened_at"].startswith("2026-12") for c in rows)
    assert out["previous"]["totals"]["n"] == sum(c["opened_at"].startswith("2026-11") for c in rows)
    assert sum(r[1] for r in out["rows"]) == out["totals"]["n"]
    assert sum(r[1] for r in out["previous"]["rows"]) == out["previous"]["totals"]["n"]
    q1 = rt.reports.data("demo", key, SYSTEM, period=(date(2026, 1, 1), date(2026, 3, 31)))
    assert q1["previous"]["range"] == ["2025-10-01", "2025-12-31"] and q1["previous"]["totals"]["n"] == 0
    assert q1["totals"]["n"] == sum(c["opened_at"] < "2026-04" for c in rows)


def test_a_kpi_card_keeps_its_trend_over_the_whole_report(world):
    rt = world
    key = report(rt, "kpi", compare={"field": "opened_at", "period": "month"}, chart={"type": "kpi"},
                 dimensions=[{"field": "opened_at", "bucket": "month"}], measures=[{"id": "n", "agg": "count"}])
    out = rt.reports.spec("demo", key, SYSTEM)
    assert out["spec"] is None and out["chart"] == "kpi"
    assert len(out["data"]["rows"]) == 12 and sum(r[1] for r in out["data"]["rows"]) == 60
    assert out["data"]["totals"]["n"] == sum(c["opened_at"].startswith("2026-12") for c in clients(rt))


def test_a_pivot_has_each_level_counted_by_the_database(world):
    rt = world
    key = report(rt, "pivot", chart={"type": "pivot", "rows": ["risk_level"], "columns": ["opened_at"]},
                 dimensions=[{"field": "risk_level"}, {"field": "opened_at", "bucket": "quarter"}],
                 measures=[{"id": "managers", "agg": "count_distinct", "field": "manager"}])
    out = rt.reports.data("demo", key, SYSTEM)
    levels = {tuple(s["by"]): s["rows"] for s in out["subtotals"]}
    assert set(levels) == {("risk_level",), ("opened_at",)}
    managers = defaultdict(set)
    for c in clients(rt):
        managers[c["risk_level"]].add(c["manager"])
    assert {r[0]: r[2] for r in levels[("risk_level",)]} == {k: len(v) for k, v in managers.items()}
    assert all(r[0] is None for r in levels[("opened_at",)]) and out["totals"]["managers"] == 2
    nested = report(rt, "pivot2", chart={"type": "pivot", "rows": ["risk_level", "active"], "columns": ["opened_at"]},
                    dimensions=[{"field": "risk_level"}, {"field": "active"}, {"field": "opened_at", "bucket": "year"}],
                    measures=[{"id": "n", "agg": "count"}])
    by = [s["by"] for s in rt.reports.data("demo", nested, SYSTEM)["subtotals"]]
    assert by == [["opened_at"], ["risk_level"], ["risk_level", "opened_at"], ["risk_level", "active"]]


def test_people_and_related_records_by_name_and_along_paths(world):
    rt = world
    key = report(rt, "by_manager", dimensions=[{"field": "manager"}], measures=[{"id": "n", "agg": "count"}])
    labels = rt.reports.data("demo", key, SYSTEM)["columns"][0]["labels"]
    assert {v["zh"] for v in labels.values()} == {"ann", "bob"}
    brokers = rt.records("demo", "broker", SYSTEM).bulk_create([{"name": "居间甲"}, {"name": "居间乙"}])
    ids = [r["id"] for r in clients(rt)]
    deals = rt.records("demo", "deal", SYSTEM)
    deals.bulk_create([{"client": ids[i], "lots": i} for i in range(10)])
    rt.records("demo", "client", SYSTEM).update(ids[0], {"broker": brokers[0]["id"]})
    publish(rt, {"schema_version": 1, "id": "deal_risk", "label": {"zh": "交易", "en": "Deals"}, "form": "deal",
                 "dimensions": [{"field": "client.risk_level"}], "measures": [{"id": "lots", "agg": "sum", "field": "lots"}]})
    got = {r[0]: r[1] for r in rt.reports.data("demo", "deal_risk", SYSTEM)["rows"]}
    want = defaultdict(int)
    for i, c in enumerate(clients(rt)[:10]):
        want[c["risk_level"]] += i
    assert got == dict(want)
    publish(rt, {"schema_version": 1, "id": "deal_manager", "label": {"zh": "经理", "en": "Managers"}, "form": "deal",
                 "dimensions": [{"field": "client.manager"}, {"field": "client.risk_level"}],
                 "measures": [{"id": "lots", "agg": "sum", "field": "lots"}]})
    columns = rt.reports.data("demo", "deal_manager", SYSTEM)["columns"]
    assert {v["zh"] for v in columns[0]["labels"].values()} <= {"ann", "bob"} and columns[0]["label"]["zh"] == "客户经理"
    assert columns[1]["labels"]["C1"] == {"zh": "C1", "en": "C1"}
    broker = report(rt, "by_broker", dimensions=[{"field": "broker"}], measures=[{"id": "n", "agg": "count"}])
    assert rt.reports.data("demo", broker, SYSTEM)["columns"][0]["labels"] == {brokers[0]["id"]: {"zh": "居间甲", "en": "居间甲"}}


def test_a_group_drills_down_to_its_records(world):
    rt = world
    key = report(rt, "drill", filter={"!=": [{"var": "risk_level"}, "C5"]},
                 dimensions=[{"field": "opened_at", "bucket": "month"}, {"field": "risk_level"}],
                 measures=[{"id": "n", "agg": "count"}])
    out = rt.reports.data("demo", key, SYSTEM)
    month, risk, n = out["rows"][0]
    found = rt.reports.drill("demo", key, SYSTEM, {"==": [{"var": "active"}, None]}, {"opened_at": month, "risk_level": risk})
    assert found["form"] == "client"
    assert rt.records("demo", "client", SYSTEM).list(filter=found["filter"], limit=500)["count"] == n
    for at, code in (({"nope": 1}, "unknown_dimension"), ({"opened_at": "March"}, "malformed")):
        with pytest.raises(BadRequest) as bad:
            rt.reports.drill("demo", key, SYSTEM, None, at)
        assert bad.value.code == code


def test_figures_are_cached_per_scope_until_a_write(world):
    rt = world
    key = report(rt, "cached", measures=[{"id": "n", "agg": "count"}])
    first = rt.reports.data("demo", key, rt.viewers["ann"])
    again = rt.reports.data("demo", key, rt.viewers["ann"])
    assert (first["cached"], again["cached"]) == (False, True) and again["totals"] == first["totals"]
    bob = rt.reports.data("demo", key, rt.viewers["bob"])
    assert bob["cached"] is False and bob["totals"]["n"] + first["totals"]["n"] == 60
    rt.records("demo", "client", SYSTEM).create({"name": "新客户", "manager": rt.ids["ann"]})
    after = rt.reports.data("demo", key, rt.viewers["ann"])
    assert after["cached"] is False and after["totals"]["n"] == first["totals"]["n"] + 1


def test_a_workbook_of_the_figures(world):
    rt = world
    key = report(rt, "book", dimensions=[{"field": "risk_level"}],
                 measures=[{"id": "n", "agg": "count", "label": {"zh": "客户数", "en": "Clients"}},
                           {"id": "share", "formula": {"/": [{"var": "n"}, 60]}, "format": "percent"}])
    sheet = openpyxl.load_workbook(io.BytesIO(workbook(rt.reports.data("demo", key, SYSTEM), "zh"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("风险等级", "客户数", "share") and rows[-1][:2] == ("合计", 60)
    assert len(rows) == 7 and sheet.cell(2, 3).number_format == "0.0%"


@pytest.mark.parametrize("chart, dims, measures, mark", [
    ({"type": "scatter"}, ["risk_level"], 2, "circle"), ({"type": "funnel"}, ["risk_level"], 1, None),
    ({"type": "pie", "donut": True}, ["risk_level"], 1, "arc"), ({"type": "bar", "horizontal": True}, ["risk_level"], 1, "bar")])
def test_more_chart_types(world, chart, dims, measures, mark):
    rt = world
    ms = [{"id": "n", "agg": "count"}, {"id": "equity", "agg": "sum", "field": "equity", "format": "money"}][:measures]
    key = report(rt, "chart", chart=chart, dimensions=[{"field": d} for d in dims], measures=ms)
    spec = rt.reports.spec("demo", key, SYSTEM, lang="zh")["spec"]
    assert spec["config"]["customFormatTypes"] is True
    if mark is None:
        assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "text"]
    else:
        assert spec["mark"]["type"] == mark
    if chart.get("horizontal"):
        assert spec["encoding"]["y"]["field"] == "risk_level" and spec["encoding"]["x"]["axis"]["formatType"] == "trellisNumber"


def test_what_publishing_refuses(world):
    rt = world
    base = {"schema_version": 1, "id": "bad", "label": {"zh": "坏", "en": "Bad"}, "form": "client",
            "measures": [{"id": "n", "agg": "count"}]}
    with pytest.raises(DefinitionInvalid) as bad:
        rt.store.save_draft("demo", "report", "bad", dict(base, dimensions=[{"field": "opened_at", "bucket": "month", "top": 3}]))
    assert bad.value.errors[0]["pointer"] == "/dimensions/0/top"
    with pytest.raises(DefinitionInvalid) as bad:
        rt.store.save_draft("demo", "report", "bad", dict(base, dimensions=[{"field": "risk_level"}],
                                                          chart={"type": "pivot", "rows": ["name"]}))
    assert bad.value.errors[0]["pointer"] == "/chart/rows/0"
    for body, pointer in (({"compare": {"field": "name", "period": "month"}}, "/compare/field"),
                          ({"dimensions": [{"field": "broker.nope"}]}, "/dimensions/0/field")):
        rt.store.save_draft("demo", "report", "bad", dict(base, **body))
        with pytest.raises(DefinitionInvalid) as bad:
            rt.publish("demo", "report", "bad")
        assert [p["pointer"] for p in bad.value.errors] == [pointer]


def test_a_measure_over_the_rows_that_match_its_own_filter(world):
    rt = world
    key = report(rt, "share", dimensions=[{"field": "manager"}],
                 measures=[{"id": "n", "agg": "count"},
                           {"id": "c1", "agg": "count", "filter": {"==": [{"var": "risk_level"}, "C1"]}},
                           {"id": "rich", "agg": "sum", "field": "equity", "filter": {">": [{"var": "equity"}, {"var": "margin"}]}},
                           {"id": "rate", "formula": {"/": [{"var": "c1"}, {"var": "n"}]}, "format": "percent"}])
    out = rt.reports.data("demo", key, SYSTEM)
    want = defaultdict(lambda: [0, 0, 0.0])
    for c in clients(rt):
        w = want[c["manager"]]
        w[0] += 1
        w[1] += c["risk_level"] == "C1"
        w[2] += float(c["equity"]) if float(c["equity"]) > float(c["margin"]) else 0
    assert {k[0]: (v[0], v[1], pytest.approx(v[2]), pytest.approx(v[1] / v[0])) for k, v in by_dims(out).items()} == \
        {k: (v[0], v[1], v[2], v[1] / v[0]) for k, v in want.items()}


def test_trading_days_follow_the_calendar(world):
    from datetime import datetime as dt, timedelta

    import sqlalchemy as sa

    from trellis.flows import calendar, calendar_days
    from trellis.records.date_buckets import bucket

    rt = world
    key = report(rt, "by_trading_day", dimensions=[{"field": "opened_at", "bucket": "trading_day"}],
                 measures=[{"id": "n", "agg": "count"}])

    def next_trading(d):
        while not calendar.is_trading_day(d):
            d += timedelta(days=1)
        return d.isoformat()
    want = Counter(next_trading(date.fromisoformat(c["opened_at"])) for c in clients(rt))
    out = rt.reports.data("demo", key, SYSTEM)
    assert {k[0]: v[0] for k, v in by_dims(out).items()} == dict(want) and all(calendar.is_trading_day(
        date.fromisoformat(r[0])) for r in out["rows"])
    label, n = out["rows"][0]
    found = rt.reports.drill("demo", key, SYSTEM, None, {"opened_at": label})
    assert rt.records("demo", "client", SYSTEM).list(filter=found["filter"], limit=500)["count"] == n
    busy = max(want, key=want.get)
    with rt.transaction() as conn:  # the exchanges close that day: its clients count for the next one
        calendar_days.save(rt, conn, date.fromisoformat(busy), False, False, "停市", None, dt(2026, 12, 7, 9))
    moved = {k[0]: v[0] for k, v in by_dims(rt.reports.data("demo", key, SYSTEM)).items()}
    assert busy not in moved and sum(moved.values()) == 60
    with rt.engine.connect() as conn:  # a night session counts for the next trading day
        for at, day in (("2026-12-04 21:30:00", "2026-12-07"), ("2026-12-04 14:00:00", "2026-12-04")):
            value = sa.literal(dt.fromisoformat(at), sa.DateTime)
            assert conn.execute(sa.select(bucket(value, "trading_day", rt.engine.dialect.name, True))).scalar() == day


def test_formula_columns_of_the_dataset(world):
    rt = world
    body = {"columns": [{"id": "band", "label": {"zh": "档位", "en": "Band"},
                         "formula": {"if": [{"in": [{"var": "risk_level"}, ["C1", "C2"]]}, "low", "high"]},
                         "options": [{"value": "low", "label": {"zh": "稳健", "en": "Low"}},
                                     {"value": "high", "label": {"zh": "进取", "en": "High"}}]},
                        {"id": "double", "formula": {"*": [{"var": "equity"}, 2]}}],
            "dimensions": [{"field": "band"}], "measures": [{"id": "n", "agg": "count"},
                                                            {"id": "d", "agg": "sum", "field": "double"}],
            "filter": {"!=": [{"var": "band"}, "nothing"]}}
    key = report(rt, "bands", **body)
    want = defaultdict(lambda: [0, 0.0])
    for c in clients(rt):
        w = want["low" if c["risk_level"] in ("C1", "C2") else "high"]
        w[0] += 1
        w[1] += 2 * float(c["equity"])
    out = rt.reports.data("demo", key, SYSTEM)
    assert {k[0]: (v[0], pytest.approx(v[1])) for k, v in by_dims(out).items()} == {k: tuple(v) for k, v in want.items()}
    assert out["columns"][0]["label"]["zh"] == "档位" and out["columns"][0]["labels"]["low"]["zh"] == "稳健"
    found = rt.reports.drill("demo", key, SYSTEM, None, {"band": "low"})
    assert rt.records("demo", "client", SYSTEM).list(filter=found["filter"], limit=500)["count"] == want["low"][0]
    publish(rt, {"schema_version": 1, "id": "hidden_band", "label": {"zh": "隐", "en": "Hidden"}, "form": "client",
                 "columns": [{"id": "m2", "formula": {"*": [{"var": "margin"}, 2]}}],
                 "measures": [{"id": "s", "agg": "sum", "field": "m2"}]})
    with pytest.raises(BadRequest) as bad:  # a formula over a field the viewer may not see
        rt.reports.data("demo", "hidden_band", rt.viewers["ann"])
    assert bad.value.details["field"] == "margin"
    for columns, pointer in (([{"id": "name", "formula": {"var": "risk_level"}}], "/columns/0/id"),
                             ([{"id": "x", "formula": {"var": "nope"}}], "/columns/0/formula")):
        rt.store.save_draft("demo", "report", "bad", {"schema_version": 1, "id": "bad", "label": {"zh": "坏", "en": "Bad"},
                                                      "form": "client", "columns": columns,
                                                      "measures": [{"id": "n", "agg": "count"}]})
        with pytest.raises(DefinitionInvalid) as bad:
            rt.publish("demo", "report", "bad")
        assert [p["pointer"] for p in bad.value.errors] == [pointer]
