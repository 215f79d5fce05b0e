import { describe, expect, it } from "vitest";
import { blankSource, mayBeSeveral, missingKey, statusFieldOf } from "./approvers";
import { placeProblems } from "./problems";
import type { Flow } from "./types";

describe("approver sources", () => {
  it("start blank, a department head at level 1", () => {
    expect(blankSource("department_head")).toEqual({ type: "department_head", levels: 1 });
    expect(blankSource("role")).toEqual({ type: "role" });
  });

  it("may name several people through a role, a field or the initiator's choice, or when there are several", () => {
    expect(mayBeSeveral([{ type: "manager" }])).toBe(false);
    expect(mayBeSeveral([{ type: "user", user: "fin01" }])).toBe(false);
    expect(mayBeSeveral([{ type: "role", role: "finance" }])).toBe(true);
    expect(mayBeSeveral([{ type: "manager" }, { type: "user", user: "fin01" }])).toBe(true);
    expect(mayBeSeveral([])).toBe(false);
  });
});

describe("a submitted flow's status field", () => {
  const status = (values: string[]) => values.map((value) => ({ value }));
  it("is the first select offering every approval status", () => {
    expect(statusFieldOf([{ id: "category", options: status(["a", "b"]) },
      { id: "short", options: status(["pending", "approved", "rejected"]) },
      { id: "approval_status", options: status(["pending", "approved", "rejected", "withdrawn", "returned"]) }])).toBe("approval_status");
    expect(statusFieldOf([{ id: "category", options: status(["a"]) }, { id: "name" }])).toBeUndefined();
  });
});

describe("the server's problems of human steps", () => {
  const flow: Flow = {
    schema_version: 1, id: "f", label: { zh: "f" }, trigger: { type: "submitted", status_field: "status" },
    steps: [
      { id: "head", type: "approval", approvers: [{ type: "manager" }] },
      { id: "split", type: "branch", branches: [{ id: "b", when: null, steps: [{ id: "risk", type: "approval" }] }], default: { steps: [] } },
    ],
  };

  it("go on the node they point into, the trigger's on the start card", () => {
    const placed = placeProblems(flow, [
      { pointer: "/steps/0/approvers/0/role", code: "unknown_role", message: { zh: "角色不存在" } },
      { pointer: "/steps/1/branches/0/steps/0", code: "invalid_config", message: { en: "'approvers' is a required property" } },
      { pointer: "/trigger/status_field", code: "bad_status_field" },
    ]);
    expect(placed.get("head")?.map((p) => p.code)).toEqual(["unknown_role"]);
    expect(placed.get("risk")?.map((p) => p.code)).toEqual(["invalid_config"]);
    expect(placed.get("$start")?.map((p) => p.code)).toEqual(["bad_status_field"]);
  });

  it("name the missing setting of a node", () => {
    expect(missingKey({ message: { zh: "…", en: "/steps/0: invalid node configuration: 'approvers' is a required property" } })).toBe("approvers");
    expect(missingKey({ message: "'recipients' is a required property" })).toBe("recipients");
    expect(missingKey({ message: { zh: "角色不存在" } })).toBeNull();
  });
});
