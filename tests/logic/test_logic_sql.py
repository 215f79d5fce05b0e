"""to_sql gives exactly the evaluator's answer, on SQLite and PostgreSQL, or refuses.

Three sources of rules: the conformance cases whose data is a flat record, a matrix of
realistic filters on a CRM-like table full of NULLs and edge values, and seeded random
rules over that table. For every rule that compiles, the rows SQL selects (and the rows
`NOT expr` selects) must be exactly those the evaluator picks, both when the evaluator
reads JSON-style rows and when it reads the rows SQLAlchemy returns.
"""
from __future__ import annotations

import json
import random
import uuid
from datetime import date, datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from jsonlogic_testkit import CONFORMANCE, conformance_cases
from trellis.logic import LogicError, SqlField, evaluate, to_sql, truthy

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
pytestmark = pytest.mark.filterwarnings("ignore:Dialect sqlite.*Decimal")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db(request):
    """(engine, schema) for one dialect; PostgreSQL work happens in a throwaway schema."""
    if request.param == "sqlite":
        engine = sa.create_engine("sqlite://", poolclass=StaticPool)
        yield engine, None
        engine.dispose()
        return
    engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {exc}")
    schema = f"trellis_logic_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield engine, schema
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


# ---------------------------------------------------------------- conformance cases

def _flat(data):
    if data is None:
        return {}
    if isinstance(data, dict) and all(v is None or isinstance(v, (bool, int, float, str)) for v in data.values()):
        return data
    return None


def _column_type(v):
    if isinstance(v, bool):
        return sa.Boolean()
    if isinstance(v, int):
        return sa.Integer()
    if isinstance(v, float):
        return sa.Float()
    return sa.Text()


@pytest.mark.skipif(not CONFORMANCE.exists(), reason=f"conformance file not found at {CONFORMANCE}")
def test_conformance_cases_in_sql(db):
    engine, schema = db
    compiled = refused = 0
    failures = []
    with engine.connect() as conn:
        for i, (section, rule, data, _expected) in enumerate(conformance_cases()):
            row = _flat(data)
            if row is None:
                continue
            md = sa.MetaData(schema=schema)
            table = sa.Table(f"conformance_{i}", md, sa.Column("_row", sa.Integer, primary_key=True),
                             *[sa.Column(k, _column_type(v)) for k, v in row.items()])
            try:
                expr = to_sql(rule, lambda name: table.c[name] if name in row else None)
            except LogicError:
                refused += 1
                continue
            compiled += 1
            trans = conn.begin()
            md.create_all(conn)
            conn.execute(table.insert().values(_row=1, **row))
            got = conn.execute(sa.select(sa.case((expr, 1), else_=0)).select_from(table)).scalar_one()
            trans.rollback()
            want = truthy(evaluate(rule, data))
            if bool(got) != want:
                failures.append((json.dumps(rule), data, want, got))
    print(f"\n[{engine.dialect.name}] conformance cases with flat data: "
          f"{compiled} compiled and agreed, {refused} refused")
    assert not failures
    assert compiled >= 150


# ---------------------------------------------------------------- a CRM-like table

ROWS = [
    dict(id=1, name="Alice", status="active", qty=5, price=Decimal("100.50"), ratio=0.8, active=True,
         due=date(2024, 1, 5), created=datetime(2024, 1, 5, 10, 0), tags=["vip", "cn"], meta={"a": 1}),
    dict(id=2, name="", status="closed", qty=0, price=Decimal("0"), ratio=0.0, active=False,
         due=date(2023, 12, 31), created=datetime(2023, 12, 31, 23, 59, 59, 500000), tags=[], meta=None),
    dict(id=3, name=None, status="active", qty=None, price=None, ratio=None, active=None,
         due=None, created=None, tags=sa.null(), meta=sa.null()),
    dict(id=4, name="bob_%x", status="Active", qty=-3, price=Decimal("99999.99"), ratio=1e-7, active=True,
         due=date(2024, 2, 29), created=datetime(2024, 2, 29), tags=["x", 1, True], meta=[]),
    dict(id=5, name="Zoë 😀", status="pending", qty=100000, price=Decimal("100000.00"),
         ratio=0.1 + 0.2, active=False, due=date(2024, 1, 6), created=datetime(2024, 1, 5, 10, 0, 0, 1),
         tags=["vip"], meta=""),
    dict(id=6, name="10", status="9", qty=10, price=Decimal("0.10"), ratio=-2.5, active=True,
         due=date(2024, 1, 5), created=None, tags=[None], meta="x"),
    dict(id=7, name="abc", status="active", qty=7, price=Decimal("0.30"), ratio=0.3, active=None,
         due=None, created=datetime(2024, 1, 4, 23, 0), tags=["a%b", 2.5], meta=None),
    dict(id=8, name="ABC", status="", qty=1, price=Decimal("7.00"), ratio=7.0, active=False,
         due=date(2025, 1, 1), created=datetime(2025, 1, 1), tags=["1"], meta=0),
    dict(id=9, name="a\uff0cb", status="active", qty=2, price=Decimal("2.00"), ratio=2.0, active=True,
         due=date(2024, 1, 4), created=datetime(2024, 1, 4), tags=sa.null(), meta=None),
    dict(id=10, name=" 12 ", status="pending", qty=12, price=Decimal("12.00"), ratio=12.0, active=True,
         due=date(2024, 1, 5), created=datetime(2024, 1, 5, 9, 59, 59), tags=["vip", "x"], meta={"b": [1]}),
]


