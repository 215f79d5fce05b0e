import { describe, expect, it } from "vitest";
import jsonLogic from "json-logic-js";
import cases from "../../../tests/logic/date_cases.json";
import { registerOperations } from "./operations";
import { setDateContext } from "./dates";

type Row = Record<string, unknown>;
const rows = cases.rows as Row[];
const apply = (rule: unknown, data: Row) => jsonLogic.apply(rule as jsonLogic.RulesLogic, data);

/** The same table of cases the server's evaluator and its SQL answer (tests/logic/test_logic_dates.py). */
describe("date operators agree with the server on date_cases.json", () => {
  registerOperations(jsonLogic);
  setDateContext({ now: () => new Date(cases.clock), timeZone: cases.zone });

  it.each(cases.values.map((c) => [JSON.stringify(c.rule), c] as const))("value %s", (_name, c) => {
    expect(rows.map((r) => apply(c.rule, r))).toEqual(c.expect);
  });

  it.each(cases.conditions.map((c) => [JSON.stringify(c.rule), c] as const))("condition %s", (_name, c) => {
    expect(rows.filter((r) => jsonLogic.truthy(apply(c.rule, r))).map((r) => r.id)).toEqual(c.rows);
  });

  it("reads the clock it is given, in the zone it is given", () => {
    setDateContext({ now: () => new Date("2026-06-30T20:00:00Z"), timeZone: "America/New_York" });
    expect(apply({ today: [] }, {})).toBe("2026-06-30");
    expect(apply({ now: [] }, {})).toBe("2026-06-30T16:00:00");
    setDateContext({ timeZone: "Asia/Shanghai" });
    expect(apply({ today: [] }, {})).toBe("2026-07-01");
    setDateContext({ now: () => new Date(cases.clock), timeZone: cases.zone });
  });
});
