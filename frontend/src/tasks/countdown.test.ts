import { describe, expect, it } from "vitest";
import { slaKey, slaOf } from "./countdown";

const NOW = Date.parse("2026-12-07T10:00:00Z");

describe("slaOf", () => {
  it("reads the server's working minutes first", () => {
    expect(slaOf({ minutes_left: 150, due_at: "2026-12-09T10:00:00Z" }, NOW)).toEqual({ status: "left", count: 2, unit: "hours" });
    expect(slaKey(slaOf({ minutes_left: 150 }, NOW))).toEqual({ key: "sla.left.hours", count: 2 });
  });

  it("is orange under two hours and counts minutes under one", () => {
    expect(slaOf({ minutes_left: 90 }, NOW).status).toBe("soon");
    expect(slaOf({ minutes_left: 45 }, NOW)).toEqual({ status: "soon", count: 45, unit: "minutes" });
    expect(slaOf({ minutes_left: 0 }, NOW)).toEqual({ status: "soon", count: 1, unit: "minutes" });
  });

  it("says how long a task is overdue", () => {
    const sla = slaOf({ minutes_left: -200, overdue: true }, NOW);
    expect(sla).toEqual({ status: "overdue", count: 3, unit: "hours" });
    expect(slaKey(sla)).toEqual({ key: "sla.over.hours", count: 3 });
    expect(slaOf({ minutes_left: -5 * 1440 }, NOW)).toEqual({ status: "overdue", count: 5, unit: "days" });
  });

  it("falls back to the due time, and to the overdue flag alone", () => {
    expect(slaOf({ due_at: "2026-12-07T13:30:00Z" }, NOW)).toEqual({ status: "left", count: 3, unit: "hours" });
    expect(slaOf({ due_at: "2026-12-07T09:00:00Z" }, NOW)).toEqual({ status: "overdue", count: 1, unit: "hours" });
    expect(slaKey(slaOf({ overdue: true }, NOW))).toEqual({ key: "sla.overdue", count: 0 });
    expect(slaKey(slaOf({ overdue: true, minutes_left: 30 }, NOW))).toEqual({ key: "sla.overdue", count: 0 });
  });

  it("shows nothing without a due time", () => {
    expect(slaKey(slaOf({}, NOW))).toBeNull();
    expect(slaKey(slaOf({ due_at: "not a date" }, NOW))).toBeNull();
  });

  it("uses days past three days", () => {
    expect(slaOf({ minutes_left: 71 * 60 }, NOW)).toEqual({ status: "left", count: 71, unit: "hours" });
    expect(slaOf({ minutes_left: 80 * 60 }, NOW)).toEqual({ status: "left", count: 3, unit: "days" });
  });
});