def _json_row(row: dict) -> dict:
    """The record as the evaluator sees it in JSON form."""
    out = {}
    for k, v in row.items():
        if v is sa.null():
            v = None
        elif isinstance(v, Decimal):
            v = float(v)
        elif isinstance(v, (date, datetime)):
            v = v.isoformat()
        out[k] = v
    return out


@pytest.fixture(scope="module")
def crm(db):
    engine, schema = db
    md = sa.MetaData(schema=schema)
    table = sa.Table(
        "crm_clients", md,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("qty", sa.Integer),
        sa.Column("price", sa.Numeric(12, 2)),
        sa.Column("ratio", sa.Float),
        sa.Column("active", sa.Boolean),
        sa.Column("due", sa.Date),
        sa.Column("created", sa.DateTime),
        sa.Column("tags", sa.JSON),
        sa.Column("meta", sa.JSON),
    )
    md.create_all(engine)
    with engine.begin() as conn:
        for row in ROWS:
            conn.execute(table.insert().values(**row))
        raw_rows = [dict(r._mapping) for r in conn.execute(sa.select(table).order_by(table.c.id))]
    yield engine, table, [_json_row(r) for r in ROWS], raw_rows
    md.drop_all(engine)


def _resolver(table):
    def resolve(name):
        if name == "tags":
            return SqlField(table.c.tags, "json_array")
        if name == "$user.qty":
            return sa.literal(5)
        return table.c.get(name)

    return resolve


def _check(crm, rule):
    """Compile `rule` and assert SQL selects exactly the evaluator's rows (and NOT the rest)."""
    engine, table, json_rows, raw_rows = crm
    expr = to_sql(rule, _resolver(table))
    with engine.connect() as conn:
        got = conn.execute(sa.select(table.c.id).where(expr).order_by(table.c.id)).scalars().all()
        rest = conn.execute(sa.select(table.c.id).where(sa.not_(expr)).order_by(table.c.id)).scalars().all()
    user = {"$user": {"qty": 5}}
    want = [r["id"] for r in json_rows if truthy(evaluate(rule, {**r, **user}))]
    want_raw = [r["id"] for r in raw_rows if truthy(evaluate(rule, {**r, **user}))]
    assert want == want_raw, f"JSON and raw rows disagree for {json.dumps(rule)}"
    assert got == want, f"{json.dumps(rule, ensure_ascii=False)}: SQL {got}, evaluator {want}"
    assert rest == [r["id"] for r in json_rows if r["id"] not in want], f"NOT {json.dumps(rule)}"


V = lambda name: {"var": name}  # noqa: E731

