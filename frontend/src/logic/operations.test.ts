import { describe, expect, it } from "vitest";
import jsonLogic from "json-logic-js";
import { OPERATIONS, registerOperations } from "./operations";

describe("registerOperations", () => {
  it("installs every Trellis operator with the server's meaning", () => {
    registerOperations(jsonLogic);
    registerOperations(jsonLogic);
    const apply = (rule: unknown, data: unknown = {}) => jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
    expect(apply({ contains: [{ var: "a" }, "ell"] }, { a: "hello" })).toBe(true);
    expect(apply({ contains: [{ var: "a" }, "x"] }, { a: ["x", "y"] })).toBe(true);
    expect(apply({ contains: [{ var: "a" }, "z"] }, { a: 5 })).toBe(false);
    expect(apply({ starts_with: ["hello", "he"] })).toBe(true);
    expect(apply({ ends_with: ["hello", "he"] })).toBe(false);
    expect(apply({ is_empty: [{ var: "a" }] }, { a: "" })).toBe(true);
    expect(apply({ is_empty: [{ var: "a" }] }, { a: [] })).toBe(true);
    expect(apply({ not_empty: [{ var: "a" }] }, { a: 0 })).toBe(true);
    expect(Object.keys(OPERATIONS)).toEqual(expect.arrayContaining([
      "contains", "date_add", "date_diff", "ends_with", "is_empty", "not_empty", "now", "start_of", "starts_with", "today",
      "round", "div", "len", "mid", "to_text", "coalesce", "year", "make_date", "sum_of", "count_of",
    ]));
  });
});
