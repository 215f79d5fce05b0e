import { describe, expect, it } from "vitest";
import { cellErrorsOf, cellMessage, parsePointer, serverErrorSchema, stillValid, type PointedError } from "./cellErrors";

const say = (key: string, p?: Record<string, unknown>) => (key === "validation.rowSep" ? "、" : `${key}(${String(p?.rows ?? "")})`);
const labels = {
  field: (id: string) => ({ legs: "明细", name: "名称" })[id],
  child: (_f: string, c: string) => ({ qty: "数量", product: "品种" })[c],
};
const qty: PointedError = { field: "legs", code: "required", pointer: "/legs/2/qty",
  message: { zh: "明细:第3行 数量:必填", en: "Legs: row 3, Qty: is required" } };
const product: PointedError = { field: "legs", code: "required", pointer: "/legs/0/product",
  message: { zh: "明细:第1行 品种:必填", en: "Legs: row 1, Product: is required" } };
const name: PointedError = { field: "name", code: "unique", message: { zh: "名称:值已被使用", en: "Name: is taken" } };

describe("server errors on sub-table cells", () => {
  it("reads JSON pointers", () => {
    expect(parsePointer("/legs/2/qty")).toEqual(["legs", "2", "qty"]);
    expect(parsePointer("/a~1b/0/c~0d")).toEqual(["a/b", "0", "c~d"]);
    expect(parsePointer(undefined)).toEqual([]);
  });
  it("keeps only what a cell needs to say", () => {
    expect(cellMessage("明细:第3行 数量:必填", "明细", "数量")).toBe("必填");
    expect(cellMessage("Legs: row 3, Qty: is required", "Legs", "Qty")).toBe("is required");
    expect(cellMessage("明细:第2行 数量:“x”不是有效的整数", "明细", "数量")).toBe("“x”不是有效的整数");
  });
  it("builds an error schema with cells under rows and a line naming the rows", () => {
    const schema = serverErrorSchema([qty, product, name], new Set(["legs", "name"]), "zh", labels, say);
    expect(schema).toEqual({
      legs: { 2: { qty: { __errors: ["必填"] } }, 0: { product: { __errors: ["必填"] } }, __errors: ["validation.rows(1、3)"] },
      name: { __errors: ["值已被使用"] },
    });
    expect(cellErrorsOf((schema as Record<string, unknown>).legs)).toEqual({ 0: { product: ["必填"] }, 2: { qty: ["必填"] } });
    expect(serverErrorSchema([qty], new Set(["name"]), "zh", labels, say)).toEqual({});
  });
  it("drops the errors of edited cells only, all of a table whose rows moved", () => {
    const before = { name: "a", legs: [{ product: "" }, {}, { product: "b" }] };
    expect(stillValid([qty, product, name], before, { ...before, name: "b" })).toEqual([qty, product]);
    const edited = { ...before, legs: [{ product: "x" }, {}, { product: "b" }] };
    expect(stillValid([qty, product, name], before, edited)).toEqual([qty, name]);
    const shorter = { ...before, legs: [{ product: "x" }, {}] };
    expect(stillValid([qty, product, name], before, shorter)).toEqual([name]);
  });
});
