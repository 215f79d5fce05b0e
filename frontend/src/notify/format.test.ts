/** Relative times, record links, first lines and the badge's text. */
import { describe, expect, it } from "vitest";
import { ago, badgeText, firstLines, recordLink } from "./format";

describe("ago", () => {
  const now = Date.parse("2026-12-06T12:00:00Z");
  it("reads minutes, hours and days, then a date", () => {
    expect(ago("2026-12-06T11:59:30Z", now)).toEqual({ key: "now", count: 0 });
    expect(ago("2026-12-06T11:55:00Z", now)).toEqual({ key: "minutes", count: 5 });
    expect(ago("2026-12-06T09:00:00Z", now)).toEqual({ key: "hours", count: 3 });
    expect(ago("2026-12-04T12:00:00Z", now)).toEqual({ key: "days", count: 2 });
    expect(ago("2026-11-01T12:00:00Z", now).key).toBe("date");
  });
  it("treats a time in the future as now and a bad one as a date", () => {
    expect(ago("2026-12-06T12:05:00Z", now).key).toBe("now");
    expect(ago("nonsense", now).key).toBe("date");
    expect(ago(null, now).key).toBe("date");
  });
});

describe("recordLink", () => {
  it("links a message to its record, or to nothing", () => {
    expect(recordLink({ app: "futures_crm", form: "client", record: 7 })).toBe("/apps/futures_crm/forms/client/records/7");
    expect(recordLink({ app: "futures_crm", form: null, record: 7 })).toBeNull();
    expect(recordLink({ app: "futures_crm", form: "client", record: null })).toBeNull();
  });
});

describe("firstLines and badgeText", () => {
  it("keeps the first non-empty lines, cut to a width", () => {
    expect(firstLines("a\n\n b \nc\nd", 2)).toBe("a\nb");
    expect(firstLines("x".repeat(10), 1, 5)).toBe("xxxx…");
    expect(firstLines(null)).toBe("");
  });
  it("shows nothing at zero and 99+ above 99", () => {
    expect(badgeText(0)).toBe("");
    expect(badgeText(3)).toBe("3");
    expect(badgeText(120)).toBe("99+");
  });
});
