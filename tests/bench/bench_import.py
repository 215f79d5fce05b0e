"""Excel import speed: a generated workbook of client-like rows (12 columns: Chinese names,
mobiles, selects by label, a multi select, dates, money, percent, integer, a department
by name) measured in one run two ways:

- baseline: python-calamine reads the sheet and raw `sqlite3.executemany` inserts the
  same rows, as read, into an equivalent plain table (the same 12 columns and the indexes
  the client form has on them; the figure without indexes is printed too);
- Trellis: the full import (insert mode, all or nothing: every cell coerced, validated,
  references resolved, uniqueness checked against the file and the database, audited)
  into the client form of a freshly seeded futures-CRM instance.

Goals: Trellis <= 3 x baseline and >= 30,000 rows/s (100,000 rows); with
`--rows 1000000` the peak RSS of the Trellis run (a child process, as every Trellis
run here) is the figure to watch (goal <= 500 MB). `--database-url postgresql://...`
runs the Trellis side on PostgreSQL (COPY) too. `--calamine` adds a run where the sheets
reader uses python-calamine whatever the file's size (the reader streams large .xlsx
files with its own parser): the import engine's figure given the baseline's reader.

    .venv/bin/python tests/bench/bench_import.py [--rows N] [--database-url URL] [--calamine] [--keep DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, make_app  # noqa: E402

HEADERS = ["客户名称", "手机号", "客户类型", "风险测评结果", "投资者类别", "开户日期", "客户权益", "保证金占用率",
           "投资经验年限", "偏好交易品种", "客户来源渠道", "营业部"]
FIELDS = ["name", "mobile", "client_type", "risk_level", "investor_type", "opened_at", "equity", "margin_ratio",
          "experience_years", "preferred_products", "source_channel", "branch"]
PLAIN = ("name TEXT, mobile TEXT, client_type TEXT, risk_level TEXT, investor_type TEXT, opened_at DATE, "
         "equity NUMERIC, margin_ratio FLOAT, experience_years INTEGER, preferred_products TEXT, "
         "source_channel TEXT, branch TEXT")
INDEXED = ["name", "mobile", "client_type", "risk_level", "source_channel", "opened_at", "equity", "margin_ratio",
           "branch"]  # the client form's indexes on these columns (mobile unique)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红梅海峰文博宇浩然思远子涵欣怡"
TYPES = ["个人", "个人", "个人", "机构(一般法人)", "资管产品(特殊法人)"]
RISKS = ["C1 保守型", "C2 谨慎型", "C3", "C4 积极型", "c5"]
INVESTOR = ["普通投资者", "普通投资者", "专业投资者"]
PRODUCTS = ["螺纹钢", "铜", "黄金", "豆粕", "沪深300", "原油", "铁矿石", "白糖"]
CHANNELS = ["广告", "客户推荐", "官网", "居间人", "营业部", "互联网平台"]
BRANCHES = ["上海营业部", "北京营业部", "深圳营业部", "广州营业部", "杭州营业部", "南京营业部", "成都营业部"]


def write_workbook(path: Path, rows: int, seed: int = 7) -> None:
    """The test file, streamed by xlsxwriter (constant memory)."""
    import xlsxwriter

    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("客户")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    pct_fmt = wb.add_format({"num_format": "0.00%"})
    ws.write_row(0, 0, HEADERS)
    start = dt.date(2015, 1, 1)
    for r in range(1, rows + 1):
        name = rnd.choice(SURNAMES) + rnd.choice(GIVEN) + (rnd.choice(GIVEN) if rnd.random() < 0.6 else "")
        ws.write_string(r, 0, name)
        ws.write_string(r, 1, str(13000000000 + r * 7))
        ws.write_string(r, 2, rnd.choice(TYPES))
        ws.write_string(r, 3, rnd.choice(RISKS))
        ws.write_string(r, 4, rnd.choice(INVESTOR))
        ws.write_datetime(r, 5, dt.datetime.combine(start + dt.timedelta(days=rnd.randrange(3600)), dt.time()), date_fmt)
        ws.write_number(r, 6, round(rnd.lognormvariate(12, 1.5), 2))
        ws.write_number(r, 7, round(rnd.random(), 4), pct_fmt)
        ws.write_number(r, 8, rnd.randrange(0, 30))
        ws.write_string(r, 9, "、".join(rnd.sample(PRODUCTS, rnd.randint(1, 3))))
        ws.write_string(r, 10, rnd.choice(CHANNELS))
        ws.write_string(r, 11, rnd.choice(BRANCHES))
    wb.close()


def baseline(path: Path, work: Path, indexes: bool) -> float:
    """calamine read + raw sqlite3 executemany of the same rows, seconds."""
    from python_calamine import CalamineWorkbook

    db = work / f"baseline_{int(indexes)}.db"
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "cache_size=-65536"):
        con.execute(f"PRAGMA {pragma}")
    con.execute(f"CREATE TABLE clients (id INTEGER PRIMARY KEY, {PLAIN})")
    for col in INDEXED if indexes else ():
        unique = "UNIQUE " if col == "mobile" else ""
        con.execute(f"CREATE {unique}INDEX ix_{col} ON clients ({col})")
    sql = f"INSERT INTO clients ({', '.join(FIELDS)}) VALUES ({', '.join('?' * len(FIELDS))})"
    t = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(path))
    rows = wb.get_sheet_by_index(0).iter_rows()
    next(rows)
    con.execute("BEGIN")
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == 5000:
            con.executemany(sql, batch)
            batch = []
    con.executemany(sql, batch)
    con.execute("COMMIT")
    took = time.perf_counter() - t
    con.close()
    return took


def trellis_import(path: Path, home: Path, database_url: str | None = None) -> dict:
    """A fresh seeded instance, then the import as `trellis import` runs it; seconds and counts."""
    from trellis.kernel.actor import SYSTEM
    from trellis.storage.files import FileStore
    from trellis.imports import batches
    from trellis.imports.job import ImportJob
    from trellis.provision.seed import seed_app

    app = make_app(home, database_url=database_url)
    with app.app_context():
        rt = app.extensions["trellis"]
        seed_app(rt, app.config["TRELLIS_SEEDS"], "futures_crm", 0, progress=lambda *_: None)
        with open(path, "rb") as f:
            meta = FileStore(rt.files_dir).save(f, path.name, None)
        with rt.engine.begin() as conn:
            batch_id = batches.create(conn, app="futures_crm", form="client", actor=SYSTEM, filename=path.name,
                                      upload=meta["id"], sheet=None, header_row=None, mode="insert", keys=[],
                                      mapping=dict(enumerate(FIELDS)), options={}, dry_run=False, on_error="all",
                                      total=None)
        t = time.perf_counter()
        out = ImportJob(rt, batch_id).run()
        took = time.perf_counter() - t
        rt.engine.dispose()
    return {"seconds": took, "status": out["status"], "inserted": out["inserted"], "failed": out["failed"],
            "message": out["message"]}


def peak_rss_mb() -> float:
    """This process's peak RSS: VmHWM (ru_maxrss would carry the parent's peak over the
    fork + exec that started this process), else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(args) -> None:
    """Run the Trellis side alone and print its result and peak RSS as JSON."""
    if args.calamine:
        from trellis.sheets import sources

        sources.STREAM_ABOVE = float("inf")
    out = trellis_import(Path(args.child), Path(args.home), args.database_url)
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out, ensure_ascii=False))


