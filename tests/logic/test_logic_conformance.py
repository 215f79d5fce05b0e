"""The evaluator against every case of the official JsonLogic conformance file."""
from __future__ import annotations

import json

import pytest

from jsonlogic_testkit import CONFORMANCE, conformance_cases, same
from trellis.logic import compile_rule, evaluate

pytestmark = pytest.mark.skipif(
    not CONFORMANCE.exists(), reason=f"JsonLogic conformance file not found at {CONFORMANCE}"
)

CASES = conformance_cases() if CONFORMANCE.exists() else []


def test_the_file_has_all_277_cases():
    assert len(CASES) == 277


@pytest.mark.parametrize(
    "section,rule,data,expected", CASES,
    ids=[f"{i}:{json.dumps(c[1])[:60]}" for i, c in enumerate(CASES)],
)
def test_case(section, rule, data, expected):
    got = evaluate(rule, data)
    assert same(got, expected), f"{section}: {json.dumps(rule)} on {json.dumps(data)} gave {got!r}"
    assert same(compile_rule(rule)(data), expected)
