"""Benchmark of the job dispatcher: jobs claimed and run per second with a no-op handler
(claim a batch, run each by name, record the outcomes) against a raw loop of the same
SQL work ("UPDATE ... RETURNING" claiming a batch, one UPDATE marking it done) in the same
run, as a ratio; SQLite always, PostgreSQL when it answers at 127.0.0.1:5432. Then the
timer lag of the in-process scheduler: timers due over a few seconds, how late each ran
(p50 / p95). Goals: >= 1,000 jobs/s per process on SQLite, timer lag p95 <= 1 s.

Usage: python tests/bench/bench_jobs.py [--jobs N] [--timers N]
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import ScratchPostgres, percentiles

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))


def _fill(rt, n: int, name: str) -> None:
    """n due jobs, written in one statement (the setup, not measured)."""
    from trellis.storage.models import job

    now = datetime.now()
    with rt.transaction() as conn:
        conn.execute(job.insert(), [{"name": name, "args": {"i": i}, "run_at": now, "state": "queued", "attempts": 0,
                                     "created_at": now} for i in range(n)])


def _raw_loop(engine, batch: int) -> int:
    """The same SQL work without the dispatcher: claim a batch, mark it done, until none is left."""
    import sqlalchemy as sa

    from trellis.storage.database import writing

    pg = engine.dialect.name == "postgresql"
    claim = sa.text("UPDATE trellis_jobs SET state = 'running', lease_owner = 'raw', lease_until = :until, "
                    "attempts = attempts + 1, started_at = :now WHERE id IN (SELECT id FROM trellis_jobs "
                    "WHERE state = 'queued' AND run_at <= :now ORDER BY run_at, id LIMIT :n"
                    + (" FOR UPDATE SKIP LOCKED" if pg else "") + ") RETURNING id, name, args")
    done = sa.text("UPDATE trellis_jobs SET state = 'done', finished_at = :now, lease_owner = NULL, "
                   "lease_until = NULL WHERE id IN :ids").bindparams(sa.bindparam("ids", expanding=True))
    total = 0
    while True:
        now = datetime.now()
        with writing(engine) as conn:
            ids = [r.id for r in conn.execute(claim, {"now": now, "until": now + timedelta(minutes=1), "n": batch})]
        if not ids:
            return total
        with writing(engine) as conn:
            conn.execute(done, {"now": datetime.now(), "ids": ids})
        total += len(ids)


def throughput(engine, jobs: int) -> dict:
    from trellis.runtime import Runtime
    from trellis.storage import migrate

    migrate.upgrade(engine)
    rt = Runtime(engine, ttl=0)
    rt.jobs.register("bench.noop", lambda i: None)
    batch = rt.jobs.dispatcher.batch
    _fill(rt, 500, "bench.noop")  # warm up both paths
    rt.jobs.run_due()
    out = {"dialect": engine.dialect.name, "jobs": jobs}
    for rnd in range(2):
        for path in (("raw", "dispatcher") if rnd % 2 == 0 else ("dispatcher", "raw")):
            _fill(rt, jobs, "bench.noop")
            t = time.perf_counter()
            ran = _raw_loop(engine, batch) if path == "raw" else rt.jobs.run_due()
            rate = ran / (time.perf_counter() - t)
            assert ran == jobs, (path, ran)
            out[path] = max(out.get(path, 0.0), rate)
    out["ratio"] = out["dispatcher"] / out["raw"]
    return out


def timer_lag(engine, timers: int, spread: float = 3.0) -> dict:
    """Timers due over `spread` seconds, run by the scheduler thread: how late each ran."""
    from trellis.runtime import Runtime

    rt = Runtime(engine, ttl=0)
    lags: list[float] = []
    rt.jobs.register("bench.timer", lambda due: lags.append(time.time() - due))
    rng = random.Random(1)
    rt.jobs.start()
    try:
        start = time.time() + 0.5
        with rt.transaction() as conn:
            from trellis.jobs import enqueue

            for _ in range(timers):
                due = start + rng.random() * spread
                enqueue(conn, "bench.timer", {"due": due}, run_at=datetime.fromtimestamp(due))
        deadline = time.time() + spread + 15
        while len(lags) < timers and time.time() < deadline:
            time.sleep(0.05)
    finally:
        rt.jobs.scheduler.stop()
    p50, p95 = percentiles(lags)
    return {"dialect": engine.dialect.name, "timers": len(lags), "p50": p50, "p95": p95, "max": max(lags)}


def run_all(engine, args) -> tuple[dict, dict]:
    return throughput(engine, args.jobs), timer_lag(engine, args.timers)


def main(argv=None) -> int:
    from trellis.storage.database import make_engine

    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=5000)
    ap.add_argument("--timers", type=int, default=300)
    args = ap.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        results.append(run_all(engine, args))
        engine.dispose()
    with ScratchPostgres() as url:
        if url is not None:
            engine = make_engine(url)
            results.append(run_all(engine, args))
            engine.dispose()
    for t, lag in results:
        print(f"jobs {t['dialect']}: {t['jobs']} no-op jobs, dispatcher {t['dispatcher']:,.0f} jobs/s, "
              f"raw UPDATE...RETURNING loop {t['raw']:,.0f} jobs/s, ratio {t['ratio']:.2f}x "
              f"(goal on sqlite: >= 1,000 jobs/s)")
        print(f"timer lag {lag['dialect']}: {lag['timers']} timers, p50 {lag['p50'] * 1000:.0f} ms, "
              f"p95 {lag['p95'] * 1000:.0f} ms, max {lag['max'] * 1000:.0f} ms (goal: p95 <= 1,000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
