"""Benchmark of the index advisor on the futures CRM's `client` form (default 200,000 rows).

An unindexed filter + sort (trading purpose = hedging, sorted by first deposit amount
descending, limit 50) through the record service against the same SQL through the raw
driver, before and after the advised indexes. The slow listings are captured by the
advisor while they run; the advice's suggested fields for this query are then created
in one call (the definition path), and the estimated size and build time are shown
beside the measured ones. Prints p50 / p95 and ratios.

The two SQL texts differ slightly: the record service's filter also says `trading_purpose
IS NOT NULL` (JsonLogic's `==` never matches a null), which can lead the planner to another
index (on SQLite, walking the sort index instead of sorting the filtered rows), so after
indexing the service may beat the hand-written SQL.

Usage: python tests/bench/bench_index_advice.py [--clients N] [--requests R] [--db DIR]
       [--database-url URL]
(--db reuses a seeded folder; the indexes this run creates are dropped from the
definition again at the start of the next run, by publishing without the flag.)
"""
from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from common import make_app, percentiles

APP, FORM = "futures_crm", "client"
FILTER = {"==": [{"var": "trading_purpose"}, "hedging"]}
SORT = "-first_deposit_amount"
FIELDS = ["trading_purpose", "first_deposit_amount"]
RAW_SQL = ("SELECT * FROM futures_crm__client WHERE deleted_at IS NULL AND trading_purpose = {p} "
           "ORDER BY first_deposit_amount DESC{nulls}, id ASC LIMIT 51")


def seed(app, clients: int) -> None:
    from trellis.provision.seed import seed_app

    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(APP, "form", FORM) is not None:
            with rt.engine.connect() as conn:
                if conn.exec_driver_sql("SELECT count(*) FROM futures_crm__client").scalar() >= clients:
                    return
        t = time.perf_counter()
        seed_app(rt, app.config["TRELLIS_SEEDS"], APP, clients, progress=lambda *_: None)
        print(f"seeded {clients:,} clients in {time.perf_counter() - t:.1f} s")


def unindex(rt) -> None:
    """Start without the indexes this benchmark creates (a rerun on a kept database)."""
    body = rt.store.published(APP, "form", FORM)[0]
    if not any(f.get("indexed") for f in body["fields"] if f["id"] in FIELDS):
        return
    for f in body["fields"]:
        if f["id"] in FIELDS:
            f.pop("indexed", None)
    rt.store.save_draft(APP, "form", FORM, body)
    rt.publish(APP, "form", FORM, note="benchmark: indexes removed")
    prep = rt.engine.dialect.identifier_preparer
    with rt.engine.begin() as conn:
        for name in FIELDS:
            conn.exec_driver_sql(f"DROP INDEX IF EXISTS {prep.quote(f'ix_futures_crm__client_{name}')}")


def raw_runner(url: str):
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url[len("sqlite:///"):])
        sql = RAW_SQL.format(p="?", nulls="")
        return lambda: conn.execute(sql, ("hedging",)).fetchall(), conn.close
    import psycopg

    conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    sql = RAW_SQL.format(p="%s", nulls=" NULLS LAST")
    return lambda: conn.execute(sql, ("hedging",)).fetchall(), conn.close


def measure(fn, requests: int) -> tuple[float, float]:
    for _ in range(3):
        fn()
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return percentiles(times)


def index_bytes(rt) -> int:
    with rt.engine.connect() as conn:
        if rt.engine.dialect.name == "postgresql":
            return sum(conn.exec_driver_sql(f"SELECT pg_relation_size('ix_futures_crm__client_{n}')").scalar()
                       for n in FIELDS)
        used = conn.exec_driver_sql("PRAGMA page_count").scalar() - conn.exec_driver_sql("PRAGMA freelist_count").scalar()
        return used * conn.exec_driver_sql("PRAGMA page_size").scalar()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=200_000)
    ap.add_argument("--requests", type=int, default=30)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--database-url", default=None)
    args = ap.parse_args()
    from trellis.forms.indexes import advise, create_indexes, slow_log

    home = args.db or Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    app = make_app(home / "ix", database_url=args.database_url)
    seed(app, args.clients)
    rt = app.extensions["trellis"]
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    unindex(rt)
    rt.analyze(APP)
    svc = rt.records(APP, FORM)
    slow_log(rt).clear()

    def service():
        return svc.list(filter=FILTER, sort=SORT, limit=50, count="none")

    raw, close = raw_runner(url)
    before = {"service": measure(service, args.requests), "raw": measure(raw, args.requests)}
    advice = {f["field"]: f for f in advise(rt, APP, FORM)["fields"]}
    suggested = [n for n in FIELDS if advice.get(n, {}).get("suggested")]
    slow = {n: (advice[n]["slow_queries"] or {}).get("count", 0) for n in FIELDS if n in advice}
    estimate = {n: advice[n]["cost"] for n in suggested}
    size_before = index_bytes(rt) if rt.engine.dialect.name == "sqlite" else 0
    done = create_indexes(rt, APP, FORM, suggested or FIELDS)
    real_size = index_bytes(rt) - size_before
    rt.analyze(APP)
    svc = rt.records(APP, FORM)
    after = {"service": measure(service, args.requests), "raw": measure(raw, args.requests)}
    close()

    dialect = rt.engine.dialect.name
    print(f"[{dialect}] {args.clients:,} clients; filter trading_purpose = hedging, sort {SORT}, limit 50, "
          f"{args.requests} runs (threshold {slow_log(rt).threshold_ms:g} ms)")
    print(f"  slow listings captured per field: {slow}; suggested: {suggested}")
    for label, res in (("before (no index)", before), ("after the advised indexes", after)):
        (s50, s95), (r50, r95) = res["service"], res["raw"]
        print(f"  {label}:")
        print(f"    record service p50 {s50 * 1e3:8.2f} ms  p95 {s95 * 1e3:8.2f} ms")
        print(f"    raw SQL        p50 {r50 * 1e3:8.2f} ms  p95 {r95 * 1e3:8.2f} ms  "
              f"service/raw p50 {s50 / r50:.2f}")
    print(f"  speed-up p50: record service {before['service'][0] / after['service'][0]:.1f}x, "
          f"raw SQL {before['raw'][0] / after['raw'][0]:.1f}x")
    est_size = sum(c["size_bytes"] for c in estimate.values())
    est_ms = sum(c["build_ms"] for c in estimate.values())
    print(f"  build: {done['created']} in {done['build_ms']:.0f} ms (estimated {est_ms:.0f} ms); "
          f"size {real_size / 1e6:.2f} MB (estimated {est_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
