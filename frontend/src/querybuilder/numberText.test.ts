/** Numbers typed into the filter builder are read as the server's importer reads them
 * (cases from tests/forms/test_field_types_numbers.py and the importer's own examples). */
import { describe, expect, it } from "vitest";
import { halfwidth, readNumber } from "./numberText";

describe("readNumber", () => {
  it("reads Chinese magnitudes", () => {
    expect(readNumber("100万")).toBe(1_000_000);
    expect(readNumber("1.5万")).toBe(15_000);
    expect(readNumber("３亿")).toBe(300_000_000);
    expect(readNumber("1.1亿")).toBe(110_000_000);
    expect(readNumber("2万亿")).toBe(2e12);
    expect(readNumber("1,200万")).toBe(12_000_000);
    expect(readNumber(" 0.3万 ")).toBe(3000);
    expect(readNumber("-5万")).toBe(-50_000);
  });

  it("reads thousands separators, full-width forms and accounting negatives", () => {
    expect(readNumber("1,000,000")).toBe(1_000_000);
    expect(readNumber("１，２３４．５")).toBe(1234.5);
    expect(readNumber("\u3000１００\u3000")).toBe(100);
    expect(readNumber("(1,234)")).toBe(-1234);
    expect(readNumber("\u22127")).toBe(-7);
    expect(readNumber("1.5E3")).toBe(1500);
    expect(readNumber("1e3万")).toBe(1e7);
    expect(readNumber(".5")).toBe(0.5);
    expect(readNumber("-0")).toBe(0);
  });

  it("refuses what the server refuses", () => {
    for (const bad of ["", "万", "abc", "1,00", "12,34,567", "1.2.3", "1 000", "100 万元", "1e", "--1", "1e31", "1万万"]) {
      expect(readNumber(bad), bad).toBeNull();
    }
  });

  it("reads percentages as fractions and money with yuan marks", () => {
    expect(readNumber("80%", "percent")).toBe(0.8);
    expect(readNumber("８０％", "percent")).toBe(0.8);
    expect(readNumber("5‰", "percent")).toBe(0.005);
    expect(readNumber("0.8", "percent")).toBe(0.8);
    expect(readNumber("1万%", "percent")).toBeNull();
    expect(readNumber("¥1,234.50", "money")).toBe(1234.5);
    expect(readNumber("100万元", "money")).toBe(1_000_000);
    expect(readNumber("3千", "money")).toBe(3000);
    expect(readNumber("rmb 5", "money")).toBe(5);
    expect(readNumber("3千")).toBeNull();
    expect(readNumber("元", "money")).toBeNull();
  });

  it("maps full-width ASCII to ASCII", () => {
    expect(halfwidth("ＡＢＣ１２３％")).toBe("ABC123%");
  });
});
