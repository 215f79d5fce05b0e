"""Helpers shared by the JsonLogic tests: the conformance file and JS-exact result comparison."""
from __future__ import annotations

import json
import math
from pathlib import Path

CONFORMANCE = Path(__file__).resolve().parent / "conformance" / "tests.json"  # the official file, vendored (MIT)


def conformance_cases() -> list[tuple[str, object, object, object]]:
    """(section, rule, data, expected) for every case of the conformance file."""
    section, out = "", []
    for entry in json.loads(CONFORMANCE.read_text(encoding="utf-8")):
        if isinstance(entry, str):
            section = entry
        else:
            rule, data, expected = entry
            out.append((section, rule, data, expected))
    return out


def same(got, expected) -> bool:
    """Equality that keeps JS types apart (true is not 1, "1" is not 1); NaN equals NaN."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(got) is type(expected) and got == expected
    if isinstance(expected, (int, float)):
        if not isinstance(got, (int, float)):
            return False
        if isinstance(got, float) and math.isnan(got):
            return isinstance(expected, float) and math.isnan(expected)
        return float(got) == float(expected)
    if isinstance(expected, list):
        return (isinstance(got, list) and len(got) == len(expected)
                and all(same(g, e) for g, e in zip(got, expected)))
    if isinstance(expected, dict):
        return (isinstance(got, dict) and got.keys() == expected.keys()
                and all(same(got[k], expected[k]) for k in got))
    return type(got) is type(expected) and got == expected
