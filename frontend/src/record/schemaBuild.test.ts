import { describe, expect, it } from "vitest";
import type { FormDef, JsonSchema } from "../api/types";
import { fieldStates } from "./conditions";
import { buildSchema, changes, createBody, defaultsFor, toFormData } from "./schemaBuild";

const def: FormDef = {
  id: "ticket", actions: ["create"],
  fields: [
    { id: "number", type: "auto_number" },
    { id: "category", type: "single_select", required: true },
    { id: "reason", type: "single_select", visible_if: { "==": [{ var: "category" }, "complaint"] },
      required_if: { "==": [{ var: "category" }, "complaint"] } },
    { id: "assignee", type: "user", default: "$user" },
    { id: "priority", type: "single_select", default: "medium" },
    { id: "client", type: "relation", target: "client" },
    { id: "locked", type: "text", readonly: true },
  ],
};
const server: JsonSchema = {
  type: "object", required: ["category"],
  properties: {
    category: { anyOf: [{ type: "string", enum: ["complaint", "other"] }, { type: "null" }] },
    reason: { anyOf: [{ type: "string" }, { type: "null" }] },
    assignee: { anyOf: [{ type: "integer" }, { type: "null" }] },
    priority: { anyOf: [{ type: "string" }, { type: "null" }] },
    client: { anyOf: [{ type: "integer" }, { type: "null" }] },
    locked: { anyOf: [{ type: "string" }, { type: "null" }], readOnly: true },
  },
};

describe("record form schema", () => {
  it("shows conditional fields only when their condition holds", () => {
    const hidden = buildSchema(server, def, fieldStates(def, { category: "other" }));
    expect(Object.keys(hidden.properties!)).toEqual(["number", "category", "assignee", "priority", "client", "locked"]);
    expect(hidden.required).toEqual(["category"]);
    const shown = buildSchema(server, def, fieldStates(def, { category: "complaint" }));
    expect(shown.properties!.reason).toEqual({ type: ["string", "null"] });
    expect(shown.required).toEqual(["category", "reason"]);
  });
  it("reads records as form data and writes back only changes", () => {
    const data = toFormData(def, { id: 1, version: 3, category: "other", client: { id: 7, title: "张三" }, reason: null });
    expect(data).toEqual({ category: "other", client: 7 });
    expect(changes(def, data, { ...data, category: "complaint", client: undefined, locked: "x" }))
      .toEqual({ category: "complaint", client: null });
  });
  it("fills defaults and leaves system fields out of a create", () => {
    expect(defaultsFor(def, 42)).toEqual({ assignee: 42, priority: "medium" });
    expect(createBody(def, { number: "X", category: "other", locked: "y", client: undefined })).toEqual({ category: "other" });
  });
});
