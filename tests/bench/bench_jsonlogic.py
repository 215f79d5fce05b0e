"""Benchmark: a CRM filter rule compiled by trellis.logic against the same rule hand-written
in Python, and against a naive json-logic-style tree-walker, on synthetic client records.

Run from the repository root:  PYTHONPATH=platform python tests/bench/bench_jsonlogic.py
Options: --n RECORDS (default 200000), --repeats N (best of N, default 5).
"""
from __future__ import annotations

import argparse
import random
import sys
import time

from trellis.logic import compile_rule, truthy
from trellis.logic.evaluate import lookup
from trellis.logic.operations import OPS
from trellis.logic.structure import operation, split_path

RULE = {"and": [
    {"in": [{"var": "risk_level"}, ["C3", "C4", "C5"]]},
    {">=": [{"var": "equity"}, 100000]},
    {"<": [{"var": "margin_usage"}, 0.8]},
    {"==": [{"var": "status"}, "active"]},
]}
GOAL = 0.5


def hand_written(r) -> bool:
    return (r["risk_level"] in ("C3", "C4", "C5") and r["equity"] >= 100000
            and r["margin_usage"] < 0.8 and r["status"] == "active")


def naive_apply(logic, data):
    """A json-logic-js style interpreter: walks the rule tree again for every record."""
    if isinstance(logic, list):
        return [naive_apply(x, data) for x in logic]
    o = operation(logic)
    if o is None:
        return logic
    op, args = o
    if op in ("and", "or"):
        current = None
        for a in args:
            current = naive_apply(a, data)
            if truthy(current) != (op == "and"):
                return current
        return current
    if op in ("if", "?:"):
        for i in range(0, len(args) - 1, 2):
            if truthy(naive_apply(args[i], data)):
                return naive_apply(args[i + 1], data)
        return naive_apply(args[-1], data) if len(args) % 2 else None
    values = [naive_apply(a, data) for a in args]
    if op == "var":
        parts = split_path(values[0] if values else None)
        return data if parts is None else lookup(data, parts, values[1] if len(values) > 1 else None)
    return OPS[op][0](*values)


def make_records(n: int, seed: int = 1) -> list[dict]:
    rnd = random.Random(seed)
    levels = ["C1", "C2", "C3", "C4", "C5"]
    statuses = ["active", "active", "dormant", "closed"]
    return [
        {
            "client_id": f"CL{i:07d}",
            "risk_level": rnd.choice(levels),
            "equity": round(rnd.uniform(0, 400_000), 2),
            "margin_usage": round(rnd.random(), 4),
            "status": rnd.choice(statuses),
            "branch": rnd.choice(["SH", "BJ", "SZ", "GZ"]),
        }
        for i in range(n)
    ]


def best_rate(fn, records, repeats: int) -> float:
    """Evaluations per second, best of `repeats` passes over all records."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for r in records:
            fn(r)
        best = min(best, time.perf_counter() - start)
    return len(records) / best


def run(n: int = 200_000, repeats: int = 5) -> dict:
    records = make_records(n)
    compiled = compile_rule(RULE)
    naive = lambda r: naive_apply(RULE, r)  # noqa: E731
    expected = [hand_written(r) for r in records]
    assert [compiled(r) for r in records] == expected, "compiled rule disagrees with the hand-written one"
    assert [naive(r) for r in records[:20_000]] == expected[:20_000], "naive interpreter disagrees"
    hand = best_rate(hand_written, records, repeats)
    comp = best_rate(compiled, records, repeats)
    walk = best_rate(naive, records, max(1, repeats // 2))
    return {"records": n, "matches": sum(expected), "compiled": comp, "hand_written": hand,
            "naive": walk, "ratio": comp / hand}


def _m(rate: float) -> str:
    return f"{rate / 1e6:.2f}M"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    res = run(args.n, args.repeats)
    print(f"records: {res['records']}, matching the rule: {res['matches']}")
    print(f"jsonlogic compiled: {_m(res['compiled'])} evals/s; hand-written: {_m(res['hand_written'])} evals/s; "
          f"ratio {res['ratio']:.2f} (goal >= {GOAL})")
    print(f"jsonlogic naive tree-walk: {_m(res['naive'])} evals/s; "
          f"compiled is {res['compiled'] / res['naive']:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
