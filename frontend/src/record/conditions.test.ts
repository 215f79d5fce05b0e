import { describe, expect, it } from "vitest";
import type { FormDef } from "../api/types";
import { fieldStates, holds } from "./conditions";

const def: FormDef = {
  id: "ticket", actions: [],
  fields: [
    { id: "category", type: "single_select" },
    { id: "reason", type: "single_select", visible_if: { "==": [{ var: "category" }, "complaint"] },
      required_if: { "==": [{ var: "category" }, "complaint"] } },
    { id: "tags", type: "multi_select" },
    { id: "note", type: "text", readonly_if: { contains: [{ var: "tags" }, "locked"] } },
    { id: "code", type: "auto_number" },
  ],
};

describe("field conditions", () => {
  it("follow the data", () => {
    let s = fieldStates(def, {});
    expect(s.get("reason")).toEqual({ visible: false, required: false, readonly: false });
    expect(s.get("code")?.readonly).toBe(true);
    s = fieldStates(def, { category: "complaint", tags: ["locked"] });
    expect(s.get("reason")).toEqual({ visible: true, required: true, readonly: false });
    expect(s.get("note")?.readonly).toBe(true);
  });
  it("implement the server's extra operators", () => {
    expect(holds({ is_empty: { var: "x" } }, { x: [] }, false)).toBe(true);
    expect(holds({ not_empty: [{ var: "x" }] }, { x: "a" }, false)).toBe(true);
    expect(holds({ starts_with: [{ var: "x" }, "KH"] }, { x: "KH001" }, false)).toBe(true);
    expect(holds({ contains: [{ var: "x" }, "ab"] }, { x: "xaby" }, false)).toBe(true);
    expect(holds({ "in": [{ var: "x" }, ["a", "b"]] }, { x: "b" }, false)).toBe(true);
    expect(holds(null, {}, true)).toBe(true);
    expect(holds({ nonsense_op: [1] }, {}, true)).toBe(false);
  });
});
