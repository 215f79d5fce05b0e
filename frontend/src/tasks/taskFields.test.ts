import { describe, expect, it } from "vitest";
import type { FieldDef, RecordRow } from "../api/types";
import { changedValues, editableValues, missingRequired, schemaFields, shownFields } from "./taskFields";

const FIELDS: FieldDef[] = [
  { id: "amount", type: "money", label: { zh: "金额", en: "Amount" } },
  { id: "note", type: "long_text" },
  { id: "bank_account", type: "text" },
  { id: "owner", type: "user" },
];
const RECORD = { id: 7, version: 1, amount: 100, note: "hi", bank_account: "622", owner: { id: 3, title: "Li" } } as RecordRow;

describe("shownFields", () => {
  const task = { fields: { amount: "readonly" as const, note: "editable" as const, bank_account: "hidden" as const, owner: "editable" as const },
    required: ["note"] };

  it("leaves hidden fields out, reads unnamed ones as read-only, keeps the form's order", () => {
    const shown = shownFields(task, FIELDS);
    expect(shown.map((f) => [f.field.id, f.editable, f.required])).toEqual([
      ["amount", false, false], ["note", true, true], ["owner", true, false]]);
    expect(shownFields({ fields: {} }, FIELDS).every((f) => !f.editable)).toBe(true);
  });

  it("never makes a read-only or computed field editable", () => {
    const defs: FieldDef[] = [{ id: "a", type: "text", readonly: true }, { id: "b", type: "formula", value_type: "number" }];
    expect(shownFields({ fields: { a: "editable", b: "editable" } }, defs).map((f) => f.editable)).toEqual([false, false]);
  });

  it("takes the fields from the task's schema without the form", () => {
    const schema = { properties: { id: {}, amount: { title: "金额" }, secret: {} } };
    expect(schemaFields(schema).map((f) => f.id)).toEqual(["amount", "secret"]);
    expect(shownFields({ fields: { secret: "hidden" }, schema }, null).map((f) => f.field.id)).toEqual(["amount"]);
    expect(shownFields({ fields: {}, schema: { fields: FIELDS } }, null)).toHaveLength(4);
  });

  it("limits the form's fields to the visible ones the schema lists", () => {
    expect(shownFields({ fields: {}, schema: { properties: { amount: {} } } }, FIELDS).map((f) => f.field.id)).toEqual(["amount"]);
  });
});

describe("values", () => {
  const shown = shownFields({ fields: { note: "editable", owner: "editable" }, required: ["note"] }, FIELDS);

  it("starts from the record, ids for expanded references", () => {
    expect(editableValues(shown, RECORD)).toEqual({ note: "hi", owner: 3 });
  });

  it("sends only what changed", () => {
    expect(changedValues({ note: "new", owner: 3 }, { note: "hi", owner: 3 })).toEqual({ note: "new" });
    expect(changedValues({ note: undefined }, { note: "hi" })).toEqual({ note: null });
  });

  it("names required fields left empty", () => {
    expect(missingRequired(shown, { note: "", owner: null })).toEqual(["note"]);
    expect(missingRequired(shown, { note: "x" })).toEqual([]);
  });
});
