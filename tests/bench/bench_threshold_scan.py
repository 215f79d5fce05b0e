"""Benchmark: a threshold trigger's scan (flows/triggers/threshold.py) over a client form
of a million rows on SQLite: the condition compiled to SQL, the rows without a mark found
in the database (NOT EXISTS over trellis_flow_marks), the marks of rows no longer past
the threshold removed in one statement. Goal: at most GOAL seconds a pass.

Run from the repository root:  PYTHONPATH=platform python tests/bench/bench_threshold_scan.py
Options: --rows N (default 1000000), --marks N (stale marks to clear, default 200000).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS / "flows")]

from flowkit import flow, make_runtime, publish  # noqa: E402
from trellis.flows import runs  # noqa: E402
from trellis.flows.triggers.threshold import scan  # noqa: E402
from trellis.storage import migrate  # noqa: E402
from trellis.storage.database import make_engine  # noqa: E402

GOAL = 1.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--marks", type=int, default=200_000)
    opts = ap.parse_args()
    eng = make_engine(f"sqlite:///{tempfile.mkdtemp()}/scan.db")
    migrate.upgrade(eng)
    rt = make_runtime(eng)
    with rt.transaction() as conn:  # one in 10,000 clients past 80% margin usage
        conn.execute(sa.text(f"""
            WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {opts.rows})
            INSERT INTO demo__client (id, version, name, margin, created_at, updated_at)
            SELECT i, 1, 'c' || i, CASE WHEN i % 10000 = 0 THEN 0.9 ELSE (i % 80) / 100.0 END,
                   '2026-03-01', '2026-03-01' FROM s"""))
    publish(rt, flow("margin", {"type": "threshold", "condition": {">": [{"var": "margin"}, 0.8]}},
                     [{"id": "s", "type": "set_variable", "name": "x", "value": 1}]))
    published = rt.flows.catalog.get("demo", "margin")
    worst = 0.0
    for name, prepare in (("first pass (runs started)", None), ("nothing new", None),
                          (f"{opts.marks:,} stale marks cleared", opts.marks)):
        if prepare:
            with rt.transaction() as conn:
                runs.mark(conn, "demo", "margin", list(range(1, prepare + 1)), rt.clock.now())
        with rt.transaction() as conn:
            t = time.perf_counter()
            started, crossed, cleared = scan(rt.flows, published, conn, name)
            took = time.perf_counter() - t
        worst = max(worst, took)
        print(f"{name:<36} {took:6.3f} s  started {started}, crossed {crossed}, re-armed {cleared}")
    print(f"worst pass over {opts.rows:,} rows: {worst:.3f} s (goal ≤ {GOAL} s)")
    return 0 if worst <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
