import { describe, expect, it } from "vitest";
import type { FormDef } from "../api/types";
import { applyFormulas, lookupSpecs } from "./computed";

const def = (fields: FormDef["fields"]): FormDef => ({ id: "f", fields, actions: [] });

describe("formulas on the record form", () => {
  const form = def([
    { id: "equity", type: "money" },
    { id: "tier", type: "formula", value_type: "text",
      logic: { if: [{ ">": [{ var: "equity" }, 1000000] }, "高净值", "普通"] } },
    { id: "label", type: "formula", value_type: "text", logic: { cat: [{ var: "tier" }, "客户"] } },
    { id: "lots", type: "sub_table", fields: [{ id: "n", type: "integer" }] },
    { id: "total", type: "formula", value_type: "number",
      logic: { reduce: [{ var: "lots" }, { "+": [{ var: "accumulator" }, { var: "current.n" }] }, 0] } },
  ]);

  it("recomputes as the fields it reads change, formulas over formulas included", () => {
    const a = applyFormulas(form, { equity: 2000000 });
    expect(a).toMatchObject({ tier: "高净值", label: "高净值客户", total: 0 });
    const b = applyFormulas(form, { ...a, equity: 10 });
    expect(b).toMatchObject({ tier: "普通", label: "普通客户" });
  });

  it("reads sub-table rows", () => {
    expect(applyFormulas(form, { lots: [{ n: 2 }, { n: 5 }] }).total).toBe(7);
  });

  it("answers the same object when nothing changes, and keeps a stored value it cannot compute", () => {
    const a = applyFormulas(form, { equity: 5 });
    expect(applyFormulas(form, a)).toBe(a);
    const odd = def([{ id: "x", type: "formula", value_type: "text", logic: { no_such_op: [1] } }]);
    expect(applyFormulas(odd, { x: "stored" })).toEqual({ x: "stored" });
  });

  it("finds lookups through the form's relation fields", () => {
    const f = def([
      { id: "client", type: "relation", target: "client" },
      { id: "client_tier", type: "lookup", via: "client", field: "tier" },
      { id: "broken", type: "lookup", via: "nothing", field: "x" },
    ]);
    expect(lookupSpecs(f).map((s) => [s.field.id, s.via.target, s.source])).toEqual([["client_tier", "client", "tier"]]);
  });
});
