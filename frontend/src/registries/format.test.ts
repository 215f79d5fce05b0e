import { describe, expect, it } from "vitest";
import type { FieldDef } from "../api/types";
import { countText, displayText, formatDateTime, formatNumber } from "./format";

const money: FieldDef = { id: "equity", type: "money", precision: 2 };
const percent: FieldDef = { id: "ratio", type: "percent", precision: 2 };
const select: FieldDef = {
  id: "status", type: "single_select",
  options: [{ value: "active", label: { zh: "活跃", en: "Active" } }],
};

describe("format", () => {
  it("timestamps show the server's wall-clock time, with or without their offset", () => {
    expect(formatDateTime("2026-12-06T12:58:04+08:00")).toBe("2026-12-06 12:58");
    expect(formatDateTime("2026-12-06T04:58:04Z")).toBe("2026-12-06 04:58");
    expect(formatDateTime("2026-12-06T12:58:04")).toBe("2026-12-06 12:58");
    expect(formatDateTime(null)).toBe("");
  });
  it("counts", () => {
    expect(countText(375_000, false, "zh")).toBe("约 37.5 万条");
    expect(countText(2000, true, "zh")).toBe("共 2,000 条");
    expect(countText(375_000, false, "en")).toBe("about 375k records");
    expect(countText(1, true, "en")).toBe("1 record");
    expect(countText(123_456_789, false, "zh")).toBe("约 1.2 亿条");
  });
  it("numbers", () => {
    expect(formatNumber(money, 1234.5, "zh")).toBe("¥1,234.50");
    expect(formatNumber(percent, 0.3083, "en")).toBe("30.83%");
  });
  it("options follow the language", () => {
    expect(displayText(select, "active", "zh")).toBe("活跃");
    expect(displayText(select, "active", "en")).toBe("Active");
    expect(displayText(select, "gone", "en")).toBe("gone");
  });
});
