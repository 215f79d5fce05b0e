"""Benchmarks of computed fields, one section each (`--only NAME` runs one), every figure a
ratio against the same work without the computed fields, measured in the same run on
SQLite (and PostgreSQL when it answers at 127.0.0.1:5432). Absolute times are context.

- rollup: the futures CRM's client and trade_day forms (seeds/futures_crm/forms) in two
  apps of one database, one plain and one whose client form has rollups over its trade
  days (count, commission in 90 days, lots, latest trade date, P&L max, a filtered
  count). 10,000 trade_day rows over 500 clients (each with 20 earlier days) are written
  through the lean path in chunks of 5,000 rows (as an import writes them), alternating
  plain and rolled-up rounds; the rollups of every touched client are recomputed in
  each chunk's transaction. Target: at most 1.5x.
- formula_query: filter + sort on a formula over --formula-clients clients (default
  1,000,000), limit 50, through the record service, against the same query written by
  hand in SQL: unindexed (the formula computed in the query) and indexed (its column and
  index). Targets: p50 at most 50 ms unindexed, 10 ms indexed.
- formula_eval: formulas (IF, ROUND, CONCATENATE) evaluated in Python through their
  compiled JsonLogic against the same functions written by hand. Target: at least 0.5.

A section is a function `(engine, args) -> list of result lines`, listed in SECTIONS.

Usage: python tests/bench/bench_computed.py [--only rollup|formula_query|formula_eval] [--rows N]
       [--rounds N] [--formula-clients N] [--no-pg]
"""
from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))

IMPORT_CHUNK = 5_000  # rows an import writes per transaction (trellis.imports.job.CHUNK)
FORMS = ROOT / "seeds" / "futures_crm" / "forms"


def _label(zh, en):
    return {"zh": zh, "en": en}


ROLLUPS = [
    {"id": "trade_days", "type": "rollup", "label": _label("交易天数", "Trading days"), "source": "trade_day.client",
     "aggregate": "count"},
    {"id": "commission_90d", "type": "rollup", "label": _label("近90天手续费", "Commission, 90 days"),
     "source": "trade_day.client", "aggregate": "sum", "field": "commission",
     "window": {"field": "trade_date", "days": 90}},
    {"id": "lots_total", "type": "rollup", "label": _label("总手数", "Lots"), "source": "trade_day.client",
     "aggregate": "sum", "field": "lots"},
    {"id": "last_trade", "type": "rollup", "label": _label("最近交易日", "Last trade day"),
     "source": "trade_day.client", "aggregate": "max", "field": "trade_date"},
    {"id": "best_pnl", "type": "rollup", "label": _label("单日最大盈亏", "Best day"), "source": "trade_day.client",
     "aggregate": "max", "field": "pnl"},
    {"id": "loss_days", "type": "rollup", "label": _label("亏损天数", "Losing days"), "source": "trade_day.client",
     "aggregate": "count", "filter": {"<": [{"var": "pnl"}, 0]}},
]


def _install(rt, app: str, with_rollups: bool) -> None:
    read = lambda name: json.loads((FORMS / f"{name}.json").read_text(encoding="utf-8"))  # noqa: E731
    client, trade_day, broker = read("client"), read("trade_day"), read("introducing_broker")
    broker["fields"] = [f for f in broker["fields"] if f["type"] not in ("relation", "sub_table")]
    client["fields"] = [{k: v for k, v in f.items() if k != "required"} for f in client["fields"]  # names suffice
                        if f["type"] not in COMPUTED]  # the seed's own computed fields: this run adds its own
    client.pop("layout", None)
    st = rt.store
    st.save_draft(app, "app", app, {"schema_version": 1, "id": app, "label": _label(app, app),
                                    "forms": ["client", "trade_day", "introducing_broker"]})
    rt.publish(app, "app", app)
    for body in (broker, client, trade_day):
        st.save_draft(app, "form", body["id"], body)
    for body in (broker, client, trade_day):
        rt.publish(app, "form", body["id"])
    if with_rollups:
        st.save_draft(app, "form", "client", dict(client, fields=client["fields"] + ROLLUPS))
        rt.publish(app, "form", "client")


COMPUTED = ("rollup", "formula", "lookup")
NAMES = ["client", "trade_date", "product", "lots", "turnover", "commission", "pnl", "margin_used", "equity_eod"]


def _rows(rnd, clients: list[int], n: int, start: date, products: list[str]) -> list[list]:
    out = []
    for i in range(n):
        lots = rnd.randint(1, 200)
        out.append([rnd.choice(clients), (start + timedelta(days=i % 120)).isoformat(), rnd.choice(products), lots,
                    lots * 1234.5, round(lots * 2.37, 2), round(rnd.uniform(-5000, 5000), 2), lots * 800.0,
                    round(rnd.uniform(1e5, 1e6), 2)])
    return out


