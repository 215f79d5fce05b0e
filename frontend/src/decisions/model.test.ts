import { describe, expect, it } from "vitest";
import {
  addColumn, addRule, blankDecision, moveRule, placeProblems, problemPlace, readValue, removeColumn, removeRule,
  ruleProblems, setDefault, setThen, setWhen, updateColumn, type Decision,
} from "./model";

const table = (): Decision => ({
  schema_version: 1, id: "tier", label: { zh: "分层" }, hit_policy: "first",
  inputs: [{ id: "equity", label: { zh: "权益" }, type: "number" }, { id: "days", label: { zh: "天数" }, type: "number" }],
  outputs: [{ id: "tier", label: { zh: "分层" }, type: "text" }],
  rules: [
    { when: { equity: ">= 1000000" }, then: { tier: "hnw" } },
    { when: { days: "> 30" }, then: { tier: "sleeping" }, note: "n" },
  ],
  default: { tier: "retail" },
});

describe("decision table edits", () => {
  it("adds, removes and moves rules", () => {
    const d = addRule(table(), 1);
    expect(d.rules.map((r) => r.then.tier)).toEqual(["hnw", undefined, "sleeping"]);
    expect(removeRule(d, 1).rules).toEqual(table().rules);
    expect(moveRule(table(), 1, -1).rules.map((r) => r.then.tier)).toEqual(["sleeping", "hnw"]);
    expect(moveRule(table(), 0, -1)).toEqual(table());
  });

  it("types cells: empty or - is any; outputs by their column's type", () => {
    let d = setWhen(table(), 0, "equity", " ");
    expect(d.rules[0].when).toEqual({});
    d = setWhen(d, 0, "days", "[1..5]");
    expect(d.rules[0].when).toEqual({ days: "[1..5]" });
    expect(readValue("1,000", "number")).toBe(1000);
    expect(readValue("是", "bool")).toBe(true);
    expect(readValue('"高"', "text")).toBe("高");
    expect(readValue("", "text")).toBeNull();
    expect(setThen(table(), 0, table().outputs[0], "").rules[0].then).toEqual({});
    expect(setDefault(table(), table().outputs[0], "").default).toBeUndefined();
  });

  it("renames and removes columns with their cells", () => {
    const renamed = updateColumn(table(), "inputs", "equity", { id: "funds" });
    expect(renamed.rules[0].when).toEqual({ funds: ">= 1000000" });
    expect(renamed.inputs[0].id).toBe("funds");
    const out = updateColumn(table(), "outputs", "tier", { id: "level" });
    expect(out.default).toEqual({ level: "retail" });
    expect(removeColumn(table(), "inputs", "days").rules[1].when).toEqual({});
    expect(addColumn(table(), "inputs", { zh: "新" }).inputs[2].id).toBe("input_1");
    expect(blankDecision("x", { zh: "X" }).rules).toHaveLength(1);
  });

  it("places the server's problems on the cell, rule, column or default they name", () => {
    const d = table();
    expect(problemPlace({ pointer: "/rules/1/when/days" }, d)).toBe("rule:1:when:days");
    expect(problemPlace({ pointer: "/rules/0/then/tier" }, d)).toBe("rule:0:then:tier");
    expect(problemPlace({ pointer: "/rules/1" }, d)).toBe("rule:1");
    expect(problemPlace({ pointer: "/inputs/1/type" }, d)).toBe("inputs:days");
    expect(problemPlace({ pointer: "/default/tier" }, d)).toBe("default:tier");
    expect(problemPlace({ pointer: "/rules", rules: [1, 2] }, d)).toBe("rule:1");
    expect(problemPlace({ pointer: "/rules" }, d)).toBe("table");
    const placed = placeProblems([{ pointer: "/rules/1/when/days" }, { pointer: "/rules/1" }, { pointer: "/rules/0" }], d);
    expect(ruleProblems(placed, 1)).toHaveLength(2);
  });
});
