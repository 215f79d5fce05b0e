/** The KPI card's headline, comparison, trend and other figures. */
import { describe, expect, it } from "vitest";
import { kpiFigures } from "./kpi";
import type { ReportData } from "./types";

const DATA: ReportData = {
  report: "churn", form: "client", chart: { type: "kpi" },
  columns: [
    { id: "month", kind: "dimension", bucket: "month" },
    { id: "clients", kind: "measure" },
    { id: "rate", kind: "measure", format: "percent" },
  ],
  rows: [["2026-01", 100, 0.1], ["2026-02", 120, null], ["2026-03", 150, 0.2]],
  totals: { clients: 150, rate: 0.2 },
  previous: { totals: { clients: 120, rate: 0.25 } },
};

describe("kpiFigures", () => {
  it("shows the first measure, compared with the previous period, with its trend", () => {
    const k = kpiFigures(DATA)!;
    expect(k.measure.id).toBe("clients");
    expect([k.value, k.previous, k.change?.direction]).toEqual([150, 120, "up"]);
    expect(k.points).toEqual([{ x: "2026-01", y: 100 }, { x: "2026-02", y: 120 }, { x: "2026-03", y: 150 }]);
    expect(k.others.map((o) => [o.measure.id, o.value])).toEqual([["rate", 0.2]]);
  });

  it("shows the measure the chart names", () => {
    const k = kpiFigures({ ...DATA, chart: { type: "kpi", measure: "rate" } })!;
    expect(k.measure.id).toBe("rate");
    expect(k.change?.direction).toBe("down");
    expect(k.points).toHaveLength(2);
    expect(k.others.map((o) => o.measure.id)).toEqual(["clients"]);
  });

  it("has no trend without a dimension and no comparison without a previous period", () => {
    const k = kpiFigures({ ...DATA, columns: DATA.columns.slice(1), rows: [[150, 0.2]], previous: null })!;
    expect(k.points).toEqual([]);
    expect(k.previous).toBeNull();
    expect(k.change).toBeNull();
    expect(kpiFigures({ ...DATA, columns: [DATA.columns[0]] })).toBeNull();
  });
});
