import { describe, expect, it } from "vitest";
import { nodeSummary } from "./summary";

const tx = (t: unknown) => (typeof t === "string" ? t : (t as { zh?: string })?.zh ?? "");
const describeLogic = (l: unknown) => (l ? "条件" : null);

describe("a node's summary on the canvas", () => {
  it("reads a wait, a condition, a title or a template", () => {
    expect(nodeSummary({ id: "w", type: "wait", for: { amount: 3, unit: "days" } }, describeLogic, tx, (u) => (u === "days" ? "天" : u)))
      .toBe("3 天");
    expect(nodeSummary({ id: "w", type: "wait", condition: { "==": [1, 1] } }, describeLogic, tx)).toBe("条件");
    expect(nodeSummary({ id: "t", type: "create_task", title: { zh: "回访" } }, describeLogic, tx)).toBe("回访");
    expect(nodeSummary({ id: "n", type: "notify", template: "margin_call" }, describeLogic, tx)).toBe("margin_call");
    const names = new Map([["margin_call", { zh: "追加保证金通知", en: "Margin call" }]]);
    expect(nodeSummary({ id: "n", type: "notify", template: "margin_call" }, describeLogic, tx, (u) => u, names))
      .toBe("追加保证金通知");
    expect(nodeSummary({ id: "e", type: "end" }, describeLogic, tx)).toBeNull();
    expect(nodeSummary({ id: "t", type: "create_task", form: "follow_up", summary: "请回访" }, describeLogic, tx)).toBe("请回访");
  });
});
