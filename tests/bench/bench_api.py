"""Benchmarks of the record API over real HTTP on loopback.

1. List on the `client` form of the futures CRM (default 1,000,000 rows): filter on risk
   level + equity range, sort by equity, limit 50; p50 / p95, against the same SQL run
   through the raw sqlite3 driver behind an empty Flask route (same server, same run).
   Goal: p50 <= 10 ms and ratio <= 3.
2. Bulk create through the API in batches of 1,000 with validation, against raw
   `executemany` of the same rows. Goal: >= 10,000 rows/s.

Usage: python tests/bench/bench_api.py [--clients N] [--requests R] [--db DIR] [--database-url URL]
(--db reuses a seeded database folder across runs; --database-url runs on PostgreSQL, the
baseline then being psycopg behind the empty route.)
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
import urllib.parse
from pathlib import Path

from common import Server, make_app, percentiles

FILTER_SQL = ("SELECT * FROM futures_crm__client WHERE deleted_at IS NULL AND risk_level IN (?, ?) "
              "AND equity >= ? AND equity <= ? ORDER BY equity DESC, id ASC LIMIT 51")


def raw_route(app):
    """The baseline: the same SQL through the raw driver behind an empty Flask route."""
    from flask import jsonify, request

    state = {}

    url = app.config["SQLALCHEMY_DATABASE_URI"]

    def connect():
        if url.startswith("sqlite"):
            conn = sqlite3.connect(url[len("sqlite:///"):], check_same_thread=False)
            conn.row_factory = sqlite3.Row
            return conn, FILTER_SQL
        import psycopg
        from psycopg.rows import dict_row

        conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), row_factory=dict_row,
                               autocommit=True)
        sql = FILTER_SQL.replace("equity >= ? AND equity <= ?", "equity >= ?::numeric AND equity <= ?::numeric")
        return conn, sql.replace("?", "%s").replace("equity DESC", "equity DESC NULLS LAST")

    @app.get("/raw/list")
    def raw_list():
        if "conn" not in state:
            state["conn"], state["sql"] = connect()
        a = request.args
        rows = state["conn"].execute(state["sql"], (a["r1"], a["r2"], float(a["lo"]), float(a["hi"]))).fetchall()
        return jsonify({"items": [dict(r) for r in rows[:50]]})


def seed(app, clients: int) -> None:
    from trellis.provision.seed import seed_app

    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published("futures_crm", "form", "client") is not None:
            with rt.engine.connect() as conn:
                n = conn.exec_driver_sql("SELECT count(*) FROM futures_crm__client").scalar()
            if n >= clients:
                return
        t = time.perf_counter()
        seed_app(rt, app.config["TRELLIS_SEEDS"], "futures_crm", clients, progress=lambda *_: None)
        print(f"seeded {clients:,} clients in {time.perf_counter() - t:.1f} s")


def bench_list(srv: Server, requests: int) -> dict:
    rng = random.Random(11)
    levels = ["C1", "C2", "C3", "C4", "C5"]
    cases = []
    for _ in range(requests):
        r1, r2 = rng.sample(levels, 2)
        lo = rng.choice([10_000, 50_000, 100_000, 200_000])
        hi = lo * rng.choice([2, 5, 10])
        cases.append((r1, r2, lo, hi))

    def api_path(c):
        flt = {"and": [{"in": [{"var": "risk_level"}, [c[0], c[1]]]},
                       {">=": [{"var": "equity"}, c[2]]}, {"<=": [{"var": "equity"}, c[3]]}]}
        q = urllib.parse.urlencode({"filter": json.dumps(flt), "sort": "-equity", "limit": 50, "count": "none"})
        return "/api/v1/apps/futures_crm/forms/client/records?" + q

    def raw_path(c):
        return "/raw/list?" + urllib.parse.urlencode({"r1": c[0], "r2": c[1], "lo": c[2], "hi": c[3]})

    out = {}
    for name, make in (("raw", raw_path), ("api", api_path)):
        for c in cases[:20]:  # warm caches
            srv.request("GET", make(c))
        times = []
        for c in cases:
            t = time.perf_counter()
            status, payload = srv.request("GET", make(c))
            times.append(time.perf_counter() - t)
            assert status == 200, payload[:300]
        out[name] = percentiles(times)
    # the count a first page asks for (estimated past the threshold), measured apart
    times = []
    for c in cases[: max(20, requests // 5)]:
        t = time.perf_counter()
        srv.request("GET", api_path(c).replace("count=none", "count=estimate"))
        times.append(time.perf_counter() - t)
    out["api_with_count"] = percentiles(times)
    # the same listing as an account manager: the role's row scope is applied
    admin = dict(srv.headers)
    srv.login("am0001", "demo2026pass")
    times = []
    for c in cases:
        t = time.perf_counter()
        status, payload = srv.request("GET", api_path(c))
        times.append(time.perf_counter() - t)
        assert status == 200, payload[:300]
    out["api_scoped"] = percentiles(times)
    srv.headers = admin
    return out


def bench_bulk(app, srv: Server, rows: int = 20_000) -> dict:
    """Into an empty copy of the client form (same fields and indexes), in the same app."""
    rt = app.extensions["trellis"]
    body = dict(rt.store.published("futures_crm", "form", "client")[0], id="client_bulk")
    with app.app_context():
        if rt.store.published("futures_crm", "form", "client_bulk") is None:
            rt.store.save_draft("futures_crm", "form", "client_bulk", body)
            rt.publish("futures_crm", "form", "client_bulk")
        with rt.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM futures_crm__client_bulk")
            conn.exec_driver_sql("DROP TABLE IF EXISTS raw_client")
    with rt.engine.connect() as conn:
        branches = list(conn.exec_driver_sql(
            "SELECT id FROM trellis_department WHERE code IN ('sh', 'bj', 'sz')").scalars())
    rng = random.Random(5)
    data = [{"name": f"客户{i}", "mobile": f"139{i:08d}", "client_type": "individual", "investor_type": "ordinary",
             "risk_level": rng.choice(["C1", "C2", "C3", "C4", "C5"]), "equity": round(rng.uniform(1e4, 1e6), 2),
             "opened_at": "2024-03-01", "status": "active", "branch": rng.choice(branches),
             "margin_ratio": 0.35, "channel_preference": ["sms", "app_push"], "tags": ["club"],
             "experience_years": rng.randint(0, 20), "remark": "批量导入"} for i in range(rows)]
    form = rt.form("futures_crm", "client_bulk")
    data = [{k: v for k, v in r.items() if k in form.fields} for r in data]
    t = time.perf_counter()
    for i in range(0, rows, 1000):
        status, payload = srv.request("POST", "/api/v1/apps/futures_crm/forms/client_bulk/records/bulk",
                                      {"create": data[i:i + 1000]})
        assert status == 200, payload[:500]
    api_s = time.perf_counter() - t
    # baseline: raw executemany of the same values into a same-shaped table
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    cols = list(data[0]) + ["created_at", "updated_at", "version"]
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url[len("sqlite:///"):])
        mark = "?"
    else:
        import psycopg

        conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        mark = "%s"
    conn.execute("CREATE TABLE raw_client AS SELECT * FROM futures_crm__client_bulk WHERE false")
    sql = f"INSERT INTO raw_client ({', '.join(cols)}) VALUES ({', '.join([mark] * len(cols))})"
    values = [tuple(json.dumps(v) if isinstance(v, list) else v for v in r.values()) +
              ("2026-01-01 00:00:00", "2026-01-01 00:00:00", 1) for r in data]
    t = time.perf_counter()
    for i in range(0, rows, 1000):
        conn.cursor().executemany(sql, values[i:i + 1000])
        conn.commit()
    raw_s = time.perf_counter() - t
    conn.close()
    return {"rows": rows, "api_rows_s": rows / api_s, "raw_rows_s": rows / raw_s}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--bulk-rows", type=int, default=20_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--database-url", default=None)
    args = ap.parse_args()
    home = args.db or Path(tempfile.mkdtemp(prefix="trellis-bench-"))
    app = make_app(home / "list", raw_route, args.database_url)
    seed(app, args.clients)
    srv = Server(app)
    srv.login()
    res = bench_list(srv, args.requests)
    bulk = bench_bulk(app, srv, args.bulk_rows)
    srv.close()
    (r50, r95), (a50, a95), (c50, c95) = res["raw"], res["api"], res["api_with_count"]
    print(f"[{app.config['SQLALCHEMY_DATABASE_URI'].split(':')[0]}] list {args.clients:,} clients, filter risk_level+equity range, sort -equity, limit 50, "
          f"{args.requests} requests over HTTP:")
    print(f"  raw driver route: p50 {r50 * 1e3:.2f} ms  p95 {r95 * 1e3:.2f} ms")
    print(f"  Trellis API:      p50 {a50 * 1e3:.2f} ms  p95 {a95 * 1e3:.2f} ms  "
          f"ratio p50 {a50 / r50:.2f} p95 {a95 / r95:.2f} (goal p50 <= 10 ms, ratio <= 3)")
    print(f"  API + estimated count (first page): p50 {c50 * 1e3:.2f} ms  p95 {c95 * 1e3:.2f} ms")
    s50, s95 = res["api_scoped"]
    print(f"  as account manager (row scope applied): p50 {s50 * 1e3:.2f} ms  p95 {s95 * 1e3:.2f} ms  "
          f"ratio to unscoped p50 {s50 / a50:.2f} p95 {s95 / a95:.2f} (goal <= 1.3)")
    b = bulk
    print(f"bulk create {b['rows']:,} clients via API in batches of 1,000 with validation: "
          f"{b['api_rows_s']:,.0f} rows/s; raw executemany {b['raw_rows_s']:,.0f} rows/s; "
          f"ratio {b['api_rows_s'] / b['raw_rows_s']:.2f} (goal >= 10,000 rows/s)")


if __name__ == "__main__":
    main()
