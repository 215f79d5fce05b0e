/** The date presets: inclusive ranges around a day, across month, quarter and year ends. */
import { describe, expect, it } from "vitest";
import { isDay, isRange, presetOf, presetRange, today } from "./presets";

describe("presetRange", () => {
  it("gives this month, last month, this quarter, this year", () => {
    expect(presetRange("this_month", "2026-02-14")).toEqual(["2026-02-01", "2026-02-28"]);
    expect(presetRange("this_month", "2028-02-14")).toEqual(["2028-02-01", "2028-02-29"]);
    expect(presetRange("last_month", "2026-03-31")).toEqual(["2026-02-01", "2026-02-28"]);
    expect(presetRange("last_month", "2026-01-05")).toEqual(["2025-12-01", "2025-12-31"]);
    expect(presetRange("this_quarter", "2026-05-20")).toEqual(["2026-04-01", "2026-06-30"]);
    expect(presetRange("this_quarter", "2026-12-31")).toEqual(["2026-10-01", "2026-12-31"]);
    expect(presetRange("this_year", "2026-07-01")).toEqual(["2026-01-01", "2026-12-31"]);
  });

  it("counts the last 30 days with today", () => {
    expect(presetRange("last_30_days", "2026-03-30")).toEqual(["2026-03-01", "2026-03-30"]);
    expect(presetRange("last_30_days", "2026-01-10")).toEqual(["2025-12-12", "2026-01-10"]);
  });

  it("tells which preset a range is", () => {
    expect(presetOf(["2026-02-01", "2026-02-28"], "2026-03-10")).toBe("last_month");
    expect(presetOf(["2026-01-01", "2026-03-31"], "2026-03-10")).toBe("this_quarter");
    expect(presetOf(["2026-01-02", "2026-03-31"], "2026-03-10")).toBeNull();
  });
});

describe("days", () => {
  it("reads real days and ordered ranges only", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isRange(["2026-01-01", "2026-01-01"])).toBe(true);
    expect(isRange(["2026-02-01", "2026-01-01"])).toBe(false);
    expect(isRange(["2026-01-01"])).toBe(false);
    expect(today(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});
