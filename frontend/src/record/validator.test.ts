import { describe, expect, it } from "vitest";
import type { JsonSchema } from "../api/types";
import { flatten } from "./schemaBuild";
import { createValidator, validateObject } from "./validator";
import type { CellErrors } from "./cellErrors";

const say = (key: string, p?: Record<string, unknown>) =>
  `${key}${p?.limit !== undefined ? `:${p.limit}` : ""}${p?.rows !== undefined ? `:${String(p.rows)}` : ""}`;

const server: JsonSchema = {
  type: "object",
  required: ["name", "steps"],
  properties: {
    name: { anyOf: [{ type: "string", maxLength: 3 }, { type: "null" }], title: "名称" },
    status: { anyOf: [{ type: "string", enum: ["a", "b"] }, { type: "null" }] },
    years: { anyOf: [{ type: "integer", minimum: 0, maximum: 60 }, { type: "null" }] },
    steps: {
      anyOf: [{ type: "array", items: { type: "object", required: ["at"],
        properties: { at: { anyOf: [{ type: "string" }, { type: "null" }], title: "时间" } } } }, { type: "null" }],
    },
  },
};
const schema: JsonSchema = {
  ...server,
  properties: Object.fromEntries(Object.entries(server.properties!).map(([k, v]) => [k, flatten(v)])),
};

describe("record validation", () => {
  it("flattens nullable properties", () => {
    expect(schema.properties!.status).toEqual({ type: ["string", "null"], enum: ["a", "b", null] });
    expect(schema.properties!.name.title).toBe("名称");
  });
  it("reports every problem by field", () => {
    const found = validateObject(schema, { name: "abcd", status: "c", years: 61, steps: [{}] }, say);
    expect(found).toEqual({
      name: ["validation.maxLength:3"],
      status: ["validation.enum"],
      years: ["validation.maximum:60"],
      steps: ["#1 时间: validation.required"],
    });
  });
  it("treats empty values as missing for required fields", () => {
    expect(validateObject(schema, { name: "", steps: [] }, say)).toEqual({
      name: ["validation.required"], steps: ["validation.required"],
    });
    expect(validateObject(schema, { name: "ok", steps: [{ at: "x" }], status: null }, say)).toEqual({});
  });
  it("puts sub-table row problems on their cells, with a line naming the rows", () => {
    const cells: Record<string, CellErrors> = {};
    const found = validateObject(schema, { name: "ok", steps: [{ at: "x" }, {}, { at: 3 }] }, say, cells);
    expect(cells).toEqual({ steps: { 1: { at: ["validation.required"] }, 2: { at: ["validation.type"] } } });
    expect(found).toEqual({ steps: ["validation.rows:2validation.rowSep3"] });
  });
  it("gives rjsf an error schema with the cells under their row numbers", () => {
    const v = createValidator(say);
    const { errors, errorSchema } = v.validateFormData({ name: "ok", steps: [{}, { at: "x" }] }, schema as never);
    expect(errorSchema).toEqual({ steps: { __errors: ["validation.rows:1"], 0: { at: { __errors: ["validation.required"] } } } });
    expect(errors.map((e) => e.property)).toEqual([".steps.0.at", ".steps"]);
    expect(v.isValid(schema as never, { name: "ok", steps: [{}] }, schema as never)).toBe(false);
  });
});
