/** Figures in 万 / 亿 and K / M / B, percentages, money, dimension labels, ages. */
import { describe, expect, it } from "vitest";
import { ageOf, changeOf, compactNumber, dimensionText, formatFigure, rawOf, tookText, vegaNumber } from "./format";

describe("compactNumber", () => {
  it("writes Chinese figures in 万 and 亿", () => {
    expect(compactNumber(12345, "zh")).toBe("1.23万");
    expect(compactNumber(123456789, "zh")).toBe("1.23亿");
    expect(compactNumber(10000, "zh")).toBe("1万");
    expect(compactNumber(123456, "zh")).toBe("12.35万");
    expect(compactNumber(9999, "zh")).toBe("9,999");
    expect(compactNumber(1234.567, "zh")).toBe("1,234.57");
    expect(compactNumber(-56789, "zh")).toBe("-5.68万");
    expect(compactNumber(2.5e12, "zh")).toBe("2.5万亿");
  });

  it("writes English figures in K, M and B", () => {
    expect(compactNumber(12345, "en")).toBe("12.35K");
    expect(compactNumber(123456789, "en")).toBe("123.46M");
    expect(compactNumber(4.2e9, "en")).toBe("4.2B");
    expect(compactNumber(999, "en")).toBe("999");
    expect(compactNumber(0, "en")).toBe("0");
  });

  it("moves to the next unit when rounding reaches it", () => {
    expect(compactNumber(99999999, "zh")).toBe("1亿");
    expect(compactNumber(9999.999, "zh")).toBe("1万");
    expect(compactNumber(999999, "en")).toBe("1M");
    expect(compactNumber(-0.001, "zh")).toBe("0");
  });
});

describe("formatFigure", () => {
  it("writes percentages from fractions", () => {
    expect(formatFigure(0.4567, "percent", "zh")).toBe("45.7%");
    expect(formatFigure(1, "percent", "en")).toBe("100%");
    expect(formatFigure(-0.05, "percent", "en")).toBe("-5%");
  });

  it("writes money with ¥, in full or compact", () => {
    expect(formatFigure(12345.678, "money", "zh")).toBe("¥12,345.68");
    expect(formatFigure(12345.678, "money", "zh", { compact: true })).toBe("¥1.23万");
    expect(formatFigure(-1500000, "money", "en", { compact: true })).toBe("-¥1.5M");
  });

  it("writes plain numbers and dashes for what is not one", () => {
    expect(formatFigure(1234567, "number", "zh")).toBe("1,234,567");
    expect(formatFigure(1234567, null, "zh", { compact: true })).toBe("123.46万");
    expect(formatFigure("12.5", undefined, "en")).toBe("12.5");
    expect(formatFigure(null, "number", "zh")).toBe("—");
    expect(formatFigure("abc", "money", "zh")).toBe("—");
    expect(formatFigure(Number.NaN, null, "zh")).toBe("—");
  });
});

describe("vegaNumber", () => {
  it("formats axis values by the axis's format, compact", () => {
    expect(vegaNumber("zh")(12345, "")).toBe("1.23万");
    expect(vegaNumber("en")(0.25, "percent")).toBe("25%");
    expect(vegaNumber("zh")(2e8, "money")).toBe("¥2亿");
    expect(vegaNumber("zh")("2026-03")).toBe("2026-03");
    expect(vegaNumber("zh")(null)).toBe("");
  });
});

describe("changeOf", () => {
  it("compares with the previous period", () => {
    expect(changeOf(120, 100)).toEqual({ ratio: 0.2, direction: "up" });
    expect(changeOf(80, 100)).toEqual({ ratio: -0.2, direction: "down" });
    expect(changeOf(-50, -100)?.direction).toBe("up");
    expect(changeOf(5, 5)?.direction).toBe("flat");
    expect(changeOf(5, 0)).toBeNull();
    expect(changeOf(5, null)).toBeNull();
  });
});

describe("dimension values", () => {
  const column = { labels: { open: { zh: "处理中", en: "Open" }, closed: { zh: "已关闭", en: "Closed" } } };
  it("shows a select's values by their labels, other and empty values by name", () => {
    expect(dimensionText(column, "open", "zh")).toBe("处理中");
    expect(dimensionText(column, "closed", "en")).toBe("Closed");
    expect(dimensionText(column, "__other__", "zh")).toBe("其他");
    expect(dimensionText(column, "__other__", "en")).toBe("Other");
    expect(dimensionText(column, null, "zh")).toBe("(空)");
    expect(dimensionText({}, "2026-03", "en")).toBe("2026-03");
  });

  it("finds the stored value behind a label", () => {
    expect(rawOf(column, "处理中")).toBe("open");
    expect(rawOf(column, "Closed")).toBe("closed");
    expect(rawOf(column, "其他")).toBe("__other__");
    expect(rawOf({}, "2026-03")).toBe("2026-03");
  });
});

describe("ageOf and tookText", () => {
  const now = Date.parse("2026-12-07T12:00:30+08:00");
  it("says how long ago the figures were computed", () => {
    expect(ageOf("2026-12-07T12:00:00+08:00", now)).toEqual({ n: 30, unit: "s" });
    expect(ageOf("2026-12-07T11:55:00+08:00", now)).toEqual({ n: 5, unit: "min" });
    expect(ageOf("2026-12-07T02:00:00Z", now)).toEqual({ n: 2, unit: "h" });
    expect(ageOf("2026-12-08T12:00:00+08:00", now)).toEqual({ n: 0, unit: "s" });
    expect(ageOf("not a time", now)).toBeNull();
    expect(ageOf(undefined, now)).toBeNull();
  });
  it("writes the query time", () => {
    expect(tookText(12.34)).toBe("12 ms");
    expect(tookText(1234)).toBe("1.2 s");
    expect(tookText(undefined)).toBeNull();
  });
});
