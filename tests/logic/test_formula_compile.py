"""The formula language: every case of formula_cases.json compiles (with the type it
names) and, once the operators it compiles to exist, evaluates to the expected values in
Python; every error case fails at its position with a bilingual message; the generated
formula_compiled.json is up to date; the function table is complete and each example
compiles; compiling is fast."""
from __future__ import annotations

import importlib.util
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from gen_formula_compiled import COMPILED, build, compile_case, decider, load_cases, resolver
from jsonlogic_testkit import same
from trellis.logic import LogicError, compile_rule
from trellis.logic.formula import (
    FUNCTIONS, MAX_DEPTH, Compiled, FieldRef, FormulaError, catalog, compile_formula,
)
from trellis.logic.moment import logic_time
from trellis.logic.structure import rule_vars

DOC = load_cases()
CLOCK = datetime.fromisoformat(DOC["clock"].replace("Z", "+00:00"))
FIELDS = resolver(DOC["fields"])


def _ids(cases):
    return [c["formula"][:50] for c in cases]


@pytest.mark.parametrize("case", DOC["cases"], ids=_ids(DOC["cases"]))
def test_case_compiles_with_its_type(case):
    c = compile_case(DOC, case["formula"])
    assert isinstance(c, Compiled)
    if "type" in case:
        assert c.type == case["type"]
    json.dumps(c.logic)  # plain JSON
    assert set(rule_vars(c.logic)) <= set(c.refs)


@pytest.mark.parametrize("case", DOC["cases"], ids=_ids(DOC["cases"]))
def test_case_evaluates_in_python(case):
    c = compile_case(DOC, case["formula"])
    try:
        fn = compile_rule(c.logic)
    except LogicError as e:
        if e.code == "invalid_rule" and "Unknown operator" in e.message["en"]:
            pytest.skip(f"{e.message['en']} is not implemented yet")
        raise
    with logic_time(CLOCK, DOC["zone"]):
        got = [fn(row) for row in case["rows"]]
    assert len(got) == len(case["expect"])
    assert all(same(g, e) for g, e in zip(got, case["expect"])), (got, case["expect"], c.logic)


@pytest.mark.parametrize("case", DOC["errors"], ids=[c["why"] for c in DOC["errors"]])
def test_error_names_its_position(case):
    with pytest.raises(FormulaError) as info:
        compile_case(DOC, case["formula"])
    e = info.value
    assert isinstance(e, LogicError) and e.code == "formula_error" and e.status == 400
    assert e.position == case["position"], e.message
    assert e.length >= 1
    assert e.message["zh"].startswith(f"第 {e.position + 1} 个字符:")
    assert e.message["en"].startswith(f"at character {e.position + 1}: ")
    assert e.to_dict()["details"]["position"] == e.position


def test_generated_file_is_up_to_date():
    assert COMPILED.read_text(encoding="utf-8") == build(DOC), \
        "run: .venv/bin/python -m tests.logic.gen_formula_compiled"


def test_at_least_150_cases_and_every_function_and_alias_is_used():
    assert len(DOC["cases"]) >= 150 and len(DOC["errors"]) >= 30
    text = "\n".join(c["formula"].upper() for c in DOC["cases"])
    for spec in FUNCTIONS:
        for name in (spec.name, *spec.aliases):
            assert re.search(rf"(?<![\w]){re.escape(name.upper())}\s*[(（]", text), f"no case uses {name}"


def test_unknown_field_message_names_the_field():
    with pytest.raises(FormulaError) as info:
        compile_formula("金额 + 权益x", FIELDS)
    assert info.value.message == {"zh": "第 6 个字符:未知的字段“权益x”", "en": "at character 6: unknown field “权益x”"}
    assert (info.value.position, info.value.length) == (5, 3)


def test_refs_volatile_and_decisions():
    c = compile_formula('IF(TODAY() > 开始日期, SUM(明细.数量), DECIDE("折扣规则", 金额))', FIELDS,
                        decide=decider(DOC["decisions"]))
    assert c.refs == {"start", "lines", "amount"} and c.volatile and c.decisions == {"折扣规则"}
    plain = compile_formula("amount * 2", FIELDS)
    assert plain.refs == {"amount"} and not plain.volatile and not plain.decisions
    with pytest.raises(FormulaError) as info:
        compile_formula('DECIDE("折扣规则", 1)', FIELDS)
    assert info.value.position == 7  # no hook: decision tables unavailable


