"""Benchmark of the report engine on SQLite, as ratios against the same queries in raw SQL
on the driver, measured in the same run over the same rows:

- a trade-day form of N rows (trade date over a year, 20 products, 50,000 client numbers,
  lots), written through the record service's lean path;
- month x product with a distinct count of clients and a sum of lots, uncached: on the main
  database (the guarded query, the totals query, the answer built) and on the columnar
  replica (DuckDB, reports/replica.py), against one raw GROUP BY; the first copy of the
  table into the replica; the same report cached; the freshness lag after a write (the
  write's commit to a report that counts it: the replica's catch-up and the query);
- the same report for one client (a statement of 12 months: an indexed field, so the main
  database answers) against the raw query;
- a pivot of N members by branch x tier x risk level with its subtotals (rows: branch, tier;
  columns: risk level) against the same GROUP BYs in raw SQL.

Goals at 1,000,000 rows: <= 200 ms uncached, <= 20 ms cached, <= 300 ms for the pivot,
<= 5 ms for one client, freshness lag <= 5 s.

Usage: python tests/bench/bench_reports.py [--rows N] [--samples N]
"""
from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from common import percentiles

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))

PRODUCTS = [f"P{i:02d}" for i in range(20)]
TRADE = {"schema_version": 1, "id": "trade", "label": {"zh": "交易日汇总", "en": "Trade days"},
         "fields": [{"id": "trade_date", "type": "date", "label": {"zh": "交易日", "en": "Trade date"}},
                    {"id": "product", "type": "single_select", "label": {"zh": "品种", "en": "Product"},
                     "options": [{"value": p, "label": {"zh": p, "en": p}} for p in PRODUCTS]},
                    {"id": "client_no", "type": "integer", "label": {"zh": "客户号", "en": "Client"}, "indexed": True},
                    {"id": "lots", "type": "integer", "label": {"zh": "手数", "en": "Lots"}}]}
REPORT = {"schema_version": 1, "id": "month_product", "label": {"zh": "月度品种", "en": "Month x product"},
          "form": "trade", "dimensions": [{"field": "trade_date", "bucket": "month"}, {"field": "product"}],
          "measures": [{"id": "clients", "agg": "count_distinct", "field": "client_no"},
                       {"id": "lots", "agg": "sum", "field": "lots"}]}
RAW = ("SELECT substr(trade_date, 1, 7) AS m, product, count(DISTINCT client_no), sum(lots) FROM trellis_bench__trade "
       "WHERE deleted_at IS NULL {where} GROUP BY substr(trade_date, 1, 7), product ORDER BY 1, 2")


MEMBER = {"schema_version": 1, "id": "member", "label": {"zh": "客户", "en": "Members"},
          "fields": [{"id": "branch", "type": "single_select", "label": {"zh": "营业部", "en": "Branch"},
                      "options": [{"value": f"B{i:02d}", "label": {"zh": f"营业部{i}", "en": f"Branch {i}"}} for i in range(30)]},
                     {"id": "tier", "type": "single_select", "label": {"zh": "分层", "en": "Tier"},
                      "options": [{"value": t, "label": {"zh": t, "en": t}} for t in ("hnw", "growth", "value", "risk", "retail")]},
                     {"id": "risk_level", "type": "single_select", "label": {"zh": "风险等级", "en": "Risk level"},
                      "options": [{"value": f"C{i}", "label": {"zh": f"C{i}", "en": f"C{i}"}} for i in range(1, 6)]},
                     {"id": "equity", "type": "money", "label": {"zh": "权益", "en": "Equity"}}]}
PIVOT = {"schema_version": 1, "id": "member_pivot", "label": {"zh": "客户透视", "en": "Members pivot"}, "form": "member",
         "dimensions": [{"field": "branch"}, {"field": "tier"}, {"field": "risk_level"}],
         "measures": [{"id": "members", "agg": "count"}, {"id": "equity", "agg": "sum", "field": "equity"}],
         "chart": {"type": "pivot", "rows": ["branch", "tier"], "columns": ["risk_level"]}}
RAW_PIVOT = ["SELECT {g} count(*), sum(equity) FROM trellis_bench__member WHERE deleted_at IS NULL {by}".format(
    g="".join(c + ", " for c in cols), by=("GROUP BY " + ", ".join(cols)) if cols else "")
    for cols in (["branch", "tier", "risk_level"], ["risk_level"], ["branch"], ["branch", "risk_level"],
                 ["branch", "tier"], [])]


def build(rows: int):
    from samples import install
    from trellis.kernel.actor import SYSTEM
    from trellis.runtime import Runtime
    from trellis.storage import migrate
    from trellis.storage.database import make_engine

    path = Path(tempfile.mkdtemp(prefix="trellis-bench-reports-")) / "r.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate.upgrade(eng)
    rt = Runtime(eng, ttl=60, secret="bench-instance-secret")
    install(rt, TRADE, MEMBER, app={"schema_version": 1, "id": "trellis_bench", "label": {"zh": "基准", "en": "Bench"},
                                    "forms": ["trade", "member"]})
    rng = random.Random(7)
    start, svc = date(2026, 1, 1), rt.records("trellis_bench", "trade", SYSTEM)
    names = ["trade_date", "product", "client_no", "lots"]
    for done in range(0, rows, 50_000):
        part = [[(start + timedelta(days=rng.randrange(365))).isoformat(), rng.choice(PRODUCTS),
                 rng.randrange(50_000), rng.randrange(1, 50)] for _ in range(min(50_000, rows - done))]
        svc.create_rows(names, part, audit=False)
    members = rt.records("trellis_bench", "member", SYSTEM)
    tiers = [o["value"] for o in MEMBER["fields"][1]["options"]]
    for done in range(0, rows, 50_000):
        part = [[f"B{rng.randrange(30):02d}", rng.choice(tiers), f"C{rng.randrange(1, 6)}", rng.randrange(10**7) / 100]
                for _ in range(min(50_000, rows - done))]
        members.create_rows(["branch", "tier", "risk_level", "equity"], part, audit=False)
    for body in (REPORT, PIVOT):
        rt.store.save_draft("trellis_bench", "report", body["id"], body)
        rt.publish("trellis_bench", "report", body["id"])
    return rt, path


