/** A dashboard's filter values through the page address and into a tile's request. */
import { describe, expect, it } from "vitest";
import { defaultValues, readValues, requestValues, writeValues } from "./filterValues";
import type { DashboardFilter } from "./types";

const FILTERS: DashboardFilter[] = [
  { id: "period", type: "date_range", default: "this_month" },
  { id: "branch", type: "select", default: ["sh"], options: [{ value: "sh" }, { value: "bj" }] },
  { id: "manager", type: "user", default: null },
  { id: "dept", type: "department" },
];

describe("defaults", () => {
  it("takes each filter's default, a date preset by its key", () => {
    expect(defaultValues(FILTERS)).toEqual({ period: "this_month", branch: ["sh"] });
    expect(defaultValues([{ id: "p", type: "date_range", default: "next_century" }])).toEqual({});
    expect(defaultValues([{ id: "p", type: "date_range", default: ["2026-01-01", "2026-01-31"] }]))
      .toEqual({ p: ["2026-01-01", "2026-01-31"] });
  });
});

describe("the page address", () => {
  it("writes only what differs from the defaults and reads it back", () => {
    expect(writeValues(defaultValues(FILTERS), FILTERS)).toBeNull();
    const values = { period: ["2026-03-01", "2026-03-31"], branch: ["sh", "bj"], manager: [7, 9], dept: [] };
    const f = writeValues(values, FILTERS);
    expect(JSON.parse(f!)).toEqual({ period: ["2026-03-01", "2026-03-31"], branch: ["sh", "bj"], manager: [7, 9] });
    expect(readValues(f, FILTERS)).toEqual({ period: ["2026-03-01", "2026-03-31"], branch: ["sh", "bj"], manager: [7, 9] });
  });

  it("keeps a cleared default cleared and a preset relative", () => {
    const values = { period: "last_30_days", branch: [] };
    const f = writeValues(values, FILTERS);
    expect(JSON.parse(f!)).toEqual({ period: "last_30_days", branch: null });
    expect(readValues(f, FILTERS)).toEqual({ period: "last_30_days", branch: null });
  });

  it("falls back to the defaults for what it cannot read", () => {
    expect(readValues("{not json", FILTERS)).toEqual(defaultValues(FILTERS));
    expect(readValues("[1,2]", FILTERS)).toEqual(defaultValues(FILTERS));
    expect(readValues(JSON.stringify({ period: ["2026-03-31", "2026-03-01"], branch: "sh", other: [1] }), FILTERS))
      .toEqual(defaultValues(FILTERS));
    expect(readValues(JSON.stringify({ manager: [1, { id: 2 }] }), FILTERS)).toEqual(defaultValues(FILTERS));
    expect(readValues(null, FILTERS)).toEqual(defaultValues(FILTERS));
  });
});

describe("a tile's request", () => {
  it("resolves presets to days and sends a cleared default as null", () => {
    expect(requestValues({ period: "this_month", branch: null, manager: [], dept: [3] }, FILTERS, "2026-03-10")).toEqual({
      period: ["2026-03-01", "2026-03-31"], branch: null, dept: [3],
    });
    expect(requestValues({ period: ["2026-01-01", "2026-01-31"] }, FILTERS, "2026-03-10")).toEqual({
      period: ["2026-01-01", "2026-01-31"], branch: null,
    });
  });
});
