"""Reports aggregated in the database through the viewer's guarded query, on both databases:
each measure (count, distinct count, sum, average, minimum, maximum, a formula over measures)
equals a hand-written SQL query on the same rows, dates grouped by day / month / quarter /
year, select labels named, sorted and limited; an account manager's figures are those of
their own clients only, and a field hidden from them cannot be aggregated, grouped or
filtered (400 as unknown); a report is checked when saved and when published."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from trellis.kernel.actor import SYSTEM
from trellis.kernel.errors import BadRequest, DefinitionInvalid, NotFound

BY_MONTH = {
    "schema_version": 1, "id": "clients_by_month", "label": {"zh": "每月开户", "en": "Openings by month"},
    "form": "client", "filter": {"!=": [{"var": "risk_level"}, "C5"]},
    "dimensions": [{"field": "opened_at", "bucket": "month"}, {"field": "risk_level"}],
    "measures": [{"id": "clients", "agg": "count"},
                 {"id": "managers", "agg": "count_distinct", "field": "manager"},
                 {"id": "equity", "agg": "sum", "field": "equity"},
                 {"id": "avg_equity", "agg": "avg", "field": "equity"},
                 {"id": "low", "agg": "min", "field": "equity"},
                 {"id": "high", "agg": "max", "field": "equity"},
                 {"id": "per_manager", "formula": {"/": [{"var": "clients"}, {"var": "managers"}]}}],
    "sort": [{"by": "opened_at"}, {"by": "clients", "desc": True}],
}


def publish(rt, body: dict) -> None:
    rt.store.save_draft("demo", "report", body["id"], body)
    rt.publish("demo", "report", body["id"])


def hand(rt, where: str = "", params: dict | None = None) -> list[tuple]:
    """The same figures by hand-written SQL: month, risk level, count, distinct managers,
    sum, average, minimum and maximum of equity."""
    pg = rt.engine.dialect.name == "postgresql"
    month = "to_char(opened_at, 'YYYY-MM')" if pg else "substr(opened_at, 1, 7)"
    sql = (f"SELECT {month} AS m, risk_level, count(*), count(DISTINCT manager), sum(equity), avg(equity), "
           f"min(equity), max(equity) FROM demo__client WHERE deleted_at IS NULL AND risk_level <> 'C5' {where} "
           f"GROUP BY {month}, risk_level")
    with rt.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql), params or {})]


def _n(v):
    return None if v is None else round(float(v), 6)


def test_each_measure_equals_hand_written_sql(world):
    rt = world
    publish(rt, BY_MONTH)
    out = rt.reports.data("demo", "clients_by_month", SYSTEM)
    assert [c["id"] for c in out["columns"]] == ["opened_at", "risk_level", "clients", "managers", "equity",
                                                 "avg_equity", "low", "high", "per_manager"]
    assert [c["kind"] for c in out["columns"]][:3] == ["dimension", "dimension", "measure"]
    assert out["columns"][1]["labels"]["C1"] and out["columns"][0]["bucket"] == "month"
    got = {(r[0], r[1]): tuple(_n(v) for v in r[2:8]) for r in out["rows"]}
    want = {(r[0], r[1]): tuple(_n(v) for v in r[2:]) for r in hand(rt)}
    assert got == want and len(got) == 48
    for r in out["rows"]:
        assert r[8] == pytest.approx(r[2] / r[3])
    months = [r[0] for r in out["rows"]]
    assert months == sorted(months)  # sorted by month, then by clients descending within it
    total = out["totals"]
    with rt.engine.connect() as conn:
        count, distinct, equity = conn.execute(sa.text(
            "SELECT count(*), count(DISTINCT manager), sum(equity) FROM demo__client "
            "WHERE deleted_at IS NULL AND risk_level <> 'C5'")).one()
    assert (total["clients"], total["managers"], _n(total["equity"])) == (count, distinct, _n(equity))
    assert total["per_manager"] == pytest.approx(count / distinct) and out["fresh_at"].startswith("2026-12-07T09:00")


@pytest.mark.parametrize("unit, expected", [("day", "2026-03-03"), ("month", "2026-03"), ("quarter", "2026-Q1"),
                                            ("year", "2026")])
def test_dates_are_grouped_by_period(world, unit, expected):
    rt = world
    publish(rt, {"schema_version": 1, "id": f"by_{unit}", "label": {"zh": unit, "en": unit}, "form": "client",
                 "dimensions": [{"field": "opened_at", "bucket": unit}], "measures": [{"id": "n", "agg": "count"}],
                 "sort": [{"by": "opened_at"}]})
    out = rt.reports.data("demo", f"by_{unit}", SYSTEM)
    periods = [r[0] for r in out["rows"]]
    assert expected in periods and sum(r[1] for r in out["rows"]) == 60
    assert periods == sorted(periods) and len(set(periods)) == len(periods)
    created = rt.reports.data("demo", f"by_{unit}", SYSTEM, {"==": [{"var": "risk_level"}, "C1"]})
    assert sum(r[1] for r in created["rows"]) == 12  # a global filter narrows every figure


def test_a_manager_sees_the_figures_of_their_own_clients(world):
    rt = world
    publish(rt, BY_MONTH)
    ann = rt.reports.data("demo", "clients_by_month", rt.viewers["ann"])
    got = {(r[0], r[1]): tuple(_n(v) for v in r[2:8]) for r in ann["rows"]}
    want = {(r[0], r[1]): tuple(_n(v) for v in r[2:]) for r in hand(rt, "AND manager = :m", {"m": rt.ids["ann"]})}
    assert got == want and ann["totals"]["managers"] == 1
    assert ann["totals"]["clients"] + rt.reports.data("demo", "clients_by_month", rt.viewers["bob"])["totals"][
        "clients"] == rt.reports.data("demo", "clients_by_month", SYSTEM)["totals"]["clients"]
    assert [r["id"] for r in rt.reports.listing("demo", rt.viewers["ann"])] == ["clients_by_month"]


def test_a_hidden_field_cannot_be_aggregated_grouped_or_filtered(world):
    rt = world
    for key, body in (("margin_sum", {"measures": [{"id": "m", "agg": "sum", "field": "margin"}]}),
                      ("margin_groups", {"dimensions": [{"field": "margin"}], "measures": [{"id": "n", "agg": "count"}]}),
                      ("margin_filter", {"filter": {">": [{"var": "margin"}, 0.5]},
                                         "measures": [{"id": "n", "agg": "count"}]})):
        publish(rt, {"schema_version": 1, "id": key, "label": {"zh": key, "en": key}, "form": "client", **body})
        assert rt.reports.data("demo", key, SYSTEM)["rows"]
        with pytest.raises(BadRequest) as bad:
            rt.reports.data("demo", key, rt.viewers["ann"])
        assert bad.value.details["field"] == "margin" and bad.value.code == "unknown_field"
    publish(rt, {"schema_version": 1, "id": "plain", "label": {"zh": "数", "en": "n"}, "form": "client",
                 "measures": [{"id": "n", "agg": "count"}]})
    with pytest.raises(BadRequest) as bad:  # nor through a dashboard's global filter
        rt.reports.data("demo", "plain", rt.viewers["ann"], {"<": [{"var": "margin"}, 0.2]})
    assert bad.value.details["param"] == "filters"


def test_a_report_is_checked_when_saved_and_published(world):
    rt = world
    base = {"schema_version": 1, "id": "bad", "label": {"zh": "坏", "en": "Bad"}, "form": "client"}
    for body, pointer in (
            ({"measures": [{"id": "n", "agg": "count"}, {"id": "n", "agg": "count"}]}, "/measures/1/id"),
            ({"measures": [{"id": "r", "formula": {"/": [{"var": "x"}, 2]}}]}, "/measures/0/formula"),
            ({"measures": [{"id": "s", "agg": "sum"}]}, "/measures/0/field"),
            ({"measures": [{"id": "n", "agg": "count"}], "sort": [{"by": "nope"}]}, "/sort/0/by"),
            ({"measures": [{"id": "n", "agg": "count", "formula": {"var": "n"}}]}, "/measures/0")):
        with pytest.raises(DefinitionInvalid) as bad:
            rt.store.save_draft("demo", "report", "bad", dict(base, **body))
        assert any(p["pointer"].startswith(pointer) for p in bad.value.errors), bad.value.errors
    for body, pointer in (
            ({"measures": [{"id": "s", "agg": "sum", "field": "name"}]}, "/measures/0/field"),
            ({"measures": [{"id": "s", "agg": "max", "field": "nope"}]}, "/measures/0/field"),
            ({"dimensions": [{"field": "name", "bucket": "month"}], "measures": [{"id": "n", "agg": "count"}]},
             "/dimensions/0/bucket"),
            ({"form": "nothing", "measures": [{"id": "n", "agg": "count"}]}, "/form")):
        rt.store.save_draft("demo", "report", "bad", dict(base, **body))
        with pytest.raises(DefinitionInvalid) as bad:
            rt.publish("demo", "report", "bad")
        assert [p["pointer"] for p in bad.value.errors] == [pointer]
    with pytest.raises(NotFound):
        rt.reports.data("demo", "bad", SYSTEM)  # never published


@pytest.mark.parametrize("chart, mark", [({"type": "bar"}, "bar"), ({"type": "bar", "stack": False}, "bar"),
                                         ({"type": "line"}, "line"), ({"type": "area"}, "area"),
                                         ({"type": "heatmap"}, "rect")])
def test_a_chart_is_a_vega_lite_spec_of_the_viewers_figures(world, chart, mark):
    rt = world
    body = {"schema_version": 1, "id": "chart", "label": {"zh": "开户", "en": "Openings"}, "form": "client",
            "dimensions": [{"field": "opened_at", "bucket": "quarter"}, {"field": "risk_level"}],
            "measures": [{"id": "clients", "agg": "count", "label": {"zh": "客户数", "en": "Clients"}}], "chart": chart}
    publish(rt, body)
    out = rt.reports.spec("demo", "chart", rt.viewers["ann"], lang="en")
    spec = out["spec"]
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/") and spec["title"] == "Openings"
    assert (spec["mark"]["type"] if isinstance(spec["mark"], dict) else spec["mark"]) == mark
    assert spec["encoding"]["x"]["field"] == "opened_at" and spec["encoding"]["x"]["title"] == "Opened"
    assert sum(v["clients"] for v in spec["data"]["values"]) == out["data"]["totals"]["clients"] == 40  # ann's
    assert {v["risk_level"] for v in spec["data"]["values"]} == {"C1", "C2", "C3", "C4", "C5"}  # the labels


def test_a_pie_shows_one_dimension_and_a_table_has_no_spec(world):
    rt = world
    base = {"schema_version": 1, "label": {"zh": "风险", "en": "Risk"}, "form": "client",
            "dimensions": [{"field": "risk_level"}], "measures": [{"id": "n", "agg": "count"}]}
    publish(rt, dict(base, id="donut", chart={"type": "pie", "donut": True}))
    spec = rt.reports.spec("demo", "donut", SYSTEM)["spec"]
    assert spec["mark"]["innerRadius"] == 60 and spec["encoding"]["theta"]["field"] == "n"
    publish(rt, dict(base, id="grid", chart={"type": "table"}))
    assert rt.reports.spec("demo", "grid", SYSTEM)["spec"] is None
    for chart, pointer in (({"type": "radar"}, "/chart/type"), ({"type": "heatmap"}, "/chart/type")):
        with pytest.raises(DefinitionInvalid) as bad:
            rt.store.save_draft("demo", "report", "wrong", dict(base, id="wrong", chart=chart))
        assert [p["pointer"] for p in bad.value.errors] == [pointer]


def _percentile(values: list, p: float):
    """percentile_cont by hand: rank p * (n - 1) among the sorted values, interpolated."""
    values = sorted(float(v) for v in values if v is not None)
    rank = p * (len(values) - 1)
    low, high = int(rank), min(int(rank) + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (rank - low)


def test_medians_and_percentiles_equal_the_hand_computed_ones(world):
    rt = world
    publish(rt, {"schema_version": 1, "id": "spread", "label": {"zh": "分布", "en": "Spread"}, "form": "client",
                 "dimensions": [{"field": "risk_level"}],
                 "measures": [{"id": "median", "agg": "median", "field": "equity"},
                              {"id": "p90", "agg": "percentile", "field": "equity", "p": 0.9},
                              {"id": "p0", "agg": "percentile", "field": "equity", "p": 0}]})
    with rt.engine.connect() as conn:
        raw = conn.execute(sa.text("SELECT risk_level, equity FROM demo__client WHERE deleted_at IS NULL")).all()
    by_risk: dict = {}
    for risk, equity in raw:
        by_risk.setdefault(risk, []).append(equity)
    out = rt.reports.data("demo", "spread", SYSTEM)
    for risk, median, p90, p0 in out["rows"]:
        assert median == pytest.approx(_percentile(by_risk[risk], 0.5))
        assert p90 == pytest.approx(_percentile(by_risk[risk], 0.9))
        assert p0 == pytest.approx(min(float(v) for v in by_risk[risk]))
    everyone = [e for _r, e in raw]
    assert out["totals"]["p90"] == pytest.approx(_percentile(everyone, 0.9))
    mine = rt.reports.data("demo", "spread", rt.viewers["bob"])["totals"]["median"]  # in bob's scope
    with rt.engine.connect() as conn:
        bobs = conn.execute(sa.text("SELECT equity FROM demo__client WHERE manager = :m"), {"m": rt.ids["bob"]}).scalars()
        assert mine == pytest.approx(_percentile(list(bobs), 0.5))
    for body in ({"measures": [{"id": "x", "agg": "percentile", "field": "equity"}]},
                 {"measures": [{"id": "x", "agg": "median", "field": "equity", "p": 0.3}]}):
        with pytest.raises(DefinitionInvalid) as bad:
            rt.store.save_draft("demo", "report", "bad_p", dict(
                {"schema_version": 1, "id": "bad_p", "label": {"zh": "坏", "en": "Bad"}, "form": "client"}, **body))
        assert [p["pointer"] for p in bad.value.errors] == ["/measures/0/p"]


def test_the_sqlite_percentile_aggregate_on_its_own():
    from trellis.storage.sqlite_percentile import Percentile

    def run(values, p):
        agg = Percentile()
        for v in values:
            agg.step(v, p)
        return agg.finalize()

    assert run([], 0.5) is None and run([None], 0.5) is None and run([3, 1], 1.5) is None
    assert run([5], 0.9) == 5 and run([1, 2, 3, 4], 0.5) == 2.5 and run([10, None, 0], 0.25) == 2.5
