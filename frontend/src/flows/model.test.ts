import { describe, expect, it } from "vitest";
import { blankFlow, canonical, sameBesidesEnabled } from "./model";

describe("a flow's drafts", () => {
  it("starts a new flow with its trigger and an empty body", () => {
    expect(blankFlow("a", { zh: "甲" }, "journey", "client", "manual")).toEqual({
      schema_version: 1, id: "a", label: { zh: "甲" }, kind: "journey", enabled: true, form: "client",
      trigger: { type: "manual" }, steps: [],
    });
    expect(blankFlow("b", { zh: "乙" }, "automation", undefined, "schedule").form).toBeUndefined();
  });
  it("compares versions whatever the order of keys, enabled aside", () => {
    expect(canonical({ b: [1, { y: 2, x: 1 }], a: null })).toBe('{"a":null,"b":[1,{"x":1,"y":2}]}');
    const one = blankFlow("a", { zh: "甲" }, "automation", "client", "manual");
    const two = { ...one, enabled: false, trigger: { type: "manual" } };
    expect(sameBesidesEnabled(one, two)).toBe(true);
    expect(sameBesidesEnabled(one, { ...two, steps: [{ id: "e", type: "end" }] })).toBe(false);
  });
});
