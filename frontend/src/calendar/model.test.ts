/** Day kinds and month grids of the working calendar. */
import { describe, expect, it } from "vitest";
import { byMonth, kindOf, monthWeeks, summary, weekdayOf } from "./model";
import type { CalendarDay } from "./types";

const day = (d: string, working: boolean, trading: boolean, source: CalendarDay["source"] = "package"): CalendarDay =>
  ({ day: d, working, trading, note: null, source });

describe("kindOf", () => {
  it("tells holidays, make-up days and days without trading apart", () => {
    expect(kindOf(day("2026-10-01", false, false))).toBe("holiday"); // Thursday, 国庆
    expect(kindOf(day("2026-10-11", false, false))).toBe("weekend"); // Sunday
    const saturday = { ...day("2026-10-03", false, false), holiday: { zh: "国庆节", en: "National Day" } };
    expect(kindOf(saturday)).toBe("holiday"); // a weekend inside 国庆
    expect(kindOf(day("2026-10-10", true, false))).toBe("makeup"); // Saturday 调休上班
    expect(kindOf(day("2026-10-09", true, true))).toBe("working");
    expect(kindOf(day("2026-10-09", true, false, "override"))).toBe("noTrading");
  });
});

describe("monthWeeks", () => {
  it("starts the weeks on Monday", () => {
    expect(weekdayOf("2026-10-01")).toBe(4);
    const days = Array.from({ length: 31 }, (_, i) => day(`2026-10-${String(i + 1).padStart(2, "0")}`, true, true));
    const weeks = monthWeeks(days);
    expect(weeks[0].slice(0, 3)).toEqual([null, null, null]);
    expect(weeks[0][3]?.day).toBe("2026-10-01");
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });
  it("groups a year by month and counts it", () => {
    const months = byMonth([day("2027-01-04", false, false, "override"), day("2027-02-01", true, true)]);
    expect(months[0]).toHaveLength(1);
    expect(months[1]).toHaveLength(1);
    expect(summary(months.flat())).toEqual({ working: 1, trading: 1, overrides: 1 });
  });
});
