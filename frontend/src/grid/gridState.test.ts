import { describe, expect, it } from "vitest";
import type { FormDef } from "../api/types";
import { andFilter, countConditions, defaultColumns, expandFor, initialState, suggestedColumns, toggleSort } from "./gridState";

const def: FormDef = {
  id: "client", title_field: "name", actions: ["read"],
  fields: [
    { id: "code", type: "auto_number" }, { id: "name", type: "text" }, { id: "remark", type: "long_text" },
    { id: "status", type: "single_select", options: [{ value: "a" }] }, { id: "am", type: "user" },
    { id: "opened", type: "date" },
  ],
  layout: [{ fields: ["code", "name", "remark", "am"] }],
};

describe("grid state", () => {
  it("offers the filter's and sort's fields the table does not show", () => {
    const filter = { and: [{ "==": [{ var: "status" }, "a"] }, { ">": [{ var: "opened" }, "2024-01-01"] }, { "==": [{ var: "gone" }, 1] }] };
    expect(suggestedColumns(def, ["name", "opened"], filter, ["-am", "status", "name"]).map((f) => f.id)).toEqual(["status", "am"]);
    expect(suggestedColumns(def, ["name"], null, [])).toEqual([]);
  });

  it("sorts by one column, cycling asc, desc, none", () => {
    expect(toggleSort([], "name", false)).toEqual(["name"]);
    expect(toggleSort(["name"], "name", false)).toEqual(["-name"]);
    expect(toggleSort(["-name"], "name", false)).toEqual([]);
    expect(toggleSort(["-equity", "name"], "code", false)).toEqual(["code"]);
  });
  it("shift adds and cycles in place", () => {
    expect(toggleSort(["-equity"], "name", true)).toEqual(["-equity", "name"]);
    expect(toggleSort(["-equity", "name"], "name", true)).toEqual(["-equity", "-name"]);
    expect(toggleSort(["-equity", "-name"], "equity", true)).toEqual(["-name"]);
  });
  it("default columns put the title first and skip wide types", () => {
    expect(defaultColumns(def)).toEqual(["name", "code", "am", "status", "opened"]);
  });
  it("takes a view's settings, ignoring unknown fields", () => {
    const s = initialState(def, { schema_version: 1, id: "v", form: "client", label: { zh: "v" }, type: "kanban",
      columns: ["name", "gone"], sort: ["-gone", "name"], filter: { "==": [{ var: "status" }, "a"] } });
    expect(s.columns).toEqual(["name"]);
    expect(s.sort).toEqual(["name"]);
    expect(s.mode).toBe("kanban");
    expect(s.groupBy).toBe("status");
    expect(s.dateField).toBe("opened");
  });
  it("expands user fields among the columns", () => {
    expect(expandFor(def, ["name", "am"])).toEqual(["am"]);
  });
  it("combines and counts filters", () => {
    const a = { "==": [{ var: "x" }, 1] };
    expect(andFilter(null, a)).toBe(a);
    expect(andFilter(a, a)).toEqual({ and: [a, a] });
    expect(countConditions({ and: [a, { or: [a, a] }] })).toBe(3);
    expect(countConditions(null)).toBe(0);
  });
});
