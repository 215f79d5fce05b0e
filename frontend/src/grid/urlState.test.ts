import { describe, expect, it } from "vitest";
import type { FormDef, ViewDef } from "../api/types";
import { applyChange, BIN_SORT, defaultUrl, readGridUrl, withBin, writeGridUrl } from "./urlState";

const def: FormDef = {
  id: "client", title_field: "name", actions: ["read", "delete"],
  fields: [
    { id: "name", type: "text" }, { id: "equity", type: "money" },
    { id: "status", type: "single_select", options: [{ value: "a" }] }, { id: "opened", type: "date" },
  ],
};
const view: ViewDef = { schema_version: 1, id: "rich", form: "client", label: { zh: "大户" }, type: "grid",
  filter: { ">": [{ var: "equity" }, 1000] }, sort: ["-equity"], columns: ["name", "equity"] };
const read = (qs: string, v?: ViewDef) => readGridUrl(def, v, new URLSearchParams(qs));

describe("grid state in the URL", () => {
  it("writes nothing for the defaults", () => {
    expect(writeGridUrl(def, undefined, defaultUrl(def)).toString()).toBe("");
    expect(writeGridUrl(def, view, defaultUrl(def, view)).toString()).toBe("");
  });
  it("round-trips search, filter, sort, columns, page and the recycle bin", () => {
    const url = { ...defaultUrl(def), page: 3, pageSize: 100, bin: true };
    url.state = { ...url.state, q: "张 三", filter: { "==": [{ var: "status" }, "a"] }, sort: ["-deleted_at", "name"], columns: ["equity"] };
    const qs = writeGridUrl(def, undefined, url).toString();
    expect(read(qs)).toEqual(url);
  });
  it("keeps a view's defaults unless the URL overrides them, even to nothing", () => {
    expect(read("", view).state.filter).toEqual(view.filter);
    const cleared = applyChange(defaultUrl(def, view), { filter: null, sort: [] });
    const qs = writeGridUrl(def, view, cleared);
    expect(qs.get("filter")).toBe("null");
    expect(qs.get("sort")).toBe("");
    expect(read(qs.toString(), view).state).toMatchObject({ filter: null, sort: [] });
  });
  it("ignores what it cannot read", () => {
    const url = read("filter=%7Bnope&sort=ghost,-equity&cols=ghost&mode=table&page=-2&size=7&group=ghost");
    expect(url).toEqual({ ...defaultUrl(def), state: { ...defaultUrl(def).state, sort: ["-equity"] } });
    expect(readGridUrl({ ...def, actions: ["read"] }, undefined, new URLSearchParams("bin=1")).bin).toBe(false);
  });
  it("goes back to page 1 when what is listed changes, not when columns do", () => {
    const at3 = { ...defaultUrl(def), page: 3 };
    expect(applyChange(at3, { q: "x" }).page).toBe(1);
    expect(applyChange(at3, { sort: ["name"] }).page).toBe(1);
    expect(applyChange(at3, { columns: ["name"] }).page).toBe(3);
    expect(applyChange(at3, { q: "" }).page).toBe(3);
  });
  it("opens the recycle bin latest deletions first, and leaves it with the default sort", () => {
    const inBin = withBin(def, view, { ...defaultUrl(def, view), page: 4 }, true);
    expect(inBin).toMatchObject({ bin: true, page: 1, state: { sort: BIN_SORT } });
    expect(writeGridUrl(def, view, inBin).toString()).toBe("bin=1");
    expect(read("bin=1", view).state.sort).toEqual(BIN_SORT);
    expect(read("bin=1&sort=name", view).state.sort).toEqual(["name"]);
    expect(withBin(def, view, inBin, false).state.sort).toEqual(["-equity"]);
  });
});