MATRIX = [
    {"==": [V("status"), "active"]},
    {"!=": [V("status"), "active"]},
    {"===": [V("qty"), 5]},
    {"!==": [V("qty"), 5]},
    {"==": [V("qty"), "5"]},
    {"==": [V("qty"), ""]},
    {"==": [V("qty"), False]},
    {"==": [V("qty"), None]},
    {"!=": [V("name"), None]},
    {"==": [V("name"), ["abc"]]},
    {"<": [V("qty"), 6]},
    {">": [V("qty"), -1]},
    {">": [V("qty"), None]},
    {"<=": [V("qty"), None]},
    {"<": [V("qty"), "abc"]},
    {">=": [V("price"), 100000]},
    {"<": [V("price"), 0.3]},
    {"==": [V("price"), 0.1]},
    {"<": [V("ratio"), 0.3]},
    {"==": [V("ratio"), 0.30000000000000004]},
    {"<": [0, V("qty"), 10]},
    {"<=": [1, V("qty"), 7]},
    {"in": [V("status"), ["active", "pending", None]]},
    {"in": [V("qty"), [0, 5, "7", True, 10.0]]},
    {"in": [V("active"), [False, None]]},
    {"in": [V("due"), ["2024-01-05", "2025-01-01"]]},
    {"in": ["vip", V("tags")]},
    {"in": [1, V("tags")]},
    {"in": [True, V("tags")]},
    {"in": [None, V("tags")]},
    {"in": ["1", V("tags")]},
    {"in": [2.5, V("tags")]},
    {"in": [V("tags"), ["vip", None]]},
    {"===": [V("tags"), "vip"]},
    {"in": ["b", V("name")]},
    {"in": ["_", V("name")]},
    {"in": ["%", V("name")]},
    {"in": ["a", V("name")]},
    {"in": [1, V("name")]},
    {"contains": [V("name"), "b"]},
    {"contains": [V("tags"), "vip"]},
    {"starts_with": [V("name"), "A"]},
    {"ends_with": [V("name"), "c"]},
    {"starts_with": [V("name"), ""]},
    {"ends_with": [V("name"), "😀"]},
    {"is_empty": V("name")},
    {"not_empty": V("tags")},
    {"is_empty": V("meta")},
    {"is_empty": V("qty")},
    {"==": [V("meta"), None]},
    {"!": V("name")},
    {"!!": V("qty")},
    {"!!": V("price")},
    {"!!": V("tags")},
    V("active"),
    {"!": V("active")},
    V("due"),
    {"==": [V("active"), True]},
    {"==": [V("active"), 0]},
    {"===": [V("active"), False]},
    {"<": [V("due"), "2024-01-05"]},
    {"==": [V("due"), "2024-01-05"]},
    {"!==": [V("due"), "2024-01-05"]},
    {">=": [V("created"), "2024-01-05T10:00:00"]},
    {"<": [V("created"), "2023-12-31T23:59:59.500000"]},
    {"<": [V("name"), "B"]},
    {">=": [V("name"), "a"]},
    {"<": [V("name"), "5"]},
    {"and": [V("active"), {">": [V("qty"), 0]}]},
    {"or": [{"==": [V("status"), "closed"]}, {"is_empty": V("tags")}]},
    {"if": [V("active"), {">": [V("qty"), 3]}, {"==": [V("status"), "active"]}]},
    {"if": [V("active"), {">": [V("qty"), 3]}]},
    {"==": [{"if": [V("active"), "yes", {"<": [V("qty"), 3]}, "few", "no"]}, "no"]},
    {">": [{"if": [V("active"), V("qty"), None]}, 4]},
    {"==": [{"and": [{">": [V("qty"), 0]}, {"!": V("active")}]}, False]},
    {">": [{"+": [V("qty"), 1]}, 5]},
    {"<": [{"-": [V("qty"), 1]}, 0]},
    {"<": [{"-": [V("qty")]}, 0]},
    {">": [{"*": [V("price"), 2]}, 1]},
    {"<": [{"/": [V("qty"), 4]}, 1.5]},
    {"==": [{"%": [V("qty"), 2]}, 1]},
    {"==": [{"%": [V("qty"), 2]}, -1]},
    {"==": [{"+": [V("ratio"), 0.1]}, 0.4]},
    {"==": [V("qty"), V("qty")]},
    {"<": [V("qty"), V("price")]},
    {"<=": [V("due"), V("due")]},
    {"==": [V("name"), V("status")]},
    {"<": [V("qty"), V("$user.qty")]},
    {"and": [{"in": [V("status"), ["active", "pending"]]}, {">=": [V("price"), 10]},
             {"<": [V("ratio"), 0.8]}, {"!": {"is_empty": V("tags")}}]},
]

