"""Writes formula_compiled.json from formula_cases.json: every formula compiled to
JsonLogic with its rows and expected values, so evaluators that have no formula parser
(json-logic-js in vitest, SQL) run the same cases. Regenerate after changing the cases or
the compiler:

    .venv/bin/python -m tests.logic.gen_formula_compiled

(test_formula_compile.py fails while the file is out of date.) Also the shared helpers:
the field resolver and the decision-table hook the cases are compiled with.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE / "formula_cases.json"
COMPILED = HERE / "formula_compiled.json"


def load_cases() -> dict:
    return json.loads(CASES.read_text(encoding="utf-8"))


def resolver(fields: list[dict]):
    """fields(name) for the case file's field table: by id or by label."""
    from trellis.logic.formula import FieldRef

    def ref(f: dict) -> FieldRef:
        children = resolver(f["children"]) if f.get("children") else None
        return FieldRef(f["id"], f["type"], children)

    table = {}
    for f in fields:
        table[f["id"]] = table[f["label"]] = ref(f)
    return table.get


def _substitute(logic, args):
    if isinstance(logic, str) and logic.startswith("$") and logic[1:].isdigit():
        return args[int(logic[1:])][0]
    if isinstance(logic, list):
        return [_substitute(x, args) for x in logic]
    if isinstance(logic, dict):
        return {k: _substitute(v, args) for k, v in logic.items()}
    return logic


def decider(tables: dict):
    """A decide hook over the case file's decision tables ("$0"... stand for the inputs)."""
    from trellis.logic.formula import FormulaError

    def decide(name, args, position):
        table = tables.get(name)
        if table is None:
            raise FormulaError(position, len(name) + 2, f"未知的决策表“{name}”",
                               f"unknown decision table “{name}”")
        if len(args) != table["inputs"]:
            raise FormulaError(position, len(name) + 2, f"决策表“{name}”需要 {table['inputs']} 个输入",
                               f"the decision table “{name}” takes {table['inputs']} inputs")
        return _substitute(table["logic"], args), table["type"]

    return decide


def compile_case(doc: dict, formula: str):
    from trellis.logic.formula import compile_formula
    return compile_formula(formula, resolver(doc["fields"]), decide=decider(doc["decisions"]))


def build(doc: dict | None = None) -> str:
    doc = doc or load_cases()
    out = []
    for case in doc["cases"]:
        c = compile_case(doc, case["formula"])
        out.append({"formula": case["formula"], "logic": c.logic, "type": c.type, "rows": case["rows"],
                    "expect": case["expect"]})
    one = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    head = {"about": "Generated from formula_cases.json by `.venv/bin/python -m tests.logic.gen_formula_compiled`; "
                     "do not edit.", "clock": doc["clock"], "zone": doc["zone"]}
    lines = [f" {one(k)}: {one(v)}," for k, v in head.items()]
    return "{\n" + "\n".join(lines) + '\n "cases": [\n' + ",\n".join("  " + one(c) for c in out) + "\n ]\n}\n"


def main() -> int:
    COMPILED.write_text(build(), encoding="utf-8")
    print(f"wrote {COMPILED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
