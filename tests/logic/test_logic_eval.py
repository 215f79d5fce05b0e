"""The JsonLogic evaluator: JS semantics beyond the conformance file, Trellis's extra
operators, non-JSON input values, errors, rule_vars and the compiled fast paths."""
from __future__ import annotations

import json
import math
from datetime import date, datetime
from decimal import Decimal

import pytest

from jsonlogic_js_oracle import CASES as JS_CASES
from jsonlogic_testkit import same
from trellis.kernel.errors import BadRequest
from trellis.logic import LogicError, compile_rule, evaluate, rule_vars, truthy
from trellis.logic.jsvalues import UNDEF, number_to_string


def _decode(v):
    if isinstance(v, dict):
        if "$u" in v:
            return UNDEF
        if "$nan" in v:
            return math.nan
        if "$inf" in v:
            return math.inf * v["$inf"]
        if "$obj" in v:
            return {k: _decode(x) for k, x in v["$obj"].items()}
    if isinstance(v, list):
        return [_decode(x) for x in v]
    return v


@pytest.mark.parametrize("text", JS_CASES, ids=[f"js{i}" for i in range(len(JS_CASES))])
def test_matches_json_logic_js(text):
    rule, data, js = json.loads(text)
    expected = _decode(js)
    got = compile_rule(rule)(data)
    if expected is UNDEF:
        assert got is None
    else:
        assert same(got, expected), f"{json.dumps(rule)} on {json.dumps(data)}: js {expected!r}, got {got!r}"


@pytest.mark.parametrize("value,expected", [
    ([], False), ([0], True), ("0", True), ("", False), (0, False), (0.0, False), (-0.0, False),
    (math.nan, False), ({}, True), (None, False), (Decimal("0"), False), (Decimal("0.1"), True),
    (date(2024, 1, 1), True), ((), False),
])
def test_truthiness(value, expected):
    assert truthy(value) is expected


