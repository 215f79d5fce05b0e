"""The formula case table (formula_cases.json, compiled in formula_compiled.json) in SQL on
SQLite and PostgreSQL: each case's rows stored in a form's table (sub-table rows in its child
table), the formula read as the form reads a formula field (`to_sql_value` over the form's
resolver), giving what the Python evaluator and json-logic-js give (test_formula_compile.py,
frontend/src/logic/formulaCases.test.ts)."""
from __future__ import annotations

import json
import math
from datetime import date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from trellis.forms.model import FormModel
from trellis.logic import LogicError, to_sql_value
from trellis.logic.moment import logic_time

HERE = Path(__file__).parent
SPEC = json.loads((HERE / "formula_cases.json").read_text(encoding="utf-8"))
COMPILED = json.loads((HERE / "formula_compiled.json").read_text(encoding="utf-8"))
TYPES = {"number": {"type": "decimal", "precision": 6}, "text": {"type": "text"}, "bool": {"type": "boolean"},
         "date": {"type": "date"}, "datetime": {"type": "datetime"}, "any": {"type": "json"}}


def _field(f: dict) -> dict:
    if f["type"] == "rows":
        return {"id": f["id"], "type": "sub_table", "label": {"zh": f["label"], "en": f["id"]},
                "fields": [_field(c) for c in f["children"]]}
    return {"id": f["id"], "label": {"zh": f["label"], "en": f["id"]}, **TYPES[f["type"]]}


FORM = {"id": "cases", "fields": [_field(f) for f in SPEC["fields"]]}
CLOCK = datetime.fromisoformat(COMPILED["clock"].replace("Z", "+00:00"))


@pytest.fixture
def form(engine):
    from trellis.forms.types import register

    registry = type("R", (), {"field_types": None})()
    from trellis.kernel.registry import Registry

    registry.field_types = Registry("field type")
    register(registry)
    model = FormModel("t", FORM, registry.field_types)
    model.metadata.create_all(engine)
    return engine, model


def _stored(t, v):
    if v is None:
        return None
    kind = t.sql_kind
    if kind == "date":
        return date.fromisoformat(v)
    if kind == "datetime":
        return datetime.fromisoformat(v)
    return v


def _load(conn, model, rows):
    t = model.table
    conn.execute(t.delete())
    for child in model.child_tables.values():
        conn.execute(child.delete())
    now = datetime(2024, 1, 1)
    for i, row in enumerate(rows, 1):
        values = {"id": i, "created_at": now, "updated_at": now, "version": 1}
        for key, v in row.items():
            ft = model.fields[key]
            if key in model.child_tables:
                kids = model.child_tables[key]
                for pos, item in enumerate(v):
                    conn.execute(kids.insert().values(parent_id=i, position=pos, **{
                        c.id: _stored(c, item.get(c.id)) for c in ft.children}))
            else:
                values[key] = _stored(ft, v)
        conn.execute(t.insert().values(**values))


def _same(got, want) -> bool:
    if isinstance(want, float) or isinstance(got, float):
        return got is not None and want is not None and math.isclose(float(got), float(want), rel_tol=1e-12,
                                                                     abs_tol=1e-12)
    return got == want


def _value(kind, v):
    if v is None:
        return None
    if kind == "number":
        f = float(v)
        return int(f) if f.is_integer() and abs(f) < 2**53 else f
    if kind == "bool":
        return bool(v)
    if kind in ("date", "datetime") and hasattr(v, "isoformat"):
        return v.isoformat() if kind == "date" else v.replace(microsecond=0).isoformat()
    return v


def test_every_formula_case_gives_the_same_value_in_sql(form):
    engine, model = form
    resolve = model.computed.resolver()
    done, refused, wrong = 0, [], []
    for case in COMPILED["cases"]:
        with logic_time(CLOCK, COMPILED["zone"]):
            try:
                sql = to_sql_value(case["logic"], resolve)
            except LogicError as e:
                refused.append((case["formula"], e.message["en"]))
                continue
        with engine.begin() as conn:
            _load(conn, model, case["rows"])
            got = [_value(sql.kind, v) for v in conn.execute(
                sa.select(sql.column).select_from(model.table).order_by(model.table.c.id)).scalars()]
        if not all(_same(g, w) for g, w in zip(got, case["expect"])) or len(got) != len(case["expect"]):
            wrong.append((case["formula"], got, case["expect"]))
        done += 1
    assert not wrong, wrong[:10]
    assert all("附加" in f for f, _ in refused), refused  # only the field of no single kind (json)
    assert done >= 150, (done, refused)
    print(f"{engine.dialect.name}: {done} formula cases alike in SQL, {len(refused)} refused")
