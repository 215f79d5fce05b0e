"""The date operators answer alike in the Python evaluator and in SQL (SQLite and
PostgreSQL): one table of cases, date_cases.json, which the browser's test
(frontend/src/logic/dates.test.ts) runs through json-logic-js too. Plus what the table
cannot show: the clock and zone come from the context, never the system clock; units are
checked; the SQL compiler folds `now` into a literal and refuses what it cannot do."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from trellis.kernel.simulated_clock import SimulatedClock
from trellis.logic import LogicError, SqlField, compile_rule, evaluate, to_sql, truthy
from trellis.logic.moment import logic_time

CASES = json.loads((Path(__file__).parent / "date_cases.json").read_text(encoding="utf-8"))
CLOCK = datetime.fromisoformat(CASES["clock"].replace("Z", "+00:00"))
ROWS = CASES["rows"]


def _in_case_time():
    return logic_time(CLOCK, CASES["zone"])


@pytest.mark.parametrize("case", CASES["values"], ids=[json.dumps(c["rule"])[:60] for c in CASES["values"]])
def test_values_in_python(case):
    with _in_case_time():
        assert [evaluate(case["rule"], row) for row in ROWS] == case["expect"]


@pytest.mark.parametrize("case", CASES["conditions"], ids=[json.dumps(c["rule"])[:60] for c in CASES["conditions"]])
def test_conditions_in_python(case):
    with _in_case_time():
        assert [r["id"] for r in ROWS if truthy(evaluate(case["rule"], r))] == case["rows"]


def _stored(kind, text):
    if text is None:
        return None
    return date.fromisoformat(text) if kind == "date" else datetime.fromisoformat(text)


@pytest.fixture
def table(engine):
    """The case rows in a table whose columns have the kinds the file names."""
    md = sa.MetaData()
    types = {"date": sa.Date, "datetime": sa.DateTime}
    t = sa.Table("date_cases", md, sa.Column("id", sa.Integer, primary_key=True),
                 *[sa.Column(name, types[kind]) for name, kind in CASES["columns"].items()])
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(t.insert(), [{k: v if k == "id" else _stored(CASES["columns"][k], v) for k, v in r.items()}
                                  for r in ROWS])
    yield engine, t
    md.drop_all(engine)


def _select(engine, t, rule):
    expr = to_sql(rule, lambda name: SqlField(t.c[name], CASES["columns"][name]) if name in t.c else None)
    with engine.connect() as conn:
        yes = conn.execute(sa.select(t.c.id).where(expr).order_by(t.c.id)).scalars().all()
        no = conn.execute(sa.select(t.c.id).where(sa.not_(expr)).order_by(t.c.id)).scalars().all()
    assert sorted(yes + no) == [r["id"] for r in ROWS], "the condition is NULL somewhere"
    return yes


def test_cases_in_sql(table):
    """Every value case: for each value it takes, SQL's `===` picks exactly the rows that
    have it; every condition case: SQL selects exactly its rows (and NOT the others)."""
    engine, t = table
    checked = 0
    with _in_case_time():
        for case in CASES["values"]:
            for value in {json.dumps(v) for v in case["expect"]}:
                value = json.loads(value)
                want = [r["id"] for r, v in zip(ROWS, case["expect"]) if v == value and type(v) is type(value)]
                got = _select(engine, t, {"===": [case["rule"], value]})
                assert got == want, f"{engine.dialect.name}: {json.dumps(case['rule'])} === {value!r}"
                checked += 1
        for case in CASES["conditions"]:
            assert _select(engine, t, case["rule"]) == case["rows"], f"{engine.dialect.name}: {case['rule']}"
            checked += 1
    assert checked > 150


def test_now_reads_the_context_clock_each_time_the_rule_runs():
    clock = SimulatedClock(datetime(2026, 1, 31, 23, 59, 30, tzinfo=timezone.utc))
    fn = compile_rule({"date_add": [{"today": []}, 1, "months"]})
    with logic_time(clock, "UTC"):
        assert fn({}) == "2026-02-28"
        clock.advance(timedelta(seconds=31))
        assert fn({}) == "2026-03-01"
        assert evaluate({"now": []}) == "2026-02-01T00:00:01"
    with logic_time(clock, "Asia/Shanghai"):
        assert evaluate({"now": []}) == "2026-02-01T08:00:01"
    with logic_time(datetime(2026, 6, 30, 20, 0, tzinfo=timezone.utc), "America/New_York"):
        assert evaluate({"today": []}) == "2026-06-30"


def test_a_naive_clock_reading_is_server_local_time():
    """kernel/clock.py answers naive local time; it is converted to the instance zone."""
    local = datetime(2026, 3, 1, 12, 0)
    with logic_time(local, "UTC"):
        assert evaluate({"now": []}) == local.astimezone(timezone.utc).replace(tzinfo=None).isoformat()


def test_constant_unknown_units_and_zones_are_refused_in_both_languages():
    for rule in ({"date_add": [{"var": "d"}, 1, "month"]}, {"start_of": [{"var": "d"}, "days"]},
                 {"date_diff": [{"var": "d"}, {"var": "d"}, "quarters"]}):
        with pytest.raises(LogicError) as err:
            compile_rule(rule)
        assert set(err.value.message) == {"zh", "en"} and err.value.details["operator"] in rule
        with pytest.raises(LogicError):
            to_sql(rule, lambda name: SqlField(sa.column("d", sa.Date), "date"))
    with pytest.raises(LogicError) as err:
        with logic_time(None, "Mars/Olympus"):
            pass
    assert err.value.details == {"timezone": "Mars/Olympus"}


def test_sql_folds_the_clock_into_a_literal():
    col = sa.column("opened", sa.DateTime)
    rule = {">=": [{"var": "opened"}, {"date_add": [{"now": []}, -3, "days"]}]}
    with logic_time(datetime(2026, 12, 6, 2, 30, tzinfo=timezone.utc), "UTC"):
        expr = to_sql(rule, lambda name: SqlField(col, "datetime"))
    sql = str(expr.compile(dialect=sa.dialects.sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    assert "2026-12-03 02:30:00" in sql and "strftime" not in sql


@pytest.mark.parametrize("rule", [
    {"date_add": [{"var": "d"}, {"var": "n"}, "days"]},
    {"start_of": [{"var": "d"}, {"var": "u"}]},
    {"date_add": [{"var": "n"}, 1, "days"]},
    {"<": [{"var": "d"}, {"date_add": [{"var": "d"}, 1, "hours"]}]},
])
def test_sql_refuses_what_it_cannot_answer_exactly(rule):
    cols = {"d": SqlField(sa.column("d", sa.Date), "date"), "n": SqlField(sa.column("n", sa.Integer), "number"),
            "u": SqlField(sa.column("u", sa.Text), "text")}
    with pytest.raises(LogicError) as err:
        to_sql(rule, cols.get)
    assert set(err.value.message) == {"zh", "en"} and "operator" in err.value.details
