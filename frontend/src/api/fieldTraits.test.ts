import { describe, expect, it } from "vitest";
import { fieldTraits, traitsOf } from "./fieldTypes";

describe("a computed field's traits", () => {
  it("compare as the value type it computes", () => {
    const number = fieldTraits({ type: "formula", value_type: "number" });
    expect(number.sql_kind).toBe("number");
    expect(number.operators).toEqual(traitsOf("integer").operators);
    expect(fieldTraits({ type: "formula", value_type: "date" }).operators).toEqual(traitsOf("date").operators);
  });

  it("leave a plain field's traits alone", () => {
    expect(fieldTraits({ type: "money" })).toBe(traitsOf("money"));
  });
});
