import { describe, expect, it } from "vitest";
import { exportParams } from "./exportParams";
import { attachmentName } from "./download";
import { batchPercent, formatCount, formatDuration, isFinal, userName } from "./format";

describe("time left", () => {
  it("reads in Chinese and English", () => {
    expect(formatDuration(0, "zh")).toBe("0 秒");
    expect(formatDuration(8.4, "zh")).toBe("8 秒");
    expect(formatDuration(65, "zh")).toBe("1 分 5 秒");
    expect(formatDuration(120, "en")).toBe("2 min");
    expect(formatDuration(7380, "zh")).toBe("2 小时 3 分");
    expect(formatDuration(3600, "en")).toBe("1 h");
    expect(formatDuration(-3, "en")).toBe("0 s");
  });
});

describe("progress", () => {
  it("is a whole percent, 100 when done", () => {
    expect(batchPercent({ status: "running", done: 1, total: 3 })).toBe(33);
    expect(batchPercent({ status: "running", done: 5, total: null })).toBe(0);
    expect(batchPercent({ status: "done", done: 2, total: 3 })).toBe(100);
    expect(batchPercent({ status: "running", done: 9, total: 3 })).toBe(100);
  });

  it("knows the final states", () => {
    expect(["queued", "running", "done", "failed", "cancelled", "rolled_back"].map((s) => isFinal(s as never)))
      .toEqual([false, false, true, true, true, true]);
  });

  it("formats counts and users", () => {
    expect(formatCount(12345.6, "en")).toBe("12,346");
    expect(userName({ id: 3, username: "admin" })).toBe("admin");
    expect(userName("am0001")).toBe("am0001");
    expect(userName(null)).toBe("");
  });
});

describe("downloads", () => {
  it("take the server's file name", () => {
    expect(attachmentName(null, "x.xlsx")).toBe("x.xlsx");
    expect(attachmentName('attachment; filename="clients.xlsx"', "x")).toBe("clients.xlsx");
    expect(attachmentName("attachment; filename=clients.csv", "x")).toBe("clients.csv");
    expect(attachmentName(`attachment; filename="kh.xlsx"; filename*=UTF-8''%E5%AE%A2%E6%88%B7-20240105.xlsx`, "x"))
      .toBe("客户-20240105.xlsx");
  });

  it("export what the grid shows", () => {
    expect(exportParams({ filter: null, sort: [], q: " ", columns: ["name"] }, "xlsx", "zh"))
      .toEqual({ format: "xlsx", filter: undefined, sort: undefined, q: undefined, fields: ["name"], lang: "zh" });
    const filter = { "==": [{ var: "status" }, "active"] };
    expect(exportParams({ filter, sort: ["-equity"], q: "张", columns: [] }, "csv", "en"))
      .toEqual({ format: "csv", filter, sort: ["-equity"], q: "张", fields: undefined, lang: "en" });
  });
});