def test_function_names_are_case_insensitive():
    assert compile_formula("round(1.25, 1)", FIELDS).logic == compile_formula("ROUND(1.25, 1)", FIELDS).logic
    assert compile_formula("If(true, 1, 2)", FIELDS).logic == {"if": [True, 1, 2]}


def test_compiled_shapes():
    assert compile_formula("金额 / 数量", FIELDS).logic == {"div": [{"var": "amount"}, {"var": "qty"}]}
    assert compile_formula("SUM(明细.数量)", FIELDS).logic == {"sum_of": [{"var": "lines"}, "l_qty"]}
    assert compile_formula('DATEDIF(开始日期, 结束日期, "M")', FIELDS).logic == {
        "date_diff": [{"var": "end"}, {"var": "start"}, "months"]}
    assert compile_formula("1 + 2 + 金额", FIELDS).logic == {"+": [1, 2, {"coalesce": [{"var": "amount"}, 0]}]}
    assert compile_formula('名称 & 1 & "x"', FIELDS).logic == {"cat": [{"var": "name"}, 1, "x"]}


def test_nesting_and_length_limits_are_errors_not_crashes():
    deep = "ABS(" * (MAX_DEPTH + 5) + "1" + ")" * (MAX_DEPTH + 5)
    with pytest.raises(FormulaError) as info:
        compile_formula(deep, FIELDS)
    assert "嵌套过深" in info.value.message["zh"] and "nested too deeply" in info.value.message["en"]
    long_sum = "+".join(["金额"] * 100)
    assert compile_formula(long_sum, FIELDS).type == "number"  # a long chain stays flat
    for text in ("-" * 5000 + "1", "(" * 3000):
        with pytest.raises(FormulaError):
            compile_formula(text, FIELDS)


def test_catalog_entries_are_complete_and_examples_compile():
    names = set()
    any_field = lambda name: FieldRef(name, "rows", lambda child: FieldRef(child, "number")) \
        if name == "明细" else FieldRef(name, "any")
    hook = lambda name, args, pos: ({"var": "decided"}, "number")
    for entry in catalog():
        assert entry["name"].isupper() and entry["name"] not in names
        names.add(entry["name"])
        assert entry["help"]["zh"] and entry["help"]["en"] and entry["category"]
        assert entry["result"] and isinstance(entry["args"], list)
        compile_formula(entry["example"], any_field, decide=hook)
    assert {"IF", "SUM", "ROUND", "DATEDIF", "DECIDE", "TODAY", "SUBSTITUTE"} <= names


def test_compiling_a_typical_formula_is_well_under_a_millisecond(capsys):
    bench = _load_bench()
    result = bench.run(n=600, records=2000)
    assert result["compile_ms"] < bench.GOAL_MS, f"{result['compile_ms']:.3f} ms per compile"
    assert result["evals"] > 0
    assert bench.main(["--n", "30", "--records", "100"]) == 0
    assert "formula compile:" in capsys.readouterr().out


def _load_bench():
    path = Path(__file__).resolve().parents[1] / "bench" / "bench_formula.py"
    spec = importlib.util.spec_from_file_location("bench_formula", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_mangled_formulas_fail_only_with_formula_errors_inside_the_text():
    """Each case formula with a character inserted, replaced or dropped either compiles to a
    rule that evaluates on every case row, or fails with a FormulaError inside the text."""
    import random

    pieces = list('()（），,+-*/^&%=<>!."\'“”{} 0123456789eE') + [
        "金额", "名称", "明细", ".数量", "IF", "SUM", "TRUE", '"D"', "开始日期", "\u3000", "$"]
    rnd = random.Random(7)
    formulas = [c["formula"] for c in DOC["cases"]]
    rows = [r for c in DOC["cases"] for r in c["rows"]][:40]
    decide = decider(DOC["decisions"])
    compiled = 0
    for _ in range(2000):
        f = rnd.choice(formulas)
        k, op = rnd.randint(0, len(f)), rnd.random()
        text = f[:k] + (rnd.choice(pieces) if op < 0.6 else "") + f[k + (1 if op > 0.3 else 0):]
        try:
            c = compile_formula(text, FIELDS, decide=decide)
        except FormulaError as e:
            assert 0 <= e.position <= len(text) and e.length >= 1, text
            continue
        fn = compile_rule(c.logic)
        with logic_time(CLOCK, DOC["zone"]):
            for row in rows:
                fn(row)
        compiled += 1
    assert compiled > 100
