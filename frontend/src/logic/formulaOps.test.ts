import { describe, expect, it } from "vitest";
import jsonLogic from "json-logic-js";
import cases from "../../../tests/logic/formula_ops_cases.json";
import { registerOperations } from "./operations";
import { setDateContext } from "./dates";
import { numberText, roundedInteger } from "./formulas";

type Row = Record<string, unknown>;
const rows = cases.rows as Row[];
const apply = (rule: unknown, data: Row) => jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
/** JSON has neither NaN nor -0: NaN is null, -0 is 0 (as the server's table writes them). */
const plain = (v: unknown) => (typeof v === "number" && Number.isNaN(v) ? null : v === 0 ? 0 : v);

/** The same table of cases the server's evaluator and its SQL answer (tests/logic/test_formula_ops.py). */
describe("formula operators agree with the server on formula_ops_cases.json", () => {
  registerOperations(jsonLogic);
  setDateContext({ now: () => new Date(cases.clock), timeZone: cases.zone });

  it.each(cases.values.map((c) => [JSON.stringify(c.rule), c] as const))("value %s", (_name, c) => {
    expect(rows.map((r) => plain(apply(c.rule, r)))).toEqual(c.expect.map(plain));
  });

  it("rounds the decimal a number shows, half away from zero", () => {
    expect(roundedInteger(1.005, 2, "half")).toBe(101n);
    expect(roundedInteger(-2.5, 0, "half")).toBe(-3n);
    expect(roundedInteger(2.675, 2, "down")).toBe(267n);
    expect(roundedInteger(-0.01, 1, "floor")).toBe(-1n);
    expect(roundedInteger(1.23456789012346e21, -20, "half")).toBe(12n);
    expect(numberText(1e21)).toBe("1000000000000000000000");
    expect(numberText(-1 / 3)).toBe("-0.3333333333");
    expect(numberText(1e-7)).toBe("0.0000001");
  });
});
