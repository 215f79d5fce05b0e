/** The role editor's model: every seed role loads and saves back unchanged; presets read and
 * written; field permissions edited the way the grant was written. */
import { describe, expect, it } from "vitest";
import {
  readRole, readScope, rightOf, roleJson, scopeLogic, setNewFieldsHidden, setRight, toggleAction,
} from "./model";
import type { Grant, RoleJson } from "./model";

const seeds = import.meta.glob("../../../../seeds/futures_crm/roles/*.json", { eager: true, import: "default" }) as
  Record<string, RoleJson>;

/** JSON with object keys sorted (key order is not part of a definition). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

describe("round trip", () => {
  it("finds the seed roles", () => {
    expect(Object.keys(seeds).length).toBeGreaterThanOrEqual(7);
  });
  for (const [path, role] of Object.entries(seeds)) {
    it(`keeps ${path.split("/").pop()} as written`, () => {
      expect(canonical(roleJson(readRole(role)))).toEqual(canonical(role));
    });
  }
  it("reads the seed scopes as presets", () => {
    const byId = Object.fromEntries(Object.values(seeds).map((r) => [r.id as string, readRole(r)]));
    expect(byId.account_manager.forms.client.scope).toEqual({ kind: "own", field: "account_manager" });
    expect(byId.account_manager.forms.deposit.scope).toEqual({ kind: "related_own", field: "client.account_manager" });
    expect(byId.branch_head.forms.client.scope).toEqual({ kind: "department_tree", field: "branch" });
    expect(byId.finance.forms.client.visible).toContain("mobile");
    expect(byId.management.allForms?.actions).toEqual(["read", "export"]);
  });
  it("keeps an empty forms member and a custom scope as written", () => {
    const custom = { and: [{ "==": [{ var: "status" }, "active"] }, { in: [{ var: "owner" }, { var: "$user.subordinates" }] }] };
    const role = { schema_version: 1, id: "x", label: { zh: "某" }, forms: {} };
    expect(roleJson(readRole(role))).toEqual(role);
    const withCustom = { ...role, forms: { client: { actions: ["read"], scope: custom } } };
    expect(readRole(withCustom).forms.client.scope.kind).toBe("custom");
    expect(canonical(roleJson(readRole(withCustom)))).toEqual(canonical(withCustom));
  });
});

describe("presets", () => {
  it("writes each preset as its variable", () => {
    expect(scopeLogic({ kind: "subordinates", field: "owner" })).toEqual({ in: [{ var: "owner" }, { var: "$user.subordinates" }] });
    expect(scopeLogic({ kind: "department", field: "branch" })).toEqual({ in: [{ var: "branch" }, { var: "$user.departments" }] });
    expect(scopeLogic({ kind: "all" })).toBeUndefined();
    expect(readScope({ "==": [{ var: "$user.id" }, { var: "owner" }] }).kind).toBe("custom");
    expect(readScope({ "==": [{ var: "owner" }, { var: "$user.username" }] }).kind).toBe("custom");
  });
});

describe("field permissions", () => {
  const fields = ["a", "b", "c"];
  it("edits a fields map", () => {
    let g: Grant = { actions: ["read"], scope: { kind: "all" } };
    g = setRight(g, "b", "hidden");
    g = setRight(g, "c", "readonly");
    expect(g.fields).toEqual({ b: "hidden", c: "readonly" });
    expect(fields.map((f) => rightOf(g, f))).toEqual(["visible", "hidden", "readonly"]);
    g = setRight(g, "b", "visible");
    expect(g.fields).toEqual({ c: "readonly" });
  });
  it("edits a visible list and switches between the two ways", () => {
    let g: Grant = { actions: ["read"], scope: { kind: "all" }, visible: ["a", "b"] };
    expect(rightOf(g, "c")).toBe("hidden");
    g = setRight(g, "c", "readonly");
    expect(g.visible).toEqual(["a", "b", "c"]);
    expect(g.fields).toEqual({ c: "readonly" });
    g = setRight(g, "a", "hidden");
    expect(g.visible).toEqual(["b", "c"]);
    const asMap = setNewFieldsHidden(g, false, fields);
    expect(asMap.visible).toBeUndefined();
    expect(asMap.fields).toEqual({ a: "hidden", c: "readonly" });
    expect(setNewFieldsHidden(asMap, true, fields).visible).toEqual(["b", "c"]);
  });
  it("keeps actions in order", () => {
    const g: Grant = { actions: ["update", "read"], scope: { kind: "all" } };
    expect(toggleAction(g, "create", true).actions).toEqual(["read", "create", "update"]);
    expect(toggleAction(g, "read", false).actions).toEqual(["update"]);
  });
});
