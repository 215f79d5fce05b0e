"""Run every benchmark in turn (`make bench`); each prints ratios measured in its own run.
BENCH_CLIENTS (default 1,000,000) sets the size of the seeded client form."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
N = os.environ.get("BENCH_CLIENTS", "1000000")

for script, args in (("bench_jsonlogic.py", []), ("bench_seed.py", ["--clients", N]),
                     ("bench_api.py", ["--clients", N]), ("bench_gets.py", []), ("bench_import.py", ["--rows", "100000"]),
                     ("bench_export.py", ["--clients", N, "--formats", "csv"]), ("bench_load.py", []),
                     ("bench_index_advice.py", ["--clients", "200000"]), ("bench_jobs.py", []), ("bench_notify.py", []),
                     ("bench_flows.py", ["--clients", N]), ("bench_approvals.py", []),
                     ("bench_reports.py", ["--rows", N]), ("bench_backup.py", ["--clients", "100000"])):
    print(f"== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *args], check=True,
                   env=dict(os.environ, PYTHONPATH=str(HERE.parents[1] / "platform")))
