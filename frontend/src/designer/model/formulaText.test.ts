import { describe, expect, it } from "vitest";
import { errorSpan, fieldRef, groupFunctions, insertAt, insertField, insertFunction, lineColumn } from "./formulaText";

describe("formula text", () => {
  it("writes a plain label as is and the rest in braces", () => {
    expect(fieldRef("权益")).toBe("权益");
    expect(fieldRef("equity_2")).toBe("equity_2");
    expect(fieldRef("客户 等级")).toBe("{客户 等级}");
    expect(fieldRef("保证金(元)")).toBe("{保证金(元)}");
    expect(fieldRef("1st")).toBe("{1st}");
  });

  it("inserts at the caret, replacing the selection, and moves the caret after the insertion", () => {
    expect(insertAt("IF(, 1, 2)", 3, 3, "权益 > 0")).toEqual({ text: "IF(权益 > 0, 1, 2)", caret: 9 });
    expect(insertAt("abc", 1, 2, "X")).toEqual({ text: "aXc", caret: 2 });
    expect(insertAt("abc", 10, 12, "!")).toEqual({ text: "abc!", caret: 4 });
  });

  it("inserts a field reference spaced from a word before it", () => {
    expect(insertField("ROUND(", 6, 6, "权益")).toEqual({ text: "ROUND(权益", caret: 8 });
    expect(insertField("权益", 2, 2, "可用 资金")).toEqual({ text: "权益 {可用 资金}", caret: 10 });
    expect(insertFunction("1 + ", 4, 4, "ROUND")).toEqual({ text: "1 + ROUND(", caret: 10 });
  });

  it("clamps an error span to the text", () => {
    expect(errorSpan("IF(a >, 1)", 6, 1)).toEqual({ start: 6, end: 7 });
    expect(errorSpan("abc", 3, 2)).toEqual({ start: 3, end: 3 });
    expect(errorSpan("abc", undefined, 2)).toBeNull();
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
  });

  it("groups functions by category, searching aliases and help", () => {
    const fns = [
      { name: "ROUND", aliases: ["四舍五入"], category: "number", help: { zh: "四舍五入", en: "Round" } },
      { name: "IF", category: "logic", help: { en: "Choose" } },
      { name: "LEN", category: "text" },
    ];
    expect(groupFunctions(fns).map((g) => g.category)).toEqual(["logic", "number", "text"]);
    expect(groupFunctions(fns, "四舍").flatMap((g) => g.items.map((f) => f.name))).toEqual(["ROUND"]);
    expect(groupFunctions(fns, "choose")[0].items[0].name).toBe("IF");
  });
});
