"""Benchmark of the export (and, with --reader, of the sheet reader).

Export: the `client` form of the futures CRM (default 1,000,000 rows) to xlsx and to CSV
through the export engine (the API's code path: the record service's keyset pages, row
scope, display values), against a baseline measured in the same run: one raw SQL select
of the same columns through the driver, written with raw xlsxwriter (constant memory) /
csv.writer. Each case runs in its own process, so its peak RSS is its own. Prints rows/s,
peak RSS and the ratio of times (Trellis / baseline). Goal: 1M rows without holding them
(peak RSS well under 500 MB).

Reader (--reader N): an N-row x 12-column xlsx is generated (xlsxwriter, constant memory)
and read through the Sheet interface with python-calamine (whole sheet in memory) and
with the streaming reader; prints rows/s, peak RSS and the ratio.

Usage: python tests/bench/bench_export.py [--clients N] [--db DIR] [--database-url URL]
       python tests/bench/bench_export.py --reader 1000000
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "platform"))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- cases (each run in a child process) ------------------------------------------------

def case_export(home: Path, database_url: str | None, fmt: str, out: Path) -> dict:
    from common import make_app
    from trellis.kernel.actor import SYSTEM
    from trellis.sheets import export as exporting

    app = make_app(home, None, database_url)
    rt = app.extensions["trellis"]
    with app.app_context():
        t = time.perf_counter()
        job = exporting.prepare(rt, "futures_crm", "client", SYSTEM, fmt=fmt, sort="id").start()
        rows = job.write(out)
        seconds = time.perf_counter() - t
    return {"rows": rows, "seconds": seconds, "peak_mb": peak_mb(), "columns": len(job.columns),
            "bytes": out.stat().st_size}


def case_baseline(home: Path, database_url: str | None, fmt: str, out: Path) -> dict:
    """The same columns by one raw select, written raw (ids, codes and ISO text as stored)."""
    from common import make_app
    from trellis.kernel.actor import SYSTEM
    from trellis.sheets import export as exporting

    app = make_app(home, None, database_url)
    rt = app.extensions["trellis"]
    with app.app_context():
        job = exporting.prepare(rt, "futures_crm", "client", SYSTEM, fmt=fmt)
        cols = [c.id for c in job.columns]
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    t = time.perf_counter()
    if url.startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(url[len("sqlite:///"):])
        cur = conn.execute(f"SELECT {', '.join(cols)} FROM futures_crm__client WHERE deleted_at IS NULL ORDER BY id")
    else:
        import psycopg

        conn = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
        cur = conn.cursor(name="bench")
        cur.itersize = 5000
        cur.execute(f"SELECT {', '.join(cols)} FROM futures_crm__client WHERE deleted_at IS NULL ORDER BY id")
    n = 0
    if fmt == "csv":
        with open(out, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(cols)
            for row in cur:
                w.writerow(row)
                n += 1
    else:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
        ws = wb.add_worksheet()
        ws.write_row(0, 0, cols)
        for row in cur:
            n += 1
            ws.write_row(n, 0, [v if not isinstance(v, (list, dict)) else json.dumps(v) for v in row])
        wb.close()
    conn.close()
    return {"rows": n, "seconds": time.perf_counter() - t, "peak_mb": peak_mb(), "bytes": out.stat().st_size}


def case_read(path: Path, mode: str) -> dict:
    from trellis.sheets import open_book, sources

    sources.STREAM_ABOVE = 1 << 60 if mode == "calamine" else -1
    t = time.perf_counter()
    n = 0
    with open_book(path) as book:
        for chunk in book.sheet().chunks(5000):
            n += len(chunk)
    return {"rows": n, "seconds": time.perf_counter() - t, "peak_mb": peak_mb()}


def child(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, "--case", json.dumps(args)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(HERE.parents[1] / "platform")))
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- the two benchmarks -------------------------------------------------------------------

def bench_export(args) -> None:
    from bench_api import seed
    from common import make_app

    home = (args.db or Path(tempfile.mkdtemp(prefix="trellis-bench-"))) / "list"
    app = make_app(home, None, args.database_url)
    seed(app, args.clients)
    del app
    work = Path(tempfile.mkdtemp(prefix="trellis-export-"))
    print(f"export of the client form ({args.clients:,} rows seeded), one process per case:")
    for fmt in args.formats.split(","):
        base = child(["baseline", str(home), args.database_url or "", fmt, str(work / f"raw.{fmt}")])
        got = child(["export", str(home), args.database_url or "", fmt, str(work / f"trellis.{fmt}")])
        print(f"  {fmt:4}  baseline (raw SQL + raw {'xlsxwriter' if fmt == 'xlsx' else 'csv.writer'}): "
              f"{base['rows']:,} rows {base['seconds']:.1f} s {base['rows'] / base['seconds']:,.0f} rows/s "
              f"peak RSS {base['peak_mb']:.0f} MB")
        print(f"  {fmt:4}  Trellis export ({got['columns']} columns, labels, names, scopes): {got['rows']:,} rows "
              f"{got['seconds']:.1f} s {got['rows'] / got['seconds']:,.0f} rows/s peak RSS {got['peak_mb']:.0f} MB  "
              f"ratio {got['seconds'] / base['seconds']:.2f} (goal: peak RSS < 500 MB)")
        for f in work.glob(f"*.{fmt}"):
            f.unlink()
    shutil.rmtree(work, ignore_errors=True)


def bench_reader(n: int) -> None:
    import datetime as dt
    import random

    import xlsxwriter

    work = Path(tempfile.mkdtemp(prefix="trellis-read-"))
    path = work / f"read{n}.xlsx"
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("客户")
    datef = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ["客户名称", "手机号", "客户类型", "风险等级", "开户日期", "权益", "保证金比例", "经验年限",
                        "营业部", "备注", "最近交易", "标签"])
    rng = random.Random(1)
    for i in range(1, n + 1):
        ws.write_row(i, 0, [f"客户{i}", f"139{i:08d}", rng.choice(["个人", "机构"]), f"C{rng.randint(1, 5)}"])
        ws.write_datetime(i, 4, dt.date(2020, 1, 1) + dt.timedelta(days=i % 2000), datef)
        ws.write_row(i, 5, [round(rng.uniform(1e4, 1e7), 2), round(rng.random(), 4), rng.randint(0, 30),
                            rng.choice(["上海营业部", "北京营业部"]), f"备注{i}" if i % 3 else None])
        ws.write_datetime(i, 10, dt.datetime(2025, 1, 1) + dt.timedelta(minutes=i), datef)
        ws.write_string(i, 11, rng.choice(["重点客户", "新客户"]))
    wb.close()
    print(f"reading a {n:,}-row x 12-column xlsx ({path.stat().st_size / 1e6:.0f} MB) through the Sheet interface:")
    results = {mode: child(["read", str(path), mode]) for mode in ("calamine", "stream")}
    for mode, r in results.items():
        print(f"  {mode:8}: {r['rows']:,} rows {r['seconds']:.1f} s {r['rows'] / r['seconds']:,.0f} rows/s "
              f"peak RSS {r['peak_mb']:.0f} MB")
    c, s = results["calamine"], results["stream"]
    print(f"  streaming / calamine: time ratio {s['seconds'] / c['seconds']:.2f}, "
          f"peak RSS ratio {s['peak_mb'] / c['peak_mb']:.2f}")
    shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--formats", default="xlsx,csv")
    ap.add_argument("--reader", type=int, default=0, help="rows of the reader micro-benchmark (0: skip)")
    ap.add_argument("--case", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.case:
        name, *rest = json.loads(args.case)
        if name == "read":
            result = case_read(Path(rest[0]), rest[1])
        else:
            fn = case_export if name == "export" else case_baseline
            result = fn(Path(rest[0]), rest[1] or None, rest[2], Path(rest[3]))
        print(json.dumps(result))
        return
    if args.reader:
        bench_reader(args.reader)
        return
    bench_export(args)


if __name__ == "__main__":
    main()
