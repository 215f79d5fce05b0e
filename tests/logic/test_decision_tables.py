"""Decision tables (logic/decision/): reading DMN unary-test cells (full-width included,
errors naming rule and input), the hit policies first / unique / collect in Python and in
SQL, overlap / shadow / gap detection, inlining for DECIDE, and the futures CRM's
client tier table against a hand-written classification."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import StaticPool

from trellis.kernel.errors import DefinitionInvalid
from trellis.logic import LogicError, SqlField, evaluate, to_sql
from trellis.logic.decision import (
    DecisionError, check_decision, compile_decision, decide, decide_compiled, decision_resolver, inline,
)
from trellis.logic.decision.cells import CellError, matches, parse_cell
from trellis.logic.decision.compile import cell_logic
from trellis.meta import schemas

ROOT = Path(__file__).resolve().parents[2]
TIER = json.loads((ROOT / "seeds" / "futures_crm" / "decisions" / "client_tier.json").read_text(encoding="utf-8"))


def table(rules, policy="first", default=None, inputs=None, outputs=None):
    body = {"schema_version": 1, "id": "t", "label": {"zh": "测试", "en": "Test"}, "hit_policy": policy,
            "inputs": inputs or [{"id": "x", "label": {"zh": "数量", "en": "Quantity"}, "type": "number"},
                                 {"id": "g", "label": {"zh": "等级", "en": "Grade"}, "type": "text"}],
            "outputs": outputs or [{"id": "out", "label": {"zh": "结果", "en": "Result"}, "type": "text"}],
            "rules": [{"when": w, "then": {"out": o}} for w, o in rules]}
    if default is not None:
        body["default"] = {"out": default}
    return body


def codes(body):
    return [(p["code"], p["severity"]) for p in check_decision(body)]


# ------------------------------------------------------------------------- cells

@pytest.mark.parametrize("text, type_, yes, no", [
    ("-", "number", [None, 0, 5], []),
    ("", "text", [None, "a"], []),
    ("< 7", "number", [6, 6.99, -1], [7, 8, None]),
    ("<= 7", "number", [7], [7.01]),
    ("> 7", "number", [7.5], [7]),
    (">= 7", "number", [7], [6.9]),
    ("= 7", "number", [7, 7.0], [8]),
    ("7", "number", [7], [7.1, None]),
    ("-5", "number", [-5], [5]),
    ("[1..5]", "number", [1, 3, 5], [0.9, 5.1]),
    ("(1..5)", "number", [1.1, 4.9], [1, 5]),
    ("]1..5[", "number", [2], [1, 5]),
    ("[1..5)", "number", [1, 4.99], [5]),
    ("1, 2, 3", "number", [1, 2, 3], [4]),
    ("< 0, > 100", "number", [-1, 101], [0, 50, 100]),
    ("not(1, 2)", "number", [3, None], [1, 2]),
    ("not(< 5)", "number", [5, None], [4]),
    ('"高", "中"', "text", ["高", "中"], ["低", None]),
    ("高, 中", "text", ["高", "中"], ["高, 中"]),
    ('"a, b"', "text", ["a, b"], ["a"]),
    ('not("高")', "text", ["中", None], ["高"]),
    ("“高”", "text", ["高"], ["“高”"]),
    ("true", "bool", [True], [False, None]),
    ("否", "bool", [False], [True]),
    ("2024-01-01", "date", ["2024-01-01"], ["2024-01-02"]),
    (">= 2024-01-01", "date", ["2024-01-01", "2025-03-01"], ["2023-12-31", None]),
    ('date("2024-02-29")', "date", ["2024-02-29"], ["2024-03-01"]),
    ("[2024-01-01..2024-01-31]", "date", ["2024-01-15"], ["2024-02-01"]),
    ("null", "number", [None], [0]),
    ("null, > 3", "number", [None, 4], [3]),
    # full-width twins
    ("＜＝７", "number", [7], [8]),
    ("＞＝１０００", "number", [1000], [999]),
    ("［１．．５］", "number", [1, 5], [6]),
    ("１，２", "number", [1, 2], [3]),
    ("高，中", "text", ["高", "中"], ["低"]),
    ("高、中", "text", ["高", "中"], ["低"]),
    ("not（１）", "number", [2], [1]),
    ("≥ 3", "number", [3], [2]),
    (7, "number", [7], [8]),
    (True, "bool", [True], [False]),
])
def test_cells_read_as_typed_and_the_logic_agrees(text, type_, yes, no):
    cell = parse_cell(text, type_)
    logic = cell_logic(cell, "v", type_)
    for value, expected in [(v, True) for v in yes] + [(v, False) for v in no]:
        assert matches(cell, value, type_) is expected, (text, value)
        got = True if logic is None else bool(evaluate(logic, {"v": value}))
        assert got is expected, (text, value, logic)


@pytest.mark.parametrize("text, type_, code", [
    ("<=x", "number", "unreadable_cell"), ("abc", "number", "unreadable_cell"), ("[5..1]", "number", "empty_range"),
    ("(3..3)", "number", "empty_range"), ("[1,5]", "number", "unreadable_cell"), ("< 高", "text", "type_mismatch"),
    ("[a..b]", "text", "type_mismatch"), ("2024-13-01", "date", "unreadable_cell"), ("maybe", "bool", "unreadable_cell"),
    ("not()", "number", "unreadable_cell"), ("1,,2", "number", "unreadable_cell"), ('"高', "text", "unreadable_cell"),
    ("> true", "bool", "type_mismatch"),
])
def test_unreadable_cells_are_refused(text, type_, code):
    with pytest.raises(CellError) as e:
        parse_cell(text, type_)
    assert e.value.code == code and e.value.zh and e.value.en


def test_an_unreadable_cell_names_the_rule_and_the_input_in_both_languages():
    body = table([({"x": "< 1"}, "a"), ({"x": "> 1"}, "b"), ({"x": "<=x"}, "c")])
    with pytest.raises(DefinitionInvalid) as e:
        compile_decision(body)
    err = e.value.errors[0]
    assert err["pointer"] == "/rules/2/when/x" and err["rule"] == 3 and err["input"] == "x"
    assert err["message"]["zh"].startswith("第 3 条规则的“数量”:无法识别“<=x”")
    assert err["message"]["en"].startswith('Rule 3, "Quantity": cannot read "<=x"')


def test_reading_problems_name_unknown_inputs_outputs_and_wrong_types():
    body = table([({"nope": "1"}, "a"), ({"x": "1"}, 5)])
    body["rules"].append({"when": {}, "then": {"other": "x"}})
    found = {(p["code"], p["pointer"]) for p in check_decision(body)}
    assert ("unknown_input", "/rules/0/when/nope") in found
    assert ("type_mismatch", "/rules/1/then/out") in found
    assert ("unknown_output", "/rules/2/then/other") in found and ("missing_output", "/rules/2/then/out") in found


# ------------------------------------------------------------------------- hit policies

def test_first_gives_the_first_matching_rule_and_the_default():
    body = table([({"x": "< 10"}, "small"), ({"x": "< 100"}, "medium"), ({"g": '"vip"'}, "vip")], default="other")
    assert decide(body, {"x": 5}) == {"out": "small"}
    assert decide(body, {"x": 50, "g": "vip"}) == {"out": "medium"}
    assert decide(body, {"x": 500, "g": "vip"}) == {"out": "vip"}
    assert decide(body, {"x": 500}) == {"out": "other"}
    assert decide(body, {}) == {"out": "other"}  # null matches no comparison
    logic = compile_decision(body).logic_for("out")
    assert logic["if"][-1] == "other" and evaluate(logic, {"x": 50}) == "medium"
    assert decide_compiled(compile_decision(body), {"x": 50})[1] == [1]


def test_first_without_default_answers_null_and_a_catch_all_ends_the_chain():
    body = table([({"x": "< 10"}, "small")])
    assert decide(body, {"x": 11}) == {"out": None}
    body = table([({"x": "< 10"}, "small"), ({}, "any")])
    assert compile_decision(body).logic_for() == {"if": [compile_decision(body).conditions[0], "small", "any"]}


def test_unique_answers_like_first_and_refuses_a_double_match_at_run_time():
    body = table([({"x": "< 10"}, "a"), ({"x": ">= 10"}, "b")], policy="unique")
    assert decide(body, {"x": 10}) == {"out": "b"}
    overlapping = table([({"x": "< 10"}, "a"), ({"x": "<= 10"}, "b")], policy="unique")
    with pytest.raises(DecisionError) as e:
        decide(overlapping, {"x": 3})
    assert e.value.details == {"rules": [1, 2]}


def test_collect_lists_every_match_in_order():
    body = table([({"x": "> 0"}, "positive"), ({"x": "> 10"}, "big"), ({"g": '"vip"'}, "vip")], policy="collect")
    compiled = compile_decision(body)
    assert evaluate(compiled.logic_for("out"), {"x": 20, "g": "vip"}) == ["positive", "big", "vip"]
    assert evaluate(compiled.logic_for("out"), {"x": -1}) == []
    assert decide(body, {"x": 5, "g": "vip"}) == [{"out": "positive"}, {"out": "vip"}]
    body["default"] = {"out": "none"}
    assert evaluate(compile_decision(body).logic_for("out"), {"x": -1}) == ["none"]
    assert decide(body, {"x": -1}) == [{"out": "none"}]


def test_several_outputs_and_input_checks():
    body = table([({"x": "< 10"}, None)], outputs=[{"id": "out", "label": {"zh": "结果"}, "type": "text"},
                                                   {"id": "score", "label": {"zh": "分"}, "type": "number"}])
    body["rules"][0]["then"] = {"out": "low", "score": 1}
    assert decide(body, {"x": "3"}) == {"out": "low", "score": 1}  # numbers may come as text
    with pytest.raises(DecisionError) as e:
        decide(body, {"x": "many"})
    assert e.value.details == {"input": "x"} and "数量" in e.value.message["zh"]
    with pytest.raises(DecisionError):
        decide(body, {"y": 1})


def test_first_and_unique_compile_to_sql_with_the_evaluators_answer():
    body = table([({"x": "[0..10)", "g": '"a", "b"'}, "ab"), ({"x": "not(< 0, 5)", "g": "-"}, "rest"),
                  ({"g": "null"}, "no grade")], default="other")
    logic = compile_decision(body).logic_for("out")
    engine = sa.create_engine("sqlite://", poolclass=StaticPool)
    meta = sa.MetaData()
    t = sa.Table("t", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.Float),
                 sa.Column("g", sa.String))
    meta.create_all(engine)
    rows = [{"id": i, "x": x, "g": g} for i, (x, g) in enumerate(
        [(x, g) for x in (None, -1, 0, 3, 5, 9.5, 10, 11) for g in (None, "a", "b", "c")])]
    with engine.begin() as conn:
        conn.execute(t.insert(), rows)
        for answer in ("ab", "rest", "no grade", "other"):
            cond = to_sql({"==": [logic, answer]}, lambda n: SqlField(t.c[n], "number" if n == "x" else "text"))
            got = {r.id for r in conn.execute(sa.select(t.c.id).where(cond))}
            assert got == {r["id"] for r in rows if evaluate(logic, r) == answer}, answer
    engine.dispose()


# ------------------------------------------------------------------------- checks

def test_unique_overlaps_name_both_rules_with_an_example():
    body = table([({"x": "< 10"}, "a"), ({"x": "[10..20]"}, "b"), ({"x": "[20..30)", "g": '"vip"'}, "c"),
                  ({"x": ">= 30"}, "d")], policy="unique", default="z")
    problems = check_decision(body)
    assert [(p["code"], p["rules"]) for p in problems] == [("overlap", [2, 3])]
    assert problems[0]["example"] == {"x": 20, "g": "vip"}
    assert "第 2 条和第 3 条" in problems[0]["message"]["zh"] and "rules 2 and 3" in problems[0]["message"]["en"]
    body["rules"][1]["when"]["x"] = "[10..20)"
    assert check_decision(body) == []


def test_unique_gaps_are_errors_with_an_example_and_first_gaps_warnings():
    rules = [({"x": "< 10"}, "a"), ({"x": "> 10"}, "b")]
    problems = check_decision(table(rules, policy="unique"))
    assert [(p["code"], p["severity"]) for p in problems] == [("gap", "error")]
    assert problems[0]["example"]["x"] == 10
    assert codes(table(rules)) == [("gap", "warning")]
    assert codes(table(rules, default="z")) == []
    # a text input: the listed values and "any other"
    rules = [({"g": '"a"'}, "a"), ({"g": 'not("a", "b")'}, "b")]
    assert check_decision(table(rules, policy="unique"))[0]["example"]["g"] == "b"
    # reals have no gap between <= 1 and > 1, but one between <= 1 and >= 2
    assert codes(table([({"x": "<= 1"}, "a"), ({"x": "> 1"}, "b")], policy="unique")) == []
    assert check_decision(table([({"x": "<= 1"}, "a"), ({"x": ">= 2"}, "b")], policy="unique"))[0]["example"]["x"] == 1.5


def test_dates_are_whole_days_and_bools_two_values():
    d = [{"id": "d", "label": {"zh": "日期"}, "type": "date"}, {"id": "b", "label": {"zh": "是否"}, "type": "bool"}]
    body = table([({"d": "<= 2024-01-01", "b": "true"}, "a"), ({"d": ">= 2024-01-02", "b": "true"}, "b"),
                  ({"b": "false"}, "c")], policy="unique", inputs=d)
    assert check_decision(body) == []
    body["rules"][1]["when"]["d"] = ">= 2024-01-03"
    assert check_decision(body)[0]["example"] == {"d": "2024-01-02", "b": True}


def test_first_reports_a_rule_earlier_rules_fully_cover():
    body = table([({"x": "< 10"}, "a"), ({"x": ">= 10", "g": '"vip"'}, "b"), ({"x": "[5..20]", "g": '"vip"'}, "c"),
                  ({"x": "[5..20]"}, "d")], default="z")
    problems = check_decision(body)
    assert [(p["code"], p["rules"]) for p in problems] == [("shadowed", [1, 2, 3])]
    assert problems[0]["pointer"] == "/rules/2"
    assert "第 3 条规则永远不会生效" in problems[0]["message"]["zh"]


def test_a_rule_no_value_passes_never_matches():
    body = table([({"x": "not(-1, null)", "g": "-"}, "a")], default="z")
    assert codes(body) == []
    inputs = [{"id": "b", "label": {"zh": "是否"}, "type": "bool"}]
    assert codes(table([({"b": "not(true, false, null)"}, "a")], inputs=inputs, default="z")) == [
        ("never_matches", "error")]


def test_collect_has_no_overlap_or_shadow_errors():
    body = table([({"x": "> 0"}, "a"), ({"x": "> 0"}, "b")], policy="collect", default="z")
    assert check_decision(body) == []


def test_the_check_of_a_wide_table_ends():
    inputs = [{"id": f"i{k}", "label": {"zh": f"输入{k}"}, "type": "number"} for k in range(8)]
    rng = random.Random(3)
    rules = [({f"i{k}": f"[{rng.randint(0, 5)}..{rng.randint(6, 9)}]" for k in range(8)}, "a") for _ in range(60)]
    problems = check_decision(table(rules, policy="unique", inputs=inputs))
    assert problems and all(p["code"] in ("overlap", "gap", "too_large") for p in problems)


# ------------------------------------------------------------------------- inline and DECIDE

def test_inline_substitutes_inputs_and_keeps_other_vars():
    logic = {"if": [{"<": [{"var": "x"}, 3]}, {"var": "y"}, {"var": ["x", 0]}]}
    out = inline(logic, {"x": {"+": [{"var": "a"}, 1]}})
    assert out == {"if": [{"<": [{"+": [{"var": "a"}, 1]}, 3]}, {"var": "y"},
                          {"if": [{"==": [{"+": [{"var": "a"}, 1]}, None]}, 0, {"+": [{"var": "a"}, 1]}]}]}
    assert logic["if"][0] == {"<": [{"var": "x"}, 3]}  # the input is not changed


class Arg:
    def __init__(self, logic, type_=None):
        self.logic, self.type = logic, type_


def test_the_decide_resolver_finds_tables_by_key_or_label_and_checks_arguments():
    resolve = decision_resolver({"client_tier": TIER}, {"分层": "client_tier"})
    args = [({"var": "recency"}, "number"), Arg({"var": "days"}, "integer"), Arg(0), ({"var": "eq"}, "any"), (0, None)]
    for name in ("client_tier", "客户分层", "Client tier", "分层"):
        logic, type_ = resolve(name, args, 4)
        assert type_ == "text"
        assert evaluate(logic, {"recency": 3, "days": 20, "eq": 2e6}) == "hnw_active"
        assert evaluate(logic, {"recency": 3, "days": 1, "eq": 0}) == "retail"
    with pytest.raises(LogicError) as e:
        resolve("客户分层", args[:2], 7)
    assert "需要 5 个参数" in e.value.message["zh"] and e.value.details["position"] == 7
    with pytest.raises(LogicError):
        resolve("nope", args, 0)
    with pytest.raises(LogicError):
        resolve("client_tier", [({"var": "t"}, "text")] + args[1:], 0)
    collect = dict(TIER, hit_policy="collect")
    with pytest.raises(LogicError):
        decision_resolver({"c": collect})("c", args, 0)


# ------------------------------------------------------------------------- the seed table

def classify(recency, trade_days, commission, equity, complaints):
    """The generator's RFM rules (seeds/futures_crm/gen_clients.py, `segment`) over the
    table's inputs, with complaints for the generator's complaint / big-loss mark."""
    if recency > 180 or recency > 30 and complaints >= 1:
        return "churn_risk"
    if equity >= 1e6 and recency <= 30 and trade_days >= 8:
        return "hnw_active"
    if equity >= 5e5 and (recency > 30 or trade_days < 4):
        return "low_freq_value"
    if recency <= 30 and (trade_days >= 4 and equity >= 1e5 or commission >= 20000):
        return "growth"
    return "retail"


def test_the_client_tier_seed_validates_checks_clean_and_matches_the_hand_written_rules():
    assert schemas.problems_of(schemas.validator("decision"), TIER) == []
    assert check_decision(TIER) == []
    options = json.loads((ROOT / "seeds" / "futures_crm" / "forms" / "client.json").read_text(encoding="utf-8"))
    tiers = {o["value"] for f in options["fields"] if f["id"] == "tier" for o in f["options"]}
    assert {r["then"]["tier"] for r in TIER["rules"]} | {TIER["default"]["tier"]} == tiers
    compiled = compile_decision(TIER)
    logic = compiled.logic_for("tier")
    rng = random.Random(20241)
    near = {"recency_days": [0, 29, 30, 31, 179, 180, 181, 400], "trade_days_90": [0, 3, 4, 7, 8, 60],
            "commission_90": [0, 19999, 20000, 1e5], "equity": [0, 99999, 1e5, 499999, 5e5, 999999, 1e6, 5e7],
            "complaints": [0, 1, 3]}
    for n in range(3000):
        if n % 2:
            values = {k: rng.choice(v) for k, v in near.items()}
        else:
            values = {"recency_days": rng.randint(0, 400), "trade_days_90": rng.randint(0, 62),
                      "commission_90": round(rng.uniform(0, 60000), 2), "equity": round(rng.expovariate(1 / 6e5), 2),
                      "complaints": rng.choice([0, 0, 0, 1, 2])}
        expected = classify(*values.values())
        assert decide(TIER, values)["tier"] == expected, values
        assert evaluate(logic, values) == expected, values


def test_every_example_of_the_meta_schema_validates_and_checks_clean():
    for example in schemas.meta_schema("decision")["examples"]:
        assert schemas.schema_problems("decision", example) == []
        assert check_decision(example) == []


def test_a_formula_calls_the_client_tier_through_decide():
    from trellis.logic.formula import FormulaError, compile_formula
    from trellis.logic.formula.compiler import FieldRef

    fields = {"最近交易天数": FieldRef("recency", "number"), "交易天数": FieldRef("days", "number"),
              "手续费": FieldRef("fee", "number"), "权益": FieldRef("equity", "number"),
              "投诉": FieldRef("complaints", "number"), "名称": FieldRef("name", "text")}
    resolve = decision_resolver({"client_tier": TIER})
    compiled = compile_formula('DECIDE("客户分层", 最近交易天数, 交易天数, 手续费, 权益, 投诉)', fields.get, decide=resolve)
    assert compiled.type == "text" and compiled.decisions == {"客户分层"}
    for values in ({"recency": 3, "days": 20, "fee": 0, "equity": 2e6, "complaints": 0},
                   {"recency": 45, "days": 2, "fee": 0, "equity": 8e5, "complaints": 0},
                   {"recency": 200, "days": 0, "fee": 0, "equity": 0, "complaints": 0}):
        assert evaluate(compiled.logic, values) == classify(*values.values())
    with pytest.raises(FormulaError) as e:
        compile_formula('DECIDE("客户分层", 最近交易天数)', fields.get, decide=resolve)
    assert e.value.position == 7 and "需要 5 个参数" in e.value.message["zh"]
    with pytest.raises(FormulaError):
        compile_formula('DECIDE("客户分层", 名称, 交易天数, 手续费, 权益, 投诉)', fields.get, decide=resolve)


def _random_cell(rng, type_):
    if rng.random() < 0.3:
        return "-"
    if type_ == "text":
        values = ", ".join(f'"{v}"' for v in rng.sample("abc", rng.randint(1, 2)))
        return f"not({values})" if rng.random() < 0.3 else values
    a, b = sorted(rng.sample(range(0, 6), 2))
    return rng.choice([f"< {a}", f"<= {a}", f"> {b}", f">= {b}", f"{a}", f"[{a}..{b}]", f"({a}..{b}]",
                       f"[{a}..{b})", f"not({a})", f"{a}, {b}", f"not([{a}..{b}])"])


def test_overlaps_gaps_and_shadows_agree_with_brute_force():
    rng = random.Random(7)
    grid = [None] + [x / 2 for x in range(-2, 15)]
    for _ in range(150):
        rules = [({"x": _random_cell(rng, "number"), "g": _random_cell(rng, "text")}, str(i))
                 for i in range(rng.randint(1, 4))]
        policy = rng.choice(["first", "unique"])
        body = table(rules, policy=policy)
        conditions = compile_decision(body).conditions
        points = [{"x": x, "g": g} for x in grid for g in (None, "a", "b", "c", "zz")]
        hit = [[bool(evaluate(c, p)) for c in conditions] for p in points]
        problems = check_decision(body)
        found = {p["code"] for p in problems}
        gap_points = [p for p, h in zip(points, hit) if not any(h) and None not in p.values()]
        assert ("gap" in found) == bool(gap_points), (rules, problems)
        for p in problems:
            if "example" in p and p["code"] == "gap":
                assert not any(evaluate(c, p["example"]) for c in conditions)
        if policy == "unique":
            pairs = {(i + 1, j + 1) for h in hit for i in range(len(h)) for j in range(i + 1, len(h)) if h[i] and h[j]}
            assert {tuple(p["rules"]) for p in problems if p["code"] == "overlap"} == pairs, (rules, problems)
            for p in problems:
                if p["code"] == "overlap":
                    assert all(evaluate(conditions[n - 1], p["example"]) for n in p["rules"])
        else:
            never = {j + 1 for j in range(len(conditions)) if not any(h[j] for h in hit)}
            shadowed = {j + 1 for j in range(len(conditions)) if not any(h[j] and not any(h[:j]) for h in hit)} - never
            got = {p["rules"][-1] for p in problems if p["code"] == "shadowed"}
            assert got == shadowed, (rules, problems)
            assert {p["rule"] for p in problems if p["code"] == "never_matches"} == never
