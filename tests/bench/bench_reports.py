"""Benchmark of the report engine on SQLite, as ratios against the same query in raw SQL on
the driver, measured in the same run over the same rows:

- a trade-day form of N rows (trade date over a year, 20 products, 50,000 client numbers,
  lots), written through the record service's lean path;
- month x product with a distinct count of clients and a sum of lots: `reports.data` (the
  guarded query, the totals query, the answer built) against one raw GROUP BY; the issue's
  goals for 1,000,000 rows: <= 200 ms uncached, <= 20 ms cached (no cache yet: this prints
  the uncached figure and the ratio to raw SQL, the baseline a columnar replica must beat);
- the same report for one client (a statement of 12 months) against the raw query.

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
    install(rt, TRADE, app={"schema_version": 1, "id": "trellis_bench", "label": {"zh": "基准", "en": "Bench"},
                            "forms": ["trade"]})
    rng = random.Random(7)
    start, svc = date(2026, 1, 1), rt.records("trellis_bench", "trade", SYSTEM)
    names = ["trade_date", "product", "client_no", "lots"]
    for done in range(0, rows, 50_000):
        part = [[(start + timedelta(days=rng.randrange(365))).isoformat(), rng.choice(PRODUCTS),
                 rng.randrange(50_000), rng.randrange(1, 50)] for _ in range(min(50_000, rows - done))]
        svc.create_rows(names, part, audit=False)
    rt.store.save_draft("trellis_bench", "report", REPORT["id"], REPORT)
    rt.publish("trellis_bench", "report", REPORT["id"])
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

    t = time.perf_counter()
    rt, path = build(args.rows)
    print(f"{args.rows:,} trade-day rows written in {time.perf_counter() - t:.1f} s", flush=True)
    db = sqlite3.connect(str(path))
    reports = rt.reports
    ours = reports.data("trellis_bench", "month_product", SYSTEM)
    raw = db.execute(RAW.format(where="")).fetchall()
    assert [tuple(r[:2]) + tuple(r[2:]) for r in ours["rows"]] == [tuple(r) for r in raw], "figures differ"
    o50, _ = timed(lambda: reports.data("trellis_bench", "month_product", SYSTEM), args.samples)
    r50, _ = timed(lambda: db.execute(RAW.format(where="")).fetchall(), args.samples)
    print(f"month x product, distinct clients + lots over {args.rows:,} rows: report p50 {o50:.0f} ms, raw SQL "
          f"p50 {r50:.0f} ms (x{o50 / r50:.2f}); goal <= 200 ms uncached", flush=True)
    one = {"==": [{"var": "client_no"}, 4242]}
    o50, _ = timed(lambda: reports.data("trellis_bench", "month_product", SYSTEM, one), args.samples * 4)
    r50, _ = timed(lambda: db.execute(RAW.format(where="AND client_no = 4242")).fetchall(), args.samples * 4)
    print(f"one client's months: report p50 {o50:.1f} ms, raw SQL p50 {r50:.2f} ms (x{o50 / max(r50, 1e-3):.1f}); "
          f"goal <= 5 ms", flush=True)
    print(f"(at {datetime.now():%H:%M}; the figures are computed when asked: freshness lag 0)")


if __name__ == "__main__":
    main()
