"""Runs the JsonLogic benchmark on a few records so that it keeps working."""
from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "bench_jsonlogic.py"


def _load():
    spec = importlib.util.spec_from_file_location("bench_jsonlogic", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_runs_and_all_evaluators_agree(capsys):
    bench = _load()
    result = bench.run(n=3000, repeats=1)
    assert result["records"] == 3000
    assert 0 < result["matches"] < 3000
    assert result["compiled"] > 0 and result["hand_written"] > 0 and result["naive"] > 0
    assert bench.main(["--n", "500", "--repeats", "1"]) == 0
    assert "jsonlogic compiled:" in capsys.readouterr().out
