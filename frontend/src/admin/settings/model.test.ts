/** The app settings page's model: every seed app and the meta-schema's examples are written back
 * unchanged when nothing is edited; edits change only what they name; moving entries within and
 * between groups; the side menu resolved from a definition; publishing's changes in words. */
import { describe, expect, it } from "vitest";
import { resolveMenu, type Catalog } from "../../shell/appMenu";
import { describeChanges } from "./changes";
import { fromDefinition, place, startingMenu, step, toDefinition, unplace, type AppDefinition } from "./model";

const seeds = import.meta.glob("../../../../seeds/*/app.json", { eager: true, import: "default" }) as
  Record<string, AppDefinition>;
const schema = import.meta.glob("../../../../metadata/app.schema.json", { eager: true, import: "default" }) as
  Record<string, { examples: AppDefinition[] }>;
const examples = Object.values(schema)[0].examples;

describe("round trip", () => {
  it("finds the seed apps and the examples", () => {
    expect(Object.keys(seeds).length).toBeGreaterThanOrEqual(1);
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });
  for (const def of [...Object.values(seeds), ...examples]) {
    it(`keeps ${def.id} as written`, () => {
      expect(JSON.stringify(toDefinition(def, fromDefinition(def)))).toEqual(JSON.stringify(def));
    });
  }
});

const crm = Object.values(seeds).find((d) => d.id === "futures_crm")!;

describe("edits", () => {
  it("changes only what was edited", () => {
    const s = fromDefinition(crm);
    const out = toDefinition(crm, { ...s, label: { zh: "期货 CRM ", en: "" }, home: { type: "form", key: "client" } });
    expect(out.label).toEqual({ zh: "期货 CRM" });
    expect(out.home).toEqual({ form: "client" });
    expect({ ...out, label: crm.label, home: crm.home }).toEqual(crm);
    expect(toDefinition(crm, { ...s, home: { type: "default" } }).home).toBeUndefined();
  });
  it("writes an arranged menu, group names cleaned", () => {
    const menu = startingMenu(crm, ["ticket", "client", "survey"], { zh: "业务" });
    expect(menu).toEqual([{ label: { zh: "业务" }, items: [
      { type: "form", key: "client" }, { type: "form", key: "ticket" }, { type: "form", key: "survey" }] }]);
    const out = toDefinition(crm, { ...fromDefinition(crm), menu: [...menu, { label: { zh: " ", en: "" }, items: [] }] });
    expect(out.menu).toEqual([...menu, { items: [] }]);
  });
});

describe("moving entries", () => {
  const menu = [
    { label: { zh: "客户" }, items: [{ type: "form" as const, key: "client" }, { type: "form" as const, key: "ticket" }] },
    { label: { zh: "报表" }, items: [{ type: "dashboard" as const, key: "risk" }] },
  ];
  it("steps within a group and across its edge", () => {
    expect(step(menu, "form:client", 1)[0].items.map((e) => e.key)).toEqual(["ticket", "client"]);
    const crossed = step(menu, "form:ticket", 1);
    expect(crossed[0].items.map((e) => e.key)).toEqual(["client"]);
    expect(crossed[1].items.map((e) => e.key)).toEqual(["ticket", "risk"]);
    expect(step(menu, "form:client", -1)).toBe(menu);
  });
  it("places and takes out", () => {
    expect(place(menu, { type: "view", key: "vip" }, 0, 1)[0].items.map((e) => e.key)).toEqual(["client", "vip", "ticket"]);
    expect(place(menu, { type: "form", key: "client" }, 0, 2)[0].items.map((e) => e.key)).toEqual(["ticket", "client"]);
    expect(unplace(menu, "dashboard:risk")[1].items).toEqual([]);
  });
});

describe("the side menu", () => {
  const catalog: Catalog = {
    form: new Map([["client", { zh: "客户" }], ["ticket", { zh: "工单" }], ["survey", { zh: "调查" }]]),
    view: new Map(), report: new Map(), dashboard: new Map([["risk", { zh: "风险" }]]),
  };
  it("follows the forms' order without a menu", () => {
    const groups = resolveMenu({ forms: ["ticket", "client"] }, catalog);
    expect(groups[0].items.map((e) => e.key)).toEqual(["ticket", "client", "survey"]);
  });
  it("follows the groups, leaves out what the user may not open, puts the rest last", () => {
    const groups = resolveMenu({ forms: ["client", "ticket", "survey"], menu: [
      { label: { zh: "A" }, items: [{ type: "dashboard", key: "risk" }, { type: "form", key: "ticket" }, { type: "view", key: "gone" }] },
      { label: { zh: "B" }, items: [{ type: "report", key: "hidden" }] },
    ] }, catalog);
    expect(groups.map((g) => [g.label?.zh, g.rest ?? false, g.items.map((e) => e.key)])).toEqual([
      ["A", false, ["risk", "ticket"]], [undefined, true, ["client", "survey"]]]);
  });
});

describe("changes in words", () => {
  const t = (key: string, v?: Record<string, unknown>) => `${key}${v ? JSON.stringify(v) : ""}`;
  const name = (type: string, key: string) => `${type}/${key}`;
  it("says nothing when nothing changed", () => {
    expect(describeChanges(crm, toDefinition(crm, fromDefinition(crm)), name, t, "zh")).toEqual([]);
  });
  it("names the home page and the groups", () => {
    const next = { ...crm, home: { form: "client" }, menu: [{ label: { zh: "客户" }, items: [{ type: "form" as const, key: "client" }] }] };
    const said = describeChanges(crm, next, name, t, "zh");
    expect(said).toContain('settings.changes.home{"from":"dashboard/workbench","to":"form/client"}');
    expect(said).toContain("settings.changes.menuFirst");
    expect(said).toContain('settings.changes.groupAdded{"group":"客户","items":"form/client"}');
  });
});
