"""The formula operators answer alike in the Python evaluator and in SQL through
to_sql_value (SQLite and PostgreSQL): one table of cases, formula_ops_cases.json, which the
browser's test (frontend/src/logic/formulaOps.test.ts) runs through json-logic-js too.
Sub-tables are a child table; the resolver's rows object answers `aggregate` with a
correlated scalar subquery, as the forms layer does. Plus what the table cannot show:
conditions over these operators, and what SQL refuses."""
from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from trellis.logic import LogicError, SqlField, evaluate, to_sql, to_sql_value
from trellis.logic.moment import logic_time

CASES = json.loads((Path(__file__).parent / "formula_ops_cases.json").read_text(encoding="utf-8"))
CLOCK = datetime.fromisoformat(CASES["clock"].replace("Z", "+00:00"))
ROWS = CASES["rows"]
_TYPES = {"decimal": lambda: sa.Numeric(18, 4), "float": sa.Float, "integer": sa.Integer, "text": sa.Text,
          "date": sa.Date, "datetime": sa.DateTime, "bool": sa.Boolean}
_KINDS = {"decimal": "number", "float": "number", "integer": "number"}


def _in_case_time():
    return logic_time(CLOCK, CASES["zone"])


def _plain(v):
    """A value as the case table writes it (NaN is null)."""
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def _ids(cases):
    return [json.dumps(c["rule"], ensure_ascii=False)[:70] for c in cases]


@pytest.mark.parametrize("case", CASES["values"], ids=_ids(CASES["values"]))
def test_values_in_python(case):
    with _in_case_time():
        assert [_plain(evaluate(case["rule"], row)) for row in ROWS] == case["expect"]


def test_the_table_covers_every_formula_operator():
    from trellis.logic.formulas import FORMULA_OPS
    from trellis.logic.dates import PARTS

    used = set()
    for case in CASES["values"]:
        used.update(_operators(case["rule"]))
    wanted = set(FORMULA_OPS) | set(PARTS) | {"make_date", "date_diff", "cat", "if", "min", "max"}
    assert wanted <= used, sorted(wanted - used)
    assert len(CASES["values"]) >= 120


def _operators(rule):
    if isinstance(rule, list):
        for x in rule:
            yield from _operators(x)
    elif isinstance(rule, dict) and len(rule) == 1:
        (op, args), = rule.items()
        yield op
        yield from _operators(args)


class ChildRows:
    """A sub-table in SQL: `aggregate(agg, field)` is a correlated scalar subquery."""

    def __init__(self, child, parent):
        self.child, self.parent = child, parent

    def aggregate(self, agg: str, field: str | None) -> SqlField:
        col = self.child.c[field] if field is not None else None
        if agg == "count":
            expr = sa.func.count() if col is None else sa.func.count(col)
        else:
            expr = getattr(sa.func, agg)(col)
        kind = "number" if agg in ("sum", "avg", "count") else _KINDS.get(CASES["child_columns"][field],
                                                                            CASES["child_columns"][field])
        sub = sa.select(expr).where(self.child.c.parent_id == self.parent.c.id).scalar_subquery()
        return SqlField(sub, kind)


def _stored(kind, v):
    if v is None:
        return None
    if kind == "date":
        return date.fromisoformat(v)
    if kind == "datetime":
        return datetime.fromisoformat(v)
    return v


@pytest.fixture
def table(engine):
    """The case rows in a table (and their sub-table rows in a child table)."""
    md = sa.MetaData()
    cols = {k: v for k, v in CASES["columns"].items() if v != "rows"}
    t = sa.Table("formula_cases", md, sa.Column("id", sa.Integer, primary_key=True),
                 *[sa.Column(name, _TYPES[kind]()) for name, kind in cols.items()])
    child = sa.Table("formula_case_items", md, sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("parent_id", sa.Integer, nullable=False), sa.Column("position", sa.Integer),
                     *[sa.Column(name, _TYPES[kind]()) for name, kind in CASES["child_columns"].items()])
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(t.insert(), [{"id": r["id"], **{k: _stored(cols[k], r[k]) for k in cols}} for r in ROWS])
        items = [{"parent_id": r["id"], "position": p,
                  **{k: _stored(kind, item[k]) for k, kind in CASES["child_columns"].items()}}
                 for r in ROWS for p, item in enumerate(r["items"] or [])]
        conn.execute(child.insert(), items)
    rows = ChildRows(child, t)

    def resolve(name):
        kind = CASES["columns"].get(name)
        if kind is None:
            return None
        if kind == "rows":
            return SqlField(rows, "rows")
        return SqlField(t.c[name], _KINDS.get(kind, kind))

    yield engine, t, resolve
    md.drop_all(engine)


def _select_value(engine, t, resolve, rule):
    field = to_sql_value(rule, resolve)
    assert field.kind in ("number", "text", "bool", "date", "datetime")
    with engine.connect() as conn:
        got = conn.execute(sa.select(field.column).select_from(t).order_by(t.c.id)).scalars().all()
    if field.kind == "bool":
        got = [None if v is None else bool(v) for v in got]
    return [_plain(v) for v in got]


def _select_rows(engine, t, expr):
    with engine.connect() as conn:
        yes = conn.execute(sa.select(t.c.id).where(expr).order_by(t.c.id)).scalars().all()
        no = conn.execute(sa.select(t.c.id).where(sa.not_(expr)).order_by(t.c.id)).scalars().all()
    assert sorted(yes + no) == [r["id"] for r in ROWS], "the condition is NULL somewhere"
    return yes


