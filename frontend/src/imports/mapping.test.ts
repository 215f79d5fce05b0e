import { describe, expect, it } from "vitest";
import type { ImportColumn, ImportField } from "../api/types";
import { allowedModes, canGetTemplate, canImport } from "./access";
import {
  applySaved, checkMapping, columnLetter, defaultKeys, duplicateColumns, keyFields, mappedKeys, samples, setField, splitErrors,
  toRequest, toSaved,
} from "./mapping";

const fields: ImportField[] = [
  { id: "name", label: { zh: "客户名称" }, type: "text", required: true },
  { id: "mobile", label: { zh: "手机号" }, type: "mobile", required: true, unique: true },
  { id: "opened_at", label: { zh: "开户日期" }, type: "date", required: true },
  { id: "remark", label: { zh: "备注" }, type: "long_text" },
];
const cols: ImportColumn[] = [
  { column: 0, header: "客户名称", field: "name", by: "label" },
  { column: 1, header: "mobile", field: "mobile", by: "id" },
  { column: 2, header: "备注", field: null, by: null },
  { column: 3, header: "", field: null, by: null },
];

describe("column letters", () => {
  it("counts like Excel", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("mapping checks", () => {
  it("finds required fields left out", () => {
    const issues = checkMapping(cols, fields);
    expect(issues.missingRequired).toEqual(["opened_at"]);
    expect(issues.duplicates.size).toBe(0);
    expect(issues.mapped).toBe(2);
  });

  it("does not ask for required fields the form fills in itself", () => {
    expect(checkMapping(cols, fields, new Set(["opened_at"])).missingRequired).toEqual([]);
  });

  it("offers only matchable mapped fields as keys, unique ones first", () => {
    const withFlag = setField(cols, 2, "flag");
    const more: ImportField[] = [...fields, { id: "flag", type: "boolean" }];
    expect(keyFields(withFlag, more).map((f) => f.id)).toEqual(["mobile", "name"]);
  });

  it("finds a field chosen twice and marks both columns", () => {
    const twice = setField(cols, 2, "mobile");
    const issues = checkMapping(twice, fields);
    expect([...issues.duplicates]).toEqual([["mobile", [1, 2]]]);
    expect([...duplicateColumns(issues)]).toEqual([1, 2]);
  });

  it("a user's choice is no longer marked as matched", () => {
    const next = setField(cols, 0, "remark");
    expect(next[0]).toEqual({ column: 0, header: "客户名称", field: "remark", by: null });
    expect(next[1]).toBe(cols[1]);
  });
});

describe("saved mappings and the request", () => {
  it("applies a saved mapping by header, ignoring unknown fields and blank headers", () => {
    const { cols: next, matched } = applySaved(cols, { id: 1, name: "m", mapping: { " 备注 ": "remark", mobile: "gone", "": "name" } }, fields);
    expect(matched).toBe(1);
    expect(next[2]).toEqual({ column: 2, header: "备注", field: "remark", by: "saved" });
    expect(next[1].field).toBe("mobile");
  });

  it("saves header -> field and sends column index -> field", () => {
    expect(toSaved(cols)).toEqual({ 客户名称: "name", mobile: "mobile" });
    expect(toRequest(cols)).toEqual({ 0: "name", 1: "mobile" });
  });

  it("proposes a mapped unique field as key and drops keys that lost their column", () => {
    expect(defaultKeys(cols, fields)).toEqual(["mobile"]);
    expect(defaultKeys(setField(cols, 1, null), fields)).toEqual([]);
    expect(mappedKeys(["mobile", "remark"], cols)).toEqual(["mobile"]);
  });

  it("takes sample values from the preview, skipping blanks", () => {
    expect(samples([["张三", null], ["", 13800138000], ["李四", true], ["王五", 1]], 0, 2)).toEqual(["张三", "李四"]);
    expect(samples([["张三", null], ["", 13800138000]], 1)).toEqual(["13800138000"]);
  });
});

describe("server errors", () => {
  it("go on the column they name, else on the columns of the field, else stay general", () => {
    const msg = { zh: "x", en: "x" };
    const { byColumn, general } = splitErrors([
      { column: 2, message: msg },
      { column: "1", message: msg },
      { field: "name", message: msg },
      { field: "opened_at", code: "required_unmapped", message: msg },
      { message: msg },
    ], cols);
    expect([...byColumn.keys()].sort()).toEqual([0, 1, 2]);
    expect(general).toHaveLength(2);
  });
});

describe("who may import", () => {
  it("needs create or update; upsert needs both", () => {
    expect(canImport({ actions: ["read", "export"] })).toBe(false);
    expect(allowedModes({ actions: ["read", "create"] })).toEqual(["insert"]);
    expect(allowedModes({ actions: ["update"] })).toEqual(["update"]);
    expect(allowedModes({ actions: ["create", "update"] })).toEqual(["insert", "upsert", "update"]);
    expect(canGetTemplate({ actions: ["update"] })).toBe(false);
    expect(canGetTemplate({ actions: ["read", "import"] })).toBe(true);
  });
});
