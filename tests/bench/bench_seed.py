"""Benchmark of `trellis seed futures_crm --clients N` (default 1,000,000): wall time,
rows/s and peak memory of the seeding process, against generating the same rows alone
(the generator with no database) measured in the same run.

Usage: python tests/bench/bench_seed.py [--clients N]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent / "trellis"


def generate_only(n: int) -> tuple[int, float]:
    spec = importlib.util.spec_from_file_location("gen", ROOT / "seeds/futures_crm/generate.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    ids = list(range(1, len(gen.managers(n)) + 1))
    t = time.perf_counter()
    rows = sum(len(chunk) for _form, chunk in gen.generate(n, manager_ids=ids))
    return rows, time.perf_counter() - t


def seed(n: int, home: Path) -> tuple[dict, float, int]:
    env = dict(os.environ, TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD="bench-pass-1")
    env.pop("TRELLIS_DATABASE_URL", None)
    subprocess.run([str(BIN), "init"], env=env, check=True, capture_output=True)
    t = time.perf_counter()
    out = subprocess.run([str(BIN), "seed", "futures_crm", "--clients", str(n)], env=env, check=True,
                         capture_output=True, text=True)
    seconds = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(out.stdout.strip().splitlines()[-1]), seconds, peak_kb


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=1_000_000)
    args = ap.parse_args()
    rows, gen_s = generate_only(args.clients)
    summary, seed_s, peak_kb = seed(args.clients, Path(tempfile.mkdtemp(prefix="trellis-seed-")))
    total = sum(summary["rows"].values())
    print(f"seed futures_crm --clients {args.clients:,}: {total:,} rows in {seed_s:.1f} s "
          f"({total / seed_s:,.0f} rows/s, validated through the record service), peak memory {peak_kb / 1024:.0f} MB")
    print(f"  generation alone: {rows:,} rows in {gen_s:.1f} s ({rows / gen_s:,.0f} rows/s); "
          f"seeding costs {seed_s / gen_s:.1f}x generation")
    print("  rows per form: " + ", ".join(f"{k} {v:,}" for k, v in summary["rows"].items()))


if __name__ == "__main__":
    main()
