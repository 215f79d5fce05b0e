import { describe, expect, it } from "vitest";
import jsonLogic from "json-logic-js";
import compiled from "../../../tests/logic/formula_compiled.json";
import { registerOperations } from "./operations";
import { setDateContext } from "./dates";

type Row = Record<string, unknown>;
type Case = { formula: string; logic: unknown; rows: Row[]; expect: unknown[] };
const apply = (rule: unknown, data: Row) => jsonLogic.apply(rule as jsonLogic.RulesLogic, data);

/**
 * The formula cases (tests/logic/formula_cases.json), compiled to JsonLogic by the server's
 * formula compiler (tests/logic/formula_compiled.json, generated), give in json-logic-js
 * with Trellis' operators the values the server's evaluator gives
 * (tests/logic/test_formula_compile.py).
 */
describe("compiled formulas agree with the server on formula_compiled.json", () => {
  registerOperations(jsonLogic);
  setDateContext({ now: () => new Date(compiled.clock), timeZone: compiled.zone });

  it.each((compiled.cases as Case[]).map((c) => [c.formula, c] as const))("%s", (_name, c) => {
    const got = c.rows.map((r) => apply(c.logic, r));
    got.forEach((value, i) => {
      const want = c.expect[i];
      if (typeof want === "number" && typeof value === "number") expect(value).toBeCloseTo(want, 12);
      else expect(value).toEqual(want);
    });
  });
});