def rollup(engine, args) -> list[str]:
    from trellis.kernel.actor import Actor
    from trellis.runtime import Runtime
    from trellis.storage import migrate

    migrate.upgrade(engine)
    rt = Runtime(engine, ttl=60)
    _install(rt, "plain", False)
    _install(rt, "rolled", True)
    actor = Actor(id=1, username="bench", ip="127.0.0.1", is_admin=True)
    rnd = random.Random(7)
    tf = rt.form("plain", "trade_day").field("product")
    products = [o["value"] for o in tf.field.get("options", [])] or ["cu"]
    today = date.today()
    clients, svcs = {}, {}
    for app in ("plain", "rolled"):
        cs = rt.records(app, "client", actor)
        ids = cs.create_rows(["name"], [[f"客户{i}"] for i in range(args.clients)], audit="summary").ids
        clients[app] = ids
        svcs[app] = rt.records(app, "trade_day", actor)
        history = _rows(random.Random(1), ids, args.clients * 20, today - timedelta(days=200), products)
        for i in range(0, len(history), 1000):
            svcs[app].create_rows(NAMES, history[i:i + 1000], audit="summary")
    rt.analyze("plain")
    rt.analyze("rolled")
    times = {"plain": [], "rolled": []}
    for r in range(args.rounds + 1):  # round 0 warms up and is not counted
        order = ("plain", "rolled") if r % 2 else ("rolled", "plain")
        rows = _rows(rnd, list(range(len(clients["plain"]))), args.rows, today - timedelta(days=100), products)
        for app in order:
            mine = [[clients[app][row[0]], *row[1:]] for row in rows]
            t = time.perf_counter()
            for i in range(0, len(mine), args.chunk):
                svcs[app].create_rows(NAMES, mine[i:i + args.chunk], audit="summary")
            if r:
                times[app].append(time.perf_counter() - t)
    plain, rolled = statistics.median(times["plain"]), statistics.median(times["rolled"])
    return [f"rollup {engine.dialect.name}: {args.rows} trade_day rows in chunks of {args.chunk} over "
            f"{args.clients} clients, {len(ROLLUPS)} rollups; plain {plain:.2f} s, with rollups {rolled:.2f} s, "
            f"ratio {rolled / plain:.2f}x"]


FORMULA_FORM = {
    "schema_version": 1, "id": "client", "label": _label("客户", "Client"), "title_field": "name",
    "fields": [
        {"id": "name", "type": "text", "label": _label("姓名", "Name")},
        {"id": "equity", "type": "money", "label": _label("权益", "Equity")},
        {"id": "opened_at", "type": "date", "label": _label("开户日期", "Opened")},
        {"id": "score", "type": "formula", "label": _label("评分", "Score"),
         "expression": "ROUND(权益 / 10000, 1) * 2"},
        {"id": "score_ix", "type": "formula", "label": _label("评分(索引)", "Score (indexed)"),
         "expression": "ROUND(权益 / 10000, 1) * 2", "indexed": True},
    ],
}
FORMULA_APP = {"schema_version": 1, "id": "fbench", "label": _label("公式", "Formulas"), "forms": ["client"]}


def _fill_clients(rt, n: int) -> None:
    """n client rows written as raw batches (the formula column set by one UPDATE after)."""
    import sqlalchemy as sa

    model = rt.form("fbench", "client")
    t = model.table
    rnd = random.Random(11)
    now = datetime(2026, 6, 30, 12)
    batch = 20_000
    with rt.engine.begin() as conn:
        for start in range(0, n, batch):
            conn.execute(t.insert(), [{"id": i + 1, "created_at": now, "updated_at": now, "version": 1,
                                       "name": f"客户{i}", "opened_at": date(2015, 1, 1) + timedelta(days=i % 4000),
                                       "equity": round(rnd.lognormvariate(11.5, 1.6), 2) if i % 17 else None}
                                      for i in range(start, min(n, start + batch))])
        conn.execute(t.update().values(score_ix=model.computed.formula_sql("score_ix").column))
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text(f'ANALYZE "{model.table_name}"'))


