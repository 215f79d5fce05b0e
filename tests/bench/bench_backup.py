"""Benchmark of `trellis backup` / `trellis restore` on an instance seeded with N clients
(default 100,000), on SQLite and on PostgreSQL: wall time of each command (the whole
process, as an operator runs it) and the archive's size, against the database's own
tools on the same database in the same run: `sqlite3 .backup` / `.restore`, and
`pg_dump -Fc` / `pg_restore --single-transaction`.

Usage: python tests/bench/bench_backup.py [--clients N]
       [--sqlite-home H] [--pg-home H --pg-url URL]   (reuse instances seeded before)
Without --pg-url the SQLite instance is moved to a new PostgreSQL database with
`trellis migrate-db` (timed as well) and that database is measured.
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
BIN = Path(sys.executable).parent / "trellis"
PG = "postgresql://postgres@127.0.0.1:5432/"


def run(args, env=None, **kw) -> float:
    t = time.perf_counter()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t


def trellis_env(home: Path, url: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRELLIS_")}
    env.update(TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD="bench-pass-1")
    if url:
        env["TRELLIS_DATABASE_URL"] = url
    return env


def seed(home: Path, url: str | None, clients: int) -> float:
    env = trellis_env(home, url)
    run([str(BIN), "init"], env)
    return run([str(BIN), "seed", "futures_crm", "--clients", str(clients)], env)


def psql(sql: str) -> None:
    run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qAtc", sql])


def size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def report(kind: str, rows: int, base: dict, ours: dict) -> None:
    print(f"{kind}: {rows:,} rows")
    print(f"  backup : trellis {ours['backup']:.1f} s, {mb(ours['size'])}  |  {base['name_b']} {base['backup']:.1f} s, "
          f"{mb(base['size'])}  ->  time {ours['backup'] / base['backup']:.2f}x, size {ours['size'] / base['size']:.2f}x")
    print(f"  restore: trellis {ours['restore']:.1f} s (checksums, counts and audit chain checked)  |  "
          f"{base['name_r']} {base['restore']:.1f} s  ->  {ours['restore'] / base['restore']:.2f}x")
    print(f"  inside the commands (without the process start): backup {ours['inner_backup']:.1f} s, "
          f"restore {ours['inner_restore']:.1f} s", flush=True)


def ours(home: Path, url: str | None, target_home: Path, target_url: str | None, out: Path, *options: str) -> dict:
    archive = out / f"trellis-backup{len(options)}.tar"
    proc_b = time.perf_counter()
    res = subprocess.run([str(BIN), "backup", *options, str(archive)], env=trellis_env(home, url), capture_output=True,
                         text=True)
    backup_s = time.perf_counter() - proc_b
    if res.returncode:
        raise SystemExit(res.stderr)
    inner_b = float(res.stdout.rsplit(", ", 1)[1].split(" s")[0])
    proc_r = time.perf_counter()
    res = subprocess.run([str(BIN), "restore", str(archive)], env=trellis_env(target_home, target_url),
                         capture_output=True, text=True)
    restore_s = time.perf_counter() - proc_r
    if res.returncode:
        raise SystemExit(res.stderr)
    inner_r = float(res.stdout.strip().rsplit(", ", 1)[1].split(" s")[0])
    manifest = json.loads(subprocess.run(["tar", "xOf", str(archive), "manifest.json"], capture_output=True).stdout)
    return {"backup": backup_s, "restore": restore_s, "size": size(archive), "inner_backup": inner_b,
            "inner_restore": inner_r, "rows": sum(manifest["row_counts"].values())}


def bench_sqlite(home: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    db = home / "trellis.db"
    raw = out / "raw.sqlite"
    b = run(["sqlite3", str(db), f".backup '{raw}'"])
    r = run(["sqlite3", str(out / "raw-restored.db"), f".restore '{raw}'"])
    base = {"backup": b, "restore": r, "size": size(raw), "name_b": "sqlite3 .backup", "name_r": "sqlite3 .restore"}
    mine = ours(home, None, out / "restored", None, out)
    report("SQLite (archive gzipped, the default)", mine["rows"], base, mine)
    g = run(["gzip", "-1", "-k", str(raw)])
    zipped = {**base, "backup": b + g, "size": size(raw.with_suffix(".sqlite.gz")), "name_b": "sqlite3 .backup + gzip -1"}
    print(f"  against {zipped['name_b']} ({zipped['backup']:.1f} s, {mb(zipped['size'])}): time "
          f"{mine['backup'] / zipped['backup']:.2f}x, size {mine['size'] / zipped['size']:.2f}x")
    plain = ours(home, None, out / "restored-plain", None, out, "--no-compress")
    report("SQLite (backup --no-compress)", plain["rows"], base, plain)


def bench_pg(home: Path, url: str, out: Path) -> None:
    from trellis.provision import pgtools
    import sqlalchemy as sa

    eng = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.connect() as conn:
        major = pgtools.server_major(conn)
    eng.dispose()
    pg_dump, _ = pgtools.find_tool("pg_dump", major)
    pg_restore, _ = pgtools.find_tool("pg_restore", major)
    dbname = url.rsplit("/", 1)[1]
    out.mkdir(parents=True, exist_ok=True)
    raw = out / "raw.pgdump"
    b = run([pg_dump, "-Fc", "-h", "127.0.0.1", "-U", "postgres", "-f", str(raw), dbname])
    raw_target, our_target = f"trellis_bench_{secrets.token_hex(4)}", f"trellis_bench_{secrets.token_hex(4)}"
    psql(f'CREATE DATABASE "{raw_target}"')
    psql(f'CREATE DATABASE "{our_target}"')
    try:
        r = run([pg_restore, "--no-owner", "--single-transaction", "-h", "127.0.0.1", "-U", "postgres",
                 "-d", raw_target, str(raw)])
        base = {"backup": b, "restore": r, "size": size(raw), "name_b": "pg_dump -Fc",
                "name_r": "pg_restore --single-transaction"}
        mine = ours(home, url, out / "restored-pg", PG + our_target, out)
        report("PostgreSQL", mine["rows"], base, mine)
    finally:
        psql(f'DROP DATABASE IF EXISTS "{raw_target}" WITH (FORCE)')
        psql(f'DROP DATABASE IF EXISTS "{our_target}" WITH (FORCE)')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=100_000)
    ap.add_argument("--sqlite-home")
    ap.add_argument("--pg-home")
    ap.add_argument("--pg-url")
    ap.add_argument("--skip-pg", action="store_true")
    ap.add_argument("--skip-sqlite", action="store_true")
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="trellis-bench-backup-"))
    made_db = None
    try:
        home = Path(args.sqlite_home) if args.sqlite_home else out / "sqlite-home"
        if not args.skip_sqlite:
            if not args.sqlite_home:
                print(f"seed SQLite, {args.clients:,} clients: {seed(home, None, args.clients):.0f} s", flush=True)
            bench_sqlite(home, out / "s")
        if args.skip_pg:
            return
        if args.pg_url:
            pg_home, url = Path(args.pg_home or out / "pg-home"), args.pg_url
        else:
            # the SQLite instance moved to PostgreSQL (measured too): the same rows on both
            made_db = f"trellis_bench_{secrets.token_hex(4)}"
            psql(f'CREATE DATABASE "{made_db}"')
            pg_home, url = home, PG + made_db
            took = run([str(BIN), "migrate-db", "--to", url], trellis_env(home, None))
            print(f"migrate-db SQLite -> PostgreSQL: {took:.1f} s (schema, copy, counts and audit chain checked)", flush=True)
        bench_pg(pg_home, url, out / "p")
    finally:
        if made_db:
            psql(f'DROP DATABASE IF EXISTS "{made_db}" WITH (FORCE)')
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