def fresh_pg(url: str) -> str:
    """A new empty database next to `url`'s (dropped by the caller's server later)."""
    import secrets

    import sqlalchemy as sa

    name = f"trellis_bench_{secrets.token_hex(3)}"
    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    eng = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    eng.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=100_000)
    p.add_argument("--database-url", default=None, help="also run the Trellis side on this PostgreSQL server")
    p.add_argument("--keep", default=None, help="work folder to keep (default: a temporary one)")
    p.add_argument("--calamine", action="store_true", help="also a run with python-calamine as the sheets reader")
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--home", default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    sys.path.insert(0, str(ROOT / "platform"))
    if args.child:
        return child(args)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_import_"))
    work.mkdir(parents=True, exist_ok=True)
    book = work / f"clients_{args.rows}.xlsx"
    if not book.exists():
        t = time.perf_counter()
        write_workbook(book, args.rows)
        print(f"generated {book.name} ({book.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.1f}s")
    n = args.rows
    plain = baseline(book, work, indexes=False)
    base = baseline(book, work, indexes=True)
    print(f"baseline (calamine + sqlite3 executemany): {base:.2f}s {n / base:,.0f} rows/s "
          f"[no indexes: {plain:.2f}s {n / plain:,.0f} rows/s]")
    runs = [("sqlite", None, False)] + ([("sqlite, calamine reader", None, True)] if args.calamine else [])
    runs += [("postgresql", fresh_pg(args.database_url), False)] if args.database_url else []
    for label, url, calamine in runs:
        home = work / f"home_{label.split(',')[0]}_{int(calamine)}"
        if home.exists():
            import shutil

            shutil.rmtree(home)
        cmd = [sys.executable, __file__, "--child", str(book), "--home", str(home)]
        if url:
            cmd += ["--database-url", url]
        if calamine:
            cmd.append("--calamine")
        env = {k: v for k, v in os.environ.items() if k not in ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL")}
        res = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if res.returncode != 0:
            print(res.stdout, res.stderr)
            raise SystemExit(f"the {label} run failed")
        out = json.loads(res.stdout.strip().splitlines()[-1])
        secs = out["seconds"]
        ok = out["status"] == "done" and out["inserted"] == n
        print(f"Trellis import ({label}): {secs:.2f}s {n / secs:,.0f} rows/s, ratio {secs / base:.2f} x baseline "
              f"({secs / plain:.2f} x without indexes), peak RSS {out['peak_rss_mb']:.0f} MB, "
              f"{out['inserted']} inserted, status {out['status']}{'' if ok else ' <- NOT ALL ROWS IMPORTED'}")
        if not ok:
            print(out["message"])
    print("goals: ratio <= 3, >= 30,000 rows/s (SQLite), peak RSS <= 500 MB at 1,000,000 rows")


if __name__ == "__main__":
    main()