def test_values_in_sql(table):
    """Every case: to_sql_value gives each row's value; to_sql's `===` with each value the
    rule takes picks exactly the rows that have it."""
    engine, t, resolve = table
    failures = []
    with _in_case_time():
        for case in CASES["values"]:
            rule, expect = case["rule"], case["expect"]
            got = _select_value(engine, t, resolve, rule)
            if got != expect:
                failures.append(f"{json.dumps(rule, ensure_ascii=False)}: {got} != {expect}")
                continue
            for value in {json.dumps(v) for v in expect}:
                value = json.loads(value)
                want = [r["id"] for r, v in zip(ROWS, expect) if v == value and type(v) is type(value)]
                if isinstance(value, float) and value.is_integer() or value is None:
                    continue  # 3 === 3.0 in JS; a null value is checked by the value itself
                ids = _select_rows(engine, t, to_sql({"===": [rule, value]}, resolve))
                if ids != want:
                    failures.append(f"{json.dumps(rule, ensure_ascii=False)} === {value!r}: {ids} != {want}")
    assert not failures, f"{engine.dialect.name}:\n" + "\n".join(failures)


@pytest.mark.parametrize("rule", [
    {"round": [{"var": "x"}, {"var": "i"}]},
    {"substr": [{"var": "s"}, 1, 2]},
    {"cat": [{"var": "x"}]},
    {"min_of": [{"var": "items"}, "name"]},
    {"sum_of": [{"var": "s"}, "qty"]},
    {"year": [{"var": "s"}]},
    {"coalesce": [{"var": "s"}, 0]},
    {"abs": [{"var": "d"}]},
    {"==": [{"var": "items"}, None]},
    {"len": [{"var": "items"}]},
])
def test_sql_refuses_what_it_cannot_answer_exactly(rule):
    md = sa.MetaData()
    t = sa.Table("t", md, sa.Column("id", sa.Integer, primary_key=True),
                 *[sa.Column(n, _TYPES[k]()) for n, k in CASES["columns"].items() if k != "rows"])
    child = sa.Table("c", md, sa.Column("parent_id", sa.Integer),
                     *[sa.Column(n, _TYPES[k]()) for n, k in CASES["child_columns"].items()])

    def resolve(name):
        kind = CASES["columns"][name]
        return SqlField(ChildRows(child, t), "rows") if kind == "rows" else SqlField(t.c[name], _KINDS.get(kind, kind))

    with pytest.raises(LogicError) as err:
        to_sql_value(rule, resolve)
    assert set(err.value.message) == {"zh", "en"} and err.value.details["operator"] in json.dumps(rule)


def test_a_constant_rule_is_a_literal_of_its_kind():
    assert to_sql_value({"round": [2.5]}, lambda n: None).kind == "number"
    assert to_sql_value({"to_text": [0.1]}, lambda n: None).kind == "text"
    assert to_sql_value({"div": [1, 0]}, lambda n: None).column is not None


def _tricky_numbers():
    """Doubles near rounding boundaries: decimals ending in 5, products such as 4.35 * 100,
    sums such as 0.1 + 0.2, and values of many magnitudes (deterministic)."""
    import random

    rnd = random.Random(20261206)
    out = [0.1 + 0.2, 4.35 * 100, 1.005 * 1000, 2.675, -2.675, 1e15 + 0.5, 123456789.125, 1e-12, -0.0]
    for _ in range(600):
        places = rnd.randint(0, 6)
        digits = rnd.randint(1, 12)
        n = rnd.randint(0, 10 ** digits) * (1 if rnd.random() < 0.7 else -1)
        x = n / 10 ** places
        if rnd.random() < 0.5:
            x = float(f"{x:.{max(places - 1, 0)}f}5") if places else x + 0.5
        if rnd.random() < 0.2:
            x = x * rnd.choice([3, 7, 100, 0.1, 1.1])
        out.append(x)
    return out


def test_rounding_and_to_text_agree_with_sql_on_many_numbers(engine):
    md = sa.MetaData()
    t = sa.Table("formula_numbers", md, sa.Column("id", sa.Integer, primary_key=True), sa.Column("v", sa.Float))
    md.create_all(engine)
    values = _tricky_numbers()
    with engine.begin() as conn:
        conn.execute(t.insert(), [{"id": i, "v": v} for i, v in enumerate(values)])
    rules = [{op: [{"var": "v"}, d]} for op in ("round", "round_down", "round_up") for d in (-2, 0, 1, 2, 3)]
    rules += [{"floor": [{"var": "v"}]}, {"ceil": [{"var": "v"}]}, {"to_text": [{"var": "v"}]},
              {"to_number": [{"to_text": [{"var": "v"}]}]}, {"round": [{"round": [{"var": "v"}, 3]}, 2]}]
    bad = []
    try:
        for rule in rules:
            field = to_sql_value(rule, lambda name: SqlField(t.c[name], "number") if name == "v" else None)
            with engine.connect() as conn:
                got = conn.execute(sa.select(field.column).order_by(t.c.id)).scalars().all()
            for v, g in zip(values, got):
                want = evaluate(rule, {"v": v})
                if g != want:
                    bad.append(f"{json.dumps(rule)} v={v!r}: sql {g!r} != {want!r}")
    finally:
        md.drop_all(engine)
    assert not bad, f"{engine.dialect.name}: {len(bad)} differences, e.g.\n" + "\n".join(bad[:10])
