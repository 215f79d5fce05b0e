import { describe, expect, it } from "vitest";
import { placeProblems, problemPlace, START, WHOLE } from "./problems";
import {
  addBranch, blocksOf, canMove, findNode, freshId, getAt, idsInUse, insertNode, moveNode, newNode, pointerOf,
  removeBranch, removeNode, replaceNode, updateBranch, walk,
} from "./tree";
import type { Flow } from "./types";

const flow = (): Flow => ({
  schema_version: 1, id: "alert", label: { zh: "风险预警" }, form: "client", trigger: { type: "record_updated" },
  steps: [
    { id: "check", type: "branch",
      branches: [{ id: "severe", when: { ">": [{ var: "margin_ratio" }, 0.95] }, steps: [{ id: "sms", type: "notify" }] },
        { id: "mild", when: true, steps: [] }],
      default: { steps: [{ id: "stop", type: "end" }] } },
    { id: "each", type: "for_each", steps: [{ id: "task", type: "create_task" }] },
    { id: "both", type: "parallel", branches: [{ id: "p1", steps: [] }, { id: "p2", steps: [{ id: "mail", type: "notify" }] }] },
  ],
});

describe("walking a flow", () => {
  it("meets nodes in run order with the server's pointers", () => {
    expect(walk(flow().steps).map((p) => [p.node.id, p.pointer])).toEqual([
      ["check", "/steps/0"], ["sms", "/steps/0/branches/0/steps/0"], ["stop", "/steps/0/default/steps/0"],
      ["each", "/steps/1"], ["task", "/steps/1/steps/0"], ["both", "/steps/2"], ["mail", "/steps/2/branches/1/steps/0"],
    ]);
  });
  it("lists a container's blocks", () => {
    const f = flow();
    expect(blocksOf(f.steps[0], "/steps/0").map((b) => [b.kind, b.pointer])).toEqual([
      ["branch", "/steps/0/branches/0/steps"], ["branch", "/steps/0/branches/1/steps"], ["default", "/steps/0/default/steps"]]);
    expect(blocksOf(f.steps[1], "/steps/1").map((b) => b.kind)).toEqual(["body"]);
    expect(blocksOf({ id: "x", type: "notify" }, "/steps/9")).toEqual([]);
  });
  it("finds nodes and their pointers", () => {
    expect(findNode(flow(), "task")).toMatchObject({ list: "/steps/1/steps", index: 0 });
    expect(pointerOf(flow(), "mail")).toBe("/steps/2/branches/1/steps/0");
    expect(pointerOf(flow(), "nope")).toBeNull();
    expect(getAt(flow(), "/steps/0/branches/0/id")).toBe("severe");
  });
  it("knows ids in use, branches included, and makes fresh ones", () => {
    const ids = idsInUse(flow());
    expect(ids.has("p2") && ids.has("sms")).toBe(true);
    expect(freshId(ids, "notify")).toBe("notify");
    expect(freshId(new Set(["notify", "notify_2"]), "notify")).toBe("notify_3");
    expect(freshId(new Set(), "9Create-Task")).toBe("create_task");
  });
});

describe("editing a flow", () => {
  it("inserts a node into any list without touching the original", () => {
    const f = flow();
    const g = insertNode(f, "/steps/0/branches/1/steps", 0, { id: "n", type: "notify" });
    expect(pointerOf(g, "n")).toBe("/steps/0/branches/1/steps/0");
    expect(f.steps[0].branches).toEqual(flow().steps[0].branches);
    const h = insertNode(f, "/steps", 1, { id: "w", type: "wait" });
    expect(h.steps.map((n) => n.id)).toEqual(["check", "w", "each", "both"]);
  });
  it("removes a node, its inner nodes with it", () => {
    const g = removeNode(flow(), "each");
    expect(walk(g.steps).map((p) => p.node.id)).not.toContain("task");
    expect(removeNode(flow(), "sms").steps[0].branches).toMatchObject([{ steps: [] }, { steps: [] }]);
  });
  it("moves a node up and down within its list", () => {
    expect(canMove(flow(), "check", -1)).toBe(false);
    expect(canMove(flow(), "each", -1)).toBe(true);
    expect(moveNode(flow(), "each", -1).steps.map((n) => n.id)).toEqual(["each", "check", "both"]);
    expect(moveNode(flow(), "both", 1)).toEqual(flow());
  });
  it("replaces a node", () => {
    const g = replaceNode(flow(), "sms", { id: "sms", type: "notify", label: { zh: "短信" } });
    expect(findNode(g, "sms")?.node.label).toEqual({ zh: "短信" });
  });
  it("adds and removes branches", () => {
    const g = addBranch(flow(), "check");
    const branches = g.steps[0].branches as { id: string; when?: unknown }[];
    expect(branches).toHaveLength(3);
    expect(branches[2]).toEqual({ id: "check_b", when: null, steps: [] });
    const p = addBranch(flow(), "both");
    expect((p.steps[2].branches as object[])[2]).toEqual({ id: "both_b", steps: [] });
    expect((removeBranch(flow(), "check", 0).steps[0].branches as { id: string }[]).map((b) => b.id)).toEqual(["mild"]);
    const u = updateBranch(flow(), "check", 1, { label: { zh: "轻度" } });
    expect((u.steps[0].branches as { label?: unknown }[])[1].label).toEqual({ zh: "轻度" });
  });
  it("makes new nodes with defaults and empty blocks", () => {
    const f = flow();
    expect(newNode(f, "notify", { key: "notify", label: {}, category: "message", container: false, terminal: false,
      config_schema: { properties: { urgency: { default: "normal" } } } })).toEqual({ id: "notify", type: "notify", urgency: "normal" });
    expect(newNode(f, "branch")).toEqual({ id: "branch", type: "branch", branches: [{ id: "branch_b", when: null, steps: [] }],
      default: { steps: [] } });
    expect((newNode(f, "parallel").branches as object[]).length).toBe(2);
    expect(newNode(f, "for_each").steps).toEqual([]);
  });
});

describe("problems on the canvas", () => {
  it("goes to the node it names or points into, else the start card or the whole flow", () => {
    const f = flow();
    expect(problemPlace(f, { pointer: "/steps/1/steps/0/assignee", node: "task" })).toBe("task");
    expect(problemPlace(f, { pointer: "/steps/0/branches/0/steps/0/template" })).toBe("sms");
    expect(problemPlace(f, { pointer: "/steps/0/branches/1/when" })).toBe("check");
    expect(problemPlace(f, { pointer: "/trigger/fields" })).toBe(START);
    expect(problemPlace(f, { pointer: "/form" })).toBe(START);
    expect(problemPlace(f, { pointer: "/label" })).toBe(WHOLE);
    const placed = placeProblems(f, [{ pointer: "/steps/2" }, { pointer: "/steps/2/branches/0/id" }, { pointer: "" }]);
    expect(placed.get("both")).toHaveLength(2);
    expect(placed.get(WHOLE)).toHaveLength(1);
  });
});
