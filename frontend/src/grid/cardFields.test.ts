import { describe, expect, it } from "vitest";
import type { FormDef } from "../api/types";
import { cardFields } from "./cardFields";

const field = (id: string) => ({ id, type: "text", label: { zh: id, en: id } });
const def = (extra: Record<string, unknown> = {}): FormDef => ({
  id: "client", title_field: "name", actions: ["read"], fields: ["name", "code", "mobile", "equity", "tier"].map(field),
  ...extra,
} as FormDef);

describe("cardFields", () => {
  it("takes the first two columns after the title", () => {
    expect(cardFields(def(), ["name", "code", "mobile", "tier"])).toEqual(["code", "mobile"]);
  });
  it("prefers the form's key figures the user may see, skipping aggregates", () => {
    const summary = ["equity", { id: "month_pnl", aggregate: "sum" }, "tier"];
    expect(cardFields(def({ summary }), ["name", "code"])).toEqual(["equity", "tier"]);
  });
  it("fills up from the columns when a key figure is hidden from the user", () => {
    expect(cardFields(def({ summary: ["margin_ratio", "tier"] }), ["name", "code"])).toEqual(["tier", "code"]);
  });
});