@pytest.mark.parametrize("x,text", [
    (1.0, "1"), (1, "1"), (-0.0, "0"), (0.1, "0.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
    (1.5e-7, "1.5e-7"), (0.000001, "0.000001"), (123456789.125, "123456789.125"), (-2.5, "-2.5"),
    (math.inf, "Infinity"), (-math.inf, "-Infinity"), (math.nan, "NaN"), (2**70, "1.1805916207174113e+21"),
])
def test_js_number_to_string(x, text):
    assert number_to_string(x) == text


@pytest.mark.parametrize("rule,expected", [
    ({"cat": [1.0, "|", 2.50, "|", None, "|", [1, [2, None]], "|", True]}, "1|2.5||1,2,|true"),
    ({"==": [[1], "1"]}, True),
    ({"==": [None, 0]}, False),
    ({"==": [" 12 ", 12]}, True),
    ({"==": ["0x1A", 26]}, True),
    ({"==": ["1_000", 1000]}, False),
    ({"<": [None, 5]}, True),
    ({"<": ["10", "9"]}, True),
    ({"<": ["10", 9]}, False),
    ({"<": ["\U0001F600", "\uff0c"]}, True),
    ({">": [{"var": "u"}, -1]}, True),
    ({"/": [1, {"-": [None]}]}, -math.inf),
    ({"%": [-7, 3]}, -1),
    ({"+": ["3.5kg", 1]}, 4.5),
    ({"*": ["2"]}, "2"),
    ({"-": ["5"]}, -5),
    ({"substr": ["\U0001F600ab", 1]}, "\ude00ab"),
    ({"in": [1, ["1", 1.0]]}, True),
    ({"in": [True, [1]]}, False),
    ({"in": [None, "a null"]}, True),
    ({"max": []}, -math.inf),
    ({"min": [1, "x"]}, math.nan),
    ({"and": []}, None),
    ({"missing": ["b", ["a", "dflt"]]}, ["b"]),
    ({"missing": [["a", "dflt"], "b"]}, ["a", "dflt"]),
    ({"all": ["abc", True]}, False),
    ({"var": "s.length"}, 3),
    ({"var": "xs.01"}, None),
    ({"var": "xs.1"}, 20),
])
def test_js_semantics(rule, expected):
    data = {"s": "abc", "xs": [10, 20], "u": None}
    assert same(evaluate(rule, data), expected)


@pytest.mark.parametrize("rule,data,expected", [
    ({"starts_with": [{"var": "s"}, "ab"]}, {"s": "abc"}, True),
    ({"starts_with": [{"var": "s"}, "AB"]}, {"s": "abc"}, False),
    ({"starts_with": [{"var": "s"}, ""]}, {"s": "abc"}, True),
    ({"starts_with": [{"var": "n"}, "1"]}, {"n": 12}, False),
    ({"ends_with": [{"var": "s"}, "bc"]}, {"s": "abc"}, True),
    ({"ends_with": [{"var": "s"}, "bc"]}, {"s": None}, False),
    ({"contains": [{"var": "s"}, "b"]}, {"s": "abc"}, True),
    ({"contains": [{"var": "tags"}, "vip"]}, {"tags": ["a", "vip"]}, True),
    ({"contains": [{"var": "tags"}, "vi"]}, {"tags": ["a", "vip"]}, False),
    ({"is_empty": {"var": "x"}}, {"x": None}, True),
    ({"is_empty": {"var": "x"}}, {}, True),
    ({"is_empty": {"var": "x"}}, {"x": ""}, True),
    ({"is_empty": {"var": "x"}}, {"x": []}, True),
    ({"is_empty": {"var": "x"}}, {"x": 0}, False),
    ({"is_empty": {"var": "x"}}, {"x": False}, False),
    ({"not_empty": {"var": "x"}}, {"x": [0]}, True),
    ({"==": [{"var": "$user.id"}, 7]}, {"$user": {"id": 7}}, True),
])
def test_trellis_operators_and_user_paths(rule, data, expected):
    assert evaluate(rule, data) is expected


def test_non_json_values_read_as_their_json_form():
    row = {"price": Decimal("0.80"), "due": date(2024, 1, 5), "at": datetime(2024, 1, 5, 10, 0),
           "tags": ("a", "b")}
    assert evaluate({"<": [{"var": "price"}, 0.8]}, row) is False
    assert evaluate({"==": [{"var": "price"}, 0.8]}, row) is True
    assert evaluate({"==": [{"var": "due"}, "2024-01-05"]}, row) is True
    assert evaluate({"<": [{"var": "at"}, "2024-01-05T10:00:01"]}, row) is True
    assert evaluate({"in": ["b", {"var": "tags"}]}, row) is True
    assert evaluate({"cat": [{"var": "price"}]}, row) == "0.8"


@pytest.mark.parametrize("value", [
    None, 0, 5, 5.0, 100000, 99999.5, "100000", "abc", "", True, False, [100000], [], {},
    Decimal("100000"), math.nan, "C3", "active", ["C3"],
])
@pytest.mark.parametrize("op", ["<", "<=", ">", ">=", "==", "!=", "===", "!=="])
@pytest.mark.parametrize("const", [100000, 0.5, "active", "100000"])
def test_fused_paths_equal_generic_semantics(op, const, value):
    """Fused leaves (var vs constant, chained inside `and`) give the generic JS answer."""
    rule = {op: [{"var": "v"}, const]}
    generic = compile_rule({op: [{"var": ["v", None]}, {"cat": [const]} if isinstance(const, str) else {"+": [const]}]})
    for data in ({"v": value}, {"w": value}, [value], None):
        assert compile_rule(rule)(data) is generic(data)
        flipped = compile_rule({op: [const, {"var": "v"}]})
        assert flipped(data) is compile_rule({op: [const, {"var": ["v", None]}]})(data)
        chained = compile_rule({"and": [{"!!": [True]}, rule, {"==": [1, 1]}, rule]})
        assert chained(data) is generic(data)


@pytest.mark.parametrize("value", [None, "C3", "C9", 3, ["C3"], Decimal("3")])
def test_fused_in_list(value):
    lst = ["C3", "C4", 3, None]
    fused = compile_rule({"and": [{"in": [{"var": "r"}, lst]}, True]})
    slow = compile_rule({"in": [{"var": ["r", None]}, {"merge": [lst]}]})
    assert fused({"r": value}) is slow({"r": value})


def test_and_returns_the_deciding_value():
    rule = {"and": [{"var": "a"}, {"var": "b"}]}
    assert evaluate(rule, {"a": 0, "b": 2}) == 0
    assert evaluate(rule, {"a": 1, "b": 2}) == 2
    assert evaluate({"or": [{"var": "a"}, {"var": "b"}]}, {"a": "", "b": []}) == []


def test_unknown_operator_is_a_bilingual_bad_request():
    with pytest.raises(LogicError) as err:
        compile_rule({"and": [{"frobnicate": [1]}, True]})
    assert isinstance(err.value, BadRequest)
    assert err.value.message == {"zh": "未知的运算符 frobnicate", "en": "Unknown operator frobnicate"}
    assert err.value.to_dict()["details"] == {"operator": "frobnicate"}


def test_multiplication_needs_an_argument():
    with pytest.raises(LogicError):
        compile_rule({"*": []})


def test_rules_are_compiled_once_and_cached():
    from trellis.logic.evaluate import _compiled

    rule = {"==": [{"var": "cache_probe"}, 42]}
    evaluate(rule, {})
    hits = _compiled.cache_info().hits
    assert evaluate(rule, {"cache_probe": 42}) is True
    assert _compiled.cache_info().hits == hits + 1


def test_results_of_constant_rules_do_not_alias_between_calls():
    fn = compile_rule({"merge": [[1], [2]]})
    assert fn(None) == [1, 2]
    assert evaluate({"merge": [[1], [2]]}) == [1, 2]


def test_rule_vars():
    rule = {"and": [
        {"==": [{"var": "status"}, "active"]},
        {"<": [{"var": ["a.b", 1]}, {"var": "$user.id"}]},
        {"some": [{"var": "items"}, {">": [{"var": "qty"}, 1]}]},
        {"missing": ["m1", "m2"]},
        {"missing_some": [1, ["o1", "o2"]]},
        {"var": {"cat": ["x", {"var": "dyn"}]}},
        {"var": ""},
        {"var": 3},
    ]}
    assert rule_vars(rule) == {"status", "a.b", "$user.id", "items", "m1", "m2", "o1", "o2", "dyn", "3"}


def test_no_eval_or_exec_in_the_package():
    from pathlib import Path

    import trellis.logic

    for path in Path(trellis.logic.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "eval(" not in text.replace("evaluate(", "").replace("_eval(", "")
        assert "exec(" not in text
