"""Benchmark of the audit log's cost on bulk writes: batches of 1,000 new records through
the record service with auditing (one hash-chained entry per record) against the same
batches with `audit=False`, alternated in the same run. Prints the ratio per database
(SQLite always; PostgreSQL when it answers at 127.0.0.1:5432).

Usage: python tests/bench/bench_audit.py [--batches N] [--size N]
"""
from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def run(engine, batches: int = 5, size: int = 1000) -> dict:
    """Median seconds per batch with and without auditing, and their ratio."""
    from samples import BROKER, CLIENT, install
    from trellis.storage import migrate
    from trellis.kernel.actor import Actor
    from trellis.runtime import Runtime

    migrate.upgrade(engine)
    rt = Runtime(engine, ttl=0)
    install(rt, BROKER, CLIENT)
    svc = rt.records("demo", "client", Actor(id=1, username="bench", ip="127.0.0.1", is_admin=True))
    times = {True: [], False: []}
    n = 0
    for b in range(batches + 1):  # the first round warms up and is not counted
        for audited in ((True, False) if b % 2 else (False, True)):
            rows = [{"name": f"客户{n + i}", "equity": (n + i) % 100_000, "risk_level": "C3"} for i in range(size)]
            n += size
            t = time.perf_counter()
            svc.bulk_create(rows, return_records=False, audit=audited)
            if b:
                times[audited].append(time.perf_counter() - t)
    plain, audited = statistics.median(times[False]), statistics.median(times[True])
    return {"dialect": engine.dialect.name, "size": size, "plain": plain, "audited": audited,
            "ratio": audited / plain}


def _pg_database():
    import sqlalchemy as sa

    name = f"trellis_bench_{secrets.token_hex(4)}"
    try:
        admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as e:  # no server: the SQLite figure alone
        print(f"postgresql skipped: {str(e).splitlines()[0]}")
        return None, None
    return admin, name


def main(argv=None) -> int:
    from trellis.storage.database import make_engine

    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=5)
    ap.add_argument("--size", type=int, default=1000)
    args = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        results.append(run(engine, args.batches, args.size))
        engine.dispose()
    admin, name = _pg_database()
    if admin is not None:
        import sqlalchemy as sa

        engine = make_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
        try:
            results.append(run(engine, args.batches, args.size))
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    for r in results:
        print(f"audit overhead {r['dialect']}: {r['size']} records/batch, plain {r['plain'] * 1000:.1f} ms, "
              f"audited {r['audited'] * 1000:.1f} ms, ratio {r['ratio']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
