import { describe, expect, it } from "vitest";
import { enclosingForEach, exprMode, flowVariables, literalOf, variableGroups, varLabel, varPath, type VarSources } from "./expr";
import type { Flow } from "./types";

const names = { trigger: "触发记录", current: "当前记录", prev: "上一步", vars: "变量", item: "当前项" };
const src: VarSources = {
  fields: [{ id: "name", label: "客户名称" }, { id: "equity", label: "客户权益" }],
  prevKeys: [{ id: "result", label: "结果" }],
  vars: ["total"],
  items: null,
};

describe("expression values", () => {
  it("reads variables and modes", () => {
    expect(varPath({ var: "$trigger.name" })).toBe("$trigger.name");
    expect(varPath({ var: ["equity", 0] })).toBe("equity");
    expect(varPath({ "+": [1, 2] })).toBeNull();
    expect(exprMode(undefined)).toBe("empty");
    expect(exprMode({ var: "x" })).toBe("var");
    expect(exprMode("text")).toBe("literal");
    expect(exprMode({ cat: ["a", { var: "b" }] })).toBe("logic");
  });
  it("offers the groups of the picker", () => {
    const groups = variableGroups(src, names);
    expect(groups.map((g) => g.key)).toEqual(["trigger", "current", "prev", "vars"]);
    expect(groups[0].options[0]).toEqual({ value: "$trigger.name", label: "触发记录.客户名称" });
    expect(groups[1].options[1]).toEqual({ value: "equity", label: "当前记录.客户权益" });
    const inLoop = variableGroups({ ...src, items: [{ id: "amount", label: "金额" }] }, names);
    expect(inLoop.at(-1)?.options.map((o) => o.value)).toEqual(["$item", "$item.amount"]);
  });
  it("names a path as the picker does", () => {
    expect(varLabel("$trigger.name", src, names)).toBe("触发记录.客户名称");
    expect(varLabel("equity", src, names)).toBe("当前记录.客户权益");
    expect(varLabel("$prev.result", src, names)).toBe("上一步.结果");
    expect(varLabel("$vars.total", src, names)).toBe("变量.total");
    expect(varLabel("$item", src, names)).toBe("当前项");
    expect(varLabel("$trigger.gone", src, names)).toBe("触发记录.gone");
  });
  it("finds variables and the for-each around a node", () => {
    const flow: Flow = {
      schema_version: 1, id: "f", label: {}, trigger: { type: "manual" },
      steps: [{ id: "v", type: "set_variable", name: "total" }, { id: "v2", type: "set_variable", values: { a: 1 } },
        { id: "q", type: "query_records", form: "content", into: "ideas" },
        { id: "loop", type: "for_each", steps: [{ id: "inner", type: "notify" }] }, { id: "after", type: "notify" }],
    };
    expect(flowVariables(flow)).toEqual(["a", "ideas", "total"]);
    expect(enclosingForEach(flow, "inner")?.id).toBe("loop");
    expect(enclosingForEach(flow, "after")).toBeNull();
  });
  it("types literals as the schema wants", () => {
    expect(literalOf("12", true)).toBe(12);
    expect(literalOf("12", false)).toBe("12");
    expect(literalOf("x", true)).toBe("x");
  });
});
