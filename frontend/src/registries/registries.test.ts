/** Contract: every field type the server registers has a widget and a cell renderer. */
import { describe, expect, it } from "vitest";
import fixture from "./__fixtures__/field-types.json";
import { cellRenderers, fieldWidgets } from "./index";

/** A function component, or a lazy one (an object React renders). */
const isComponent = (c: unknown) => typeof c === "function" || (typeof c === "object" && c !== null && "$$typeof" in c);

const CORE_KEYS = [
  "text", "long_text", "integer", "decimal", "money", "percent", "boolean", "date", "datetime",
  "single_select", "multi_select", "email", "mobile", "url", "auto_number", "user", "relation",
  "sub_table", "attachment", "json", "department", "formula", "lookup", "rollup",
];

describe("field registries", () => {
  it("the fixture's types are the server's core types", () => {
    expect(fixture.items.map((i) => i.key).filter((k) => !CORE_KEYS.includes(k))).toEqual([]);
    expect(fixture.items.length).toBeGreaterThanOrEqual(21);
  });

  it.each(fixture.items.map((i) => [i.key, i.widget] as const))("%s has a widget and a cell renderer", (key, widget) => {
    expect(isComponent(fieldWidgets[key]), `widget for ${key}`).toBe(true);
    expect(isComponent(fieldWidgets[widget]), `widget key ${widget}`).toBe(true);
    expect(cellRenderers[key], `cell for ${key}`).toBeTypeOf("function");
  });

  it("has no entries for unknown types", () => {
    const known = new Set(CORE_KEYS);
    expect(Object.keys(fieldWidgets).filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(cellRenderers).filter((k) => !known.has(k))).toEqual([]);
  });
});
