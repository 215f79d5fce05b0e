import { describe, expect, it } from "vitest";
import { configOf, panelForm, specialOf, withOptionPickers } from "./configSchema";

const label = (text: unknown, fallback: string) =>
  (typeof text === "string" ? text : (text as { zh?: string } | undefined)?.zh) || fallback;

describe("a node type's config schema as the panel's form", () => {
  it("marks the keys needing their own input", () => {
    expect(specialOf("when", {})).toBe("condition");
    expect(specialOf("until_condition", { type: "object" })).toBe("condition");
    expect(specialOf("recipients", { type: "array" })).toBe("recipients");
    expect(specialOf("template", { type: "string" })).toBe("template");
    expect(specialOf("values", { type: "object" })).toBe("values");
    expect(specialOf("amount", {})).toBe("expression");
    expect(specialOf("title", { type: "string" })).toBeNull();
    expect(specialOf("fields", { type: "array" })).toBe("fields");
    expect(specialOf("field", { type: "string" })).toBe("field");
    expect(specialOf("where", {})).toBe("condition");
    expect(specialOf("data", { type: "object" })).toBe("data");
    expect(specialOf("form", { type: "string" })).toBe("form");
    expect(specialOf("assignee", { oneOf: [] })).toBe("assignee");
    expect(specialOf("target", { oneOf: [{ enum: ["trigger", "records"] }, { type: "object" }] })).toBe("choice");
    expect(specialOf("for", { type: "object", properties: { amount: { type: "integer" }, unit: { enum: ["days"] } } })).toBe("duration");
    expect(specialOf("urgency", { enum: ["low", "high"] })).toBeNull();
  });
  it("leaves out what the canvas edits and localizes titles", () => {
    const f = panelForm({
      type: "object", required: ["branches", "title"],
      properties: {
        branches: { type: "array" }, title: { type: "string", title: { zh: "标题", en: "Title" } },
        due_days: { type: "integer", description: "days" }, values: { type: "object" },
      },
    }, label);
    expect(f.keys).toEqual(["title", "due_days", "values"]);
    expect(f.schema.required).toEqual(["title"]);
    expect((f.schema.properties as Record<string, { title?: string }>).title.title).toBe("标题");
    expect((f.schema.properties as Record<string, { title?: string }>).due_days.title).toBe("due_days");
    expect(f.uiSchema.values).toEqual({ "ui:field": "special", "ui:fieldReplacesAnyOrOneOf": true, "ui:options": { special: "values" } });
    expect(f.uiSchema.title).toBeUndefined();
  });
  it("picks a text setting named like a select field from its options", () => {
    const f = withOptionPickers(panelForm({ properties: { purpose: { type: "string" }, note: { type: "string" } } }, label),
      new Set(["purpose"]));
    expect(f.uiSchema.purpose).toEqual({ "ui:field": "special", "ui:fieldReplacesAnyOrOneOf": true, "ui:options": { special: "option" } });
    expect(f.uiSchema.note).toBeUndefined();
  });
  it("names enum values", () => {
    const f = panelForm({ properties: { urgency: { enum: ["high", "low"] } } }, label, (v) => (v === "high" ? "高" : String(v)));
    expect((f.schema.properties as Record<string, { oneOf?: unknown }>).urgency.oneOf)
      .toEqual([{ const: "high", title: "高" }, { const: "low", title: "low" }]);
    expect((f.schema.properties as Record<string, { type?: string }>).urgency.type).toBe("string");
  });
  it("keeps a special input's help and choices for it", () => {
    const f = panelForm({ properties: { target: { description: "which", oneOf: [{ enum: ["trigger", "records"] }, { type: "object" }] } } }, label);
    const target = (f.schema.properties as Record<string, Record<string, unknown>>).target;
    expect(target.description).toBeUndefined();
    expect(target["x-help"]).toBe("which");
    expect(target["x-choices"]).toEqual(["trigger", "records"]);
  });
  it("takes a node's own configuration", () => {
    expect(configOf({ id: "a", type: "branch", label: {}, branches: [], default: {}, x: 1 })).toEqual({ x: 1 });
  });
});