def _p50(fn, rounds: int) -> float:
    fn()
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def formula_query(engine, args) -> list[str]:
    """Filter + sort on a formula over N clients, limit 50: the record service's list against the
    same query written by hand in SQL, unindexed (computed in the query) and indexed (its column)."""
    import sqlalchemy as sa

    from trellis.runtime import Runtime
    from trellis.storage import migrate

    migrate.upgrade(engine)
    rt = Runtime(engine, ttl=60, secret=secrets.token_hex(8))
    rt.store.save_draft("fbench", "app", "fbench", FORMULA_APP)
    rt.publish("fbench", "app", "fbench")
    rt.store.save_draft("fbench", "form", "client", FORMULA_FORM)
    rt.publish("fbench", "form", "client")
    n = args.formula_clients
    t0 = time.perf_counter()
    _fill_clients(rt, n)
    fill = time.perf_counter() - t0
    svc = rt.records("fbench", "client")
    table = rt.form("fbench", "client").table_name
    pg = engine.dialect.name == "postgresql"
    raw_score = ("round(cast(coalesce(equity, 0) as numeric) / 10000, 1) * 2" if pg
                 else "round(coalesce(equity, 0) / 10000.0, 1) * 2")
    out = []
    for name, field in (("unindexed", "score"), ("indexed", "score_ix")):
        flt = {">": [{"var": field}, 50]}

        def trellis_list():
            items = svc.list(filter=flt, sort=f"-{field}", limit=50, count="none")["items"]
            assert len(items) == 50

        expr = raw_score if field == "score" else "score_ix"
        raw = sa.text(f'SELECT id, name, equity, {expr} AS v FROM "{table}" WHERE deleted_at IS NULL AND {expr} > 50 '
                      f"ORDER BY {expr} DESC, id LIMIT 50")

        def raw_sql():
            with engine.connect() as conn:
                assert len(conn.execute(raw).all()) == 50

        mine, base = _p50(trellis_list, args.rounds * 3), _p50(raw_sql, args.rounds * 3)
        out.append(f"formula filter+sort {engine.dialect.name} {name}: {n:,} clients, limit 50: "
                   f"p50 {mine * 1000:.1f} ms vs hand-written SQL {base * 1000:.1f} ms = {mine / base:.2f}x")
    out.append(f"  (filled {n:,} rows in {fill:.1f} s)")
    return out


def formula_eval(engine, args) -> list[str]:
    """A formula evaluated in Python (its compiled JsonLogic) against the same function written by hand."""
    if engine.dialect.name != "sqlite":
        return []
    from trellis.logic import compile_rule
    from trellis.logic.formula import FieldRef, compile_formula

    fields = {"权益": FieldRef("equity", "number"), "开户日期": FieldRef("opened_at", "date"),
              "姓名": FieldRef("name", "text")}
    cases = {
        "IF": ('IF(权益 > 1000000, "高净值", IF(权益 > 100000, "潜力", "普通"))',
               lambda r: "高净值" if (r["equity"] or 0) > 1000000 else "潜力" if (r["equity"] or 0) > 100000 else "普通"),
        "ROUND": ("ROUND(权益 / 10000, 1) * 2",
                  lambda r: float(Decimal(str((r["equity"] or 0) / 10000)).quantize(Decimal("0.1"), ROUND_HALF_UP)) * 2),
        "CONCATENATE": ('CONCATENATE(LEFT(姓名, 1), "总")', lambda r: (r["name"] or "")[:1] + "总"),
    }
    rnd = random.Random(5)
    rows = [{"equity": rnd.choice([None, round(rnd.uniform(0, 3e6), 2)]), "name": f"张{i}", "opened_at": "2024-01-31"}
            for i in range(100_000)]
    out = []
    for name, (expression, hand) in cases.items():
        fn = compile_rule(compile_formula(expression, fields.get).logic)
        assert [fn(r) for r in rows[:2000]] == [hand(r) for r in rows[:2000]], name
        engine_s = _p50(lambda: [fn(r) for r in rows], args.rounds)
        hand_s = _p50(lambda: [hand(r) for r in rows], args.rounds)
        out.append(f"formula in Python {name}: {len(rows) / engine_s:,.0f}/s vs hand-written "
                   f"{len(rows) / hand_s:,.0f}/s = {hand_s / engine_s:.2f} of hand-written (target >= 0.5)")
    return out


SECTIONS = {"rollup": rollup, "formula_query": formula_query, "formula_eval": formula_eval}


def main(argv=None) -> int:
    from common import ScratchPostgres
    from trellis.storage.database import make_engine

    ap = argparse.ArgumentParser()
    ap.add_argument("--only", choices=sorted(SECTIONS), action="append")
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--chunk", type=int, default=IMPORT_CHUNK)
    ap.add_argument("--clients", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--formula-clients", type=int, default=1_000_000)
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args(argv)
    lines = []
    for name in args.only or list(SECTIONS):
        section = SECTIONS[name]
        with tempfile.TemporaryDirectory() as tmp:
            engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
            lines += section(engine, args)
            engine.dispose()
        if args.no_pg:
            continue
        with ScratchPostgres() as url:
            if url is not None:
                engine = make_engine(url)
                try:
                    lines += section(engine, args)
                finally:
                    engine.dispose()
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