REFUSED = [
    {"==": [V("name"), 1]},
    {"substr": [V("name"), 1]},
    {"<": [V("active"), 1]},
    {"var": ["qty", 5]},
    {"in": [V("name"), "abcdef"]},
    {"==": [V("tags"), "x"]},
    {"<": [V("name"), "\uff0c"]},
    {"/": [V("qty"), 0]},
    {"%": [V("price"), 2]},
    {"==": [V("due"), "2024-1-5"]},
    {"<": [V("created"), "2024-01-05 10:00:00"]},
    {"!!": V("meta")},
    {"==": [{"and": [V("qty"), 1]}, 1]},
    {"missing": ["qty"]},
    {"var": {"cat": ["q", {"var": "status"}]}},
    {"some": [V("tags"), {"==": [V(""), "vip"]}]},
    {"<": [V("name"), V("status")]},
    {"==": [V("qty"), 2**60]},
]


@pytest.mark.parametrize("rule", MATRIX, ids=[json.dumps(r, ensure_ascii=False)[:70] for r in MATRIX])
def test_matrix(crm, rule):
    _check(crm, rule)


@pytest.mark.parametrize("rule", REFUSED, ids=[json.dumps(r, ensure_ascii=False)[:70] for r in REFUSED])
def test_refused_rules_name_the_operator(crm, rule):
    with pytest.raises(LogicError) as err:
        to_sql(rule, _resolver(crm[1]))
    assert set(err.value.message) == {"zh", "en"}
    assert err.value.details and ("operator" in err.value.details or "field" in err.value.details)


def test_unknown_field_is_named(crm):
    with pytest.raises(LogicError) as err:
        to_sql({"==": [V("nope"), 1]}, _resolver(crm[1]))
    assert err.value.message == {"zh": "未知字段 nope", "en": "Unknown field nope"}


# ---------------------------------------------------------------- random rules

FIELDS = ["name", "status", "qty", "price", "ratio", "active", "due", "created", "tags", "meta"]
LITERALS = [None, 0, 1, 5, -3, 0.8, 7.0, 100000, 99999.99, "5", "", "active", "Active", "abc", "a", "B",
            "10", " 12 ", True, False, "2024-01-05", "2024-01-06", "2024-01-05T10:00:00", "vip", "x",
            "%", "_", [], ["abc"], "😀", "é", "1"]


def _random_rule(rnd: random.Random, depth: int):
    var = {"var": rnd.choice(FIELDS)}
    lit = rnd.choice(LITERALS)
    pick = rnd.random()
    if depth > 0 and pick < 0.25:
        op = rnd.choice(["and", "or", "if", "!", "!!"])
        if op in ("!", "!!"):
            return {op: _random_rule(rnd, depth - 1)}
        return {op: [_random_rule(rnd, depth - 1) for _ in range(rnd.choice([2, 3]))]}
    if pick < 0.55:
        op = rnd.choice(["==", "!=", "===", "!==", "<", "<=", ">", ">="])
        left = var
        if rnd.random() < 0.2:
            left = {rnd.choice(["+", "-", "*", "/", "%"]): [var, rnd.choice([1, 2, 0.5, "3"])]}
        if rnd.random() < 0.15:
            return {op: [left, {"var": rnd.choice(FIELDS)}]}
        return {op: [left, lit] if rnd.random() < 0.7 else [lit, left]}
    if pick < 0.7:
        return {"in": [var, rnd.sample([x for x in LITERALS if not isinstance(x, list)], 3)]}
    if pick < 0.8:
        return {"in": [lit, var]}
    if pick < 0.9:
        return {rnd.choice(["starts_with", "ends_with", "contains"]): [var, rnd.choice(["a", "", "b", "1", "vip", 1])]}
    return {rnd.choice(["is_empty", "not_empty", "!", "!!"]): var}


def test_random_rules_agree_or_are_refused(crm):
    rnd = random.Random(7)
    compiled = refused = 0
    for _ in range(500):
        rule = _random_rule(rnd, 2)
        try:
            to_sql(rule, _resolver(crm[1]))
        except LogicError:
            refused += 1
            continue
        compiled += 1
        _check(crm, rule)
    print(f"\n[{crm[0].dialect.name}] random rules: {compiled} compiled and agreed, {refused} refused")
    assert compiled >= 250


def test_resolver_may_return_any_object_with_column_and_kind(crm):
    class Field:
        def __init__(self, column, kind):
            self.column, self.kind = column, kind

    table = crm[1]
    expr = to_sql({"in": ["vip", V("tags")]}, lambda name: Field(table.c.tags, "json_array"))
    with crm[0].connect() as conn:
        assert conn.execute(sa.select(table.c.id).where(expr).order_by(table.c.id)).scalars().all() == [1, 5, 10]
