import { describe, expect, it } from "vitest";
import { wordsOf } from "./useLogicWords";

const labels: Record<string, string> = { tags: "标签", equity: "客户权益", manager: "客户经理" };
const w = {
  ops: { greater: "大于", is_empty: "为空", is_not_empty: "不为空", equal: "等于" },
  has: "包含", and: "并且", or: "或", not: "非",
  field: (id: string) => labels[id] ?? id,
  value: (id: string, v: unknown) => (id === "tags" && v === "key_client" ? "重点客户" : String(v)),
};

describe("a flow's conditions in words", () => {
  it("reads a multi-select's contains and the empty tests, inside and / or", () => {
    expect(wordsOf({ contains: [{ var: "tags" }, "key_client"] }, w)).toBe("标签 包含 重点客户");
    expect(wordsOf({ and: [{ contains: [{ var: "tags" }, "key_client"] }, { ">": [{ var: "equity" }, 100] }] }, w))
      .toBe("标签 包含 重点客户 并且 客户权益 大于 100");
    expect(wordsOf({ or: [{ is_empty: { var: "manager" } }, { not_empty: { var: "tags" } }] }, w)).toBe("客户经理 为空 或 标签 不为空");
  });
});