def timed(fn, samples: int) -> tuple[float, float]:
    out = []
    for _ in range(samples):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return percentiles(out)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--samples", type=int, default=5)
    args = p.parse_args()
    from trellis.kernel.actor import SYSTEM
    from trellis.reports.replica import ColumnarReplica

    t = time.perf_counter()
    rt, path = build(args.rows)
    print(f"{args.rows:,} trade-day rows and {args.rows:,} members written in {time.perf_counter() - t:.1f} s", flush=True)
    db = sqlite3.connect(str(path))
    reports, app = rt.reports, "trellis_bench"
    body, version = reports.definition(app, "month_product")

    def uncached(filters=None):
        return reports.figures(app, body, version, SYSTEM, filters, keep=False)

    raw = db.execute(RAW.format(where="")).fetchall()
    main_rows = uncached()["rows"]
    assert [tuple(r) for r in main_rows] == [tuple(r) for r in raw], "figures differ"
    r50, _ = timed(lambda: db.execute(RAW.format(where="")).fetchall(), args.samples)
    m50, _ = timed(uncached, args.samples)
    reports.replica = replica = ColumnarReplica(rt.engine, reports.cache, min_rows=1)
    t = time.perf_counter()
    first = uncached()
    copy = (time.perf_counter() - t) * 1000
    assert first["engine"] == "columnar" and first["rows"] == main_rows, "the replica's figures differ"
    c50, _ = timed(uncached, args.samples)
    print(f"month x product, distinct clients + lots over {args.rows:,} rows, uncached: raw SQL p50 {r50:.0f} ms; "
          f"report on the main database p50 {m50:.0f} ms (x{m50 / r50:.2f}); on the columnar replica p50 {c50:.0f} ms "
          f"(x{c50 / r50:.2f}); goal <= 200 ms", flush=True)
    print(f"first copy of {args.rows:,} rows into the replica: {copy / 1000:.1f} s (x{copy / r50:.1f} of one raw query)",
          flush=True)
    reports.data(app, "month_product", SYSTEM)
    k50, _ = timed(lambda: reports.data(app, "month_product", SYSTEM), args.samples * 4)
    print(f"cached: p50 {k50:.2f} ms (x{k50 / r50:.3f} of raw SQL); goal <= 20 ms", flush=True)
    lags = []
    for i in range(args.samples):
        before = reports.data(app, "month_product", SYSTEM)["totals"]["lots"]
        rt.records(app, "trade", SYSTEM).create({"trade_date": "2026-06-01", "product": "P01", "client_no": 7, "lots": 3})
        t = time.perf_counter()
        after = reports.data(app, "month_product", SYSTEM)
        lags.append((time.perf_counter() - t) * 1000)
        assert after["totals"]["lots"] == before + 3 and after["engine"] == "columnar"
    lags.sort()
    print(f"freshness lag after a write (catch-up + query): p50 {lags[len(lags) // 2]:.0f} ms, max {lags[-1]:.0f} ms "
          f"(x{lags[len(lags) // 2] / r50:.2f} of one raw query); goal <= 5 s", flush=True)
    one = {"==": [{"var": "client_no"}, 4242]}
    o50, _ = timed(lambda: uncached(one), args.samples * 4)
    r1, _ = timed(lambda: db.execute(RAW.format(where="AND client_no = 4242")).fetchall(), args.samples * 4)
    print(f"one client's months (an indexed field: the main database): report p50 {o50:.1f} ms, raw SQL p50 "
          f"{r1:.2f} ms (x{o50 / max(r1, 1e-3):.1f}); goal <= 5 ms", flush=True)
    pivot, pversion = reports.definition(app, "member_pivot")
    p_raw, _ = timed(lambda: [db.execute(q).fetchall() for q in RAW_PIVOT], args.samples)
    found = reports.figures(app, pivot, pversion, SYSTEM, keep=False)
    assert found["engine"] == "columnar" and found["totals"]["members"] == args.rows
    p50, _ = timed(lambda: reports.figures(app, pivot, pversion, SYSTEM, keep=False), args.samples)
    reports.replica = None
    pm50, _ = timed(lambda: reports.figures(app, pivot, pversion, SYSTEM, keep=False), args.samples)
    print(f"pivot branch x tier x risk level with subtotals over {args.rows:,} members: raw SQL p50 {p_raw:.0f} ms; "
          f"main database p50 {pm50:.0f} ms (x{pm50 / p_raw:.2f}); columnar replica p50 {p50:.0f} ms "
          f"(x{p50 / p_raw:.2f}); goal <= 300 ms", flush=True)
    print(f"(at {datetime.now():%H:%M}; replica copies: {', '.join(sorted(replica.copies))})")


if __name__ == "__main__":
    main()
