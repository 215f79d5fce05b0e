"""What the request hooks of web/observe.py cost: N GETs of a trivial route through Flask's
test client on a bare Flask app, without the hooks and with them (request id, metrics;
and with the JSON access line written to /dev/null), in single-process and in
multiprocess mode (a child process each: the mode is chosen when prometheus_client is
imported). The variants' rounds are interleaved and timed in CPU time (the machine may be
shared); the best round of each counts. Prints µs per request and the ratio to the bare app.

Usage: python tests/bench/bench_ops_hooks.py [--requests 5000] [--rounds 7]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys, time
sys.path.insert(0, {platform!r})
from flask import Flask
from trellis.kernel import logs
from trellis.web.observe import register_observe

n, rounds = {n}, {rounds}


def make(hooks, access=False):
    app = Flask("bench")
    app.config["TRELLIS_ACCESS_LOG"] = "on" if access else "off"

    @app.get("/ping/<int:i>")
    def ping(i):
        return "ok"

    if hooks:
        register_observe(app)
    return app.test_client()


logs.setup("json", "INFO", stream=open("/dev/null", "w"))
clients = {{"bare": make(False), "hooks": make(True), "hooks+json access line": make(True, True)}}
best = {{}}
for client in clients.values():
    for i in range(500):
        client.get("/ping/1")
for _ in range(rounds):  # interleaved, so a busy moment of the machine hits every variant alike
    for name, client in clients.items():
        t0 = time.process_time()
        for i in range(n):
            client.get("/ping/7")
        took = (time.process_time() - t0) / n * 1e6
        best[name] = min(best.get(name, took), took)
print(json.dumps(best))
"""


def run(multiprocess: bool, n: int, rounds: int) -> dict:
    """µs of CPU per request by variant, the best round of each, in one child process."""
    env = dict(os.environ)
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    with tempfile.TemporaryDirectory() as folder:
        if multiprocess:
            env["PROMETHEUS_MULTIPROC_DIR"] = folder
        code = CHILD.format(platform=str(ROOT / "platform"), n=n, rounds=rounds)
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=5000)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    started = time.perf_counter()
    for multiprocess in (False, True):
        results = run(multiprocess, args.requests, args.rounds)
        bare = results["bare"]
        print("multiprocess mode (PROMETHEUS_MULTIPROC_DIR set)" if multiprocess else "single-process mode")
        for v, us in results.items():
            print(f"  {v:24s} {us:7.1f} µs CPU/request   ratio {us / bare:4.2f}   overhead {us - bare:+6.1f} µs")
    print(f"({args.requests} requests x {args.rounds} rounds per variant, best round; {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
