"""Benchmark: compiling spreadsheet formulas (trellis.logic.formula) and evaluating the
compiled JsonLogic (through compile_rule) on synthetic records.

Run from the repository root:  PYTHONPATH=platform python tests/bench/bench_formula.py
Options: --n COMPILES (default 5000), --records N (default 100000).
"""
from __future__ import annotations

import argparse
import random
import sys
import time

from trellis.logic import compile_rule
from trellis.logic.formula import FieldRef, compile_formula

FIELDS = {
    "会员": FieldRef("vip", "bool"), "金额": FieldRef("amount", "number"),
    "折扣率": FieldRef("rate", "number"), "名称": FieldRef("name", "text"),
    "开始日期": FieldRef("start", "date"),
}
FORMULAS = [
    'IF(AND(会员, 金额 >= 100), ROUND(金额 * (1 - 折扣率), 2), 金额) & "元"',
    '名称 & "-" & TEXT(YEAR(开始日期))',
    'DATEDIF(开始日期, "2024-12-31", "M") * 金额 / 12',
]
GOAL_MS = 1.0


def run(n: int = 5000, records: int = 100_000) -> dict:
    """{"compile_ms": mean per compile (over FORMULAS), "evals": evaluations per second of
    the first formula, "records": records}"""
    start = time.perf_counter()
    for i in range(n):
        compile_formula(FORMULAS[i % len(FORMULAS)], FIELDS.get)
    compile_ms = (time.perf_counter() - start) / n * 1000
    rnd = random.Random(7)
    rows = [{"vip": rnd.random() < 0.3, "amount": rnd.choice([None, rnd.randint(1, 500)]),
             "rate": rnd.random() / 5, "name": "客户", "start": "2024-02-29"} for _ in range(records)]
    fn = compile_rule(compile_formula(FORMULAS[0], FIELDS.get).logic)
    start = time.perf_counter()
    for r in rows:
        fn(r)
    elapsed = time.perf_counter() - start
    return {"compile_ms": compile_ms, "evals": records / elapsed if elapsed else float("inf"), "records": records}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args(argv)
    res = run(args.n, args.records)
    print(f"formula compile: {res['compile_ms'] * 1000:.0f} µs per formula (goal < {GOAL_MS} ms); "
          f"evaluation: {res['evals'] / 1000:.0f}k records/s over {res['records']} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())
