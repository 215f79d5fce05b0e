/** The pivot's rows, nested headers, subtotals, totals, merged cells and colouring. */
import { describe, expect, it } from "vitest";
import { backgroundOf, backgroundScale, parseColour } from "./colour";
import { buildPivot, pivotAxes } from "./pivot";
import type { ReportData } from "./types";

const TEXTS = { subtotal: "小计", total: "总计" };

/** Accounts by branch and manager (down) and by quarter (across), with subtotals by branch. */
function sample(): ReportData {
  return {
    report: "accounts", form: "client",
    chart: { type: "pivot", rows: ["branch", "manager"], columns: ["quarter"], colour: { measure: "n", low: "#ffffff", high: "#000000" } },
    columns: [
      { id: "branch", kind: "dimension", label: { zh: "营业部", en: "Branch" }, labels: { sh: { zh: "上海", en: "Shanghai" }, bj: { zh: "北京", en: "Beijing" } } },
      { id: "manager", kind: "dimension", label: { zh: "客户经理", en: "Manager" } },
      { id: "quarter", kind: "dimension", label: { zh: "季度", en: "Quarter" }, bucket: "quarter" },
      { id: "n", kind: "measure", label: { zh: "客户数", en: "Clients" }, format: "number" },
    ],
    rows: [
      ["sh", "am1", "2026-Q2", 4], ["sh", "am1", "2026-Q1", 2], ["sh", "am2", "2026-Q1", 6],
      ["bj", "am3", "2026-Q2", 8], ["bj", "__other__", "2026-Q1", 1],
    ],
    totals: { n: 21 },
    subtotals: [
      { by: ["branch", "manager"], rows: [["sh", "am1", null, 6], ["sh", "am2", null, 6], ["bj", "am3", null, 8], ["bj", "__other__", null, 1]] },
      { by: ["branch", "quarter"], rows: [["sh", null, "2026-Q1", 8], ["sh", null, "2026-Q2", 4], ["bj", null, "2026-Q1", 1], ["bj", null, "2026-Q2", 8]] },
      { by: ["branch"], rows: [["sh", null, null, 12], ["bj", null, null, 9]] },
      { by: ["quarter"], rows: [[null, null, "2026-Q1", 9], [null, null, "2026-Q2", 12]] },
    ],
  };
}

describe("pivotAxes", () => {
  it("takes the chart's rows and columns, else the last dimension across", () => {
    const data = sample();
    expect(pivotAxes(data).rows.map((d) => d.id)).toEqual(["branch", "manager"]);
    expect(pivotAxes(data).columns.map((d) => d.id)).toEqual(["quarter"]);
    const plain = { ...data, chart: { type: "pivot" } };
    expect(pivotAxes(plain).rows.map((d) => d.id)).toEqual(["branch", "manager"]);
    expect(pivotAxes(plain).columns.map((d) => d.id)).toEqual(["quarter"]);
    const across = { ...data, chart: { type: "pivot", columns: ["quarter", "nope"] } };
    expect(pivotAxes(across).rows.map((d) => d.id)).toEqual(["branch", "manager"]);
  });
});

describe("buildPivot", () => {
  it("puts the periods across in time order, then the row totals", () => {
    const p = buildPivot(sample(), "zh", TEXTS);
    expect(p.headers.map((h) => h.title)).toEqual(["2026-Q1", "2026-Q2", "总计"]);
    expect(p.leaves.map((l) => [l.measure.id, l.at, l.kind])).toEqual([
      ["n", { quarter: "2026-Q1" }, "detail"], ["n", { quarter: "2026-Q2" }, "detail"], ["n", {}, "total"],
    ]);
  });

  it("lists the groups with their subtotals and the grand total, figures from the server", () => {
    const p = buildPivot(sample(), "zh", TEXTS);
    const [q1, q2, total] = p.leaves.map((l) => l.key);
    const shown = p.rows.map((r) => [r.kind, r.labels.branch, r.labels.manager, r.cells[q1], r.cells[q2], r.cells[total]]);
    expect(shown).toEqual([
      ["detail", "上海", "am1", 2, 4, 6],
      ["detail", "上海", "am2", 6, null, 6],
      ["subtotal", "上海", "小计", 8, 4, 12],
      ["detail", "北京", "am3", null, 8, 8],
      ["detail", "北京", "其他", 1, null, 1],
      ["subtotal", "北京", "小计", 1, 8, 9],
      ["total", "总计", "", 9, 12, 21],
    ]);
    expect(p.rows[2].at).toEqual({ branch: "sh" });
    expect(p.rows[4].at).toEqual({ branch: "bj", manager: "__other__" });
    expect(p.rows[6].at).toEqual({});
  });

  it("merges a group's cells down its rows and spreads the subtotal and total labels", () => {
    const p = buildPivot(sample(), "en", TEXTS);
    expect(p.rows.map((r) => r.spans.branch)).toEqual([
      { rowSpan: 3, colSpan: 1 }, { rowSpan: 0, colSpan: 1 }, { rowSpan: 0, colSpan: 1 },
      { rowSpan: 3, colSpan: 1 }, { rowSpan: 0, colSpan: 1 }, { rowSpan: 0, colSpan: 1 },
      { rowSpan: 1, colSpan: 2 },
    ]);
    expect(p.rows.map((r) => r.spans.manager)).toEqual([
      { rowSpan: 1, colSpan: 1 }, { rowSpan: 1, colSpan: 1 }, { rowSpan: 1, colSpan: 1 },
      { rowSpan: 1, colSpan: 1 }, { rowSpan: 1, colSpan: 1 }, { rowSpan: 1, colSpan: 1 },
      { rowSpan: 1, colSpan: 0 },
    ]);
    expect(p.rows[0].labels.branch).toBe("Shanghai");
    expect(p.rows[4].labels.manager).toBe("Other");
  });

  it("nests a leaf per measure under each column value when there are several", () => {
    const data = sample();
    data.columns.push({ id: "aum", kind: "measure", label: { zh: "权益", en: "Equity" }, format: "money" });
    data.rows = data.rows.map((r) => [...r, 100]);
    data.subtotals = [];
    data.totals = { n: 21, aum: 500 };
    const p = buildPivot(data, "en", TEXTS);
    expect(p.headers.map((h) => [h.title, h.children?.map((c) => c.title)])).toEqual([
      ["2026-Q1", ["Clients", "Equity"]], ["2026-Q2", ["Clients", "Equity"]],
    ]);
    // without the server's subtotals: no subtotal rows, no row totals, no total row
    expect(p.rows.every((r) => r.kind === "detail")).toBe(true);
  });

  it("adds a 小计 column after an outer column group the server subtotalled", () => {
    const data: ReportData = {
      report: "r", form: "f", chart: { type: "pivot", rows: ["branch"], columns: ["year", "quarter"] },
      columns: [
        { id: "branch", kind: "dimension" }, { id: "year", kind: "dimension", bucket: "year" },
        { id: "quarter", kind: "dimension", bucket: "quarter" }, { id: "n", kind: "measure" },
      ],
      rows: [["sh", "2025", "2025-Q4", 1], ["sh", "2026", "2026-Q1", 2], ["sh", "2026", "2026-Q2", 3]],
      totals: { n: 6 },
      subtotals: [{ by: ["branch", "year"], rows: [["sh", "2025", null, 1], ["sh", "2026", null, 5]] }],
    };
    const p = buildPivot(data, "zh", TEXTS);
    expect(p.headers.map((h) => [h.title, h.children?.map((c) => c.title)])).toEqual([
      ["2025", ["2025-Q4", "小计"]], ["2026", ["2026-Q1", "2026-Q2", "小计"]],
    ]);
    const sub = p.leaves.filter((l) => l.kind === "subtotal");
    expect(sub.map((l) => [l.at, p.rows[0].cells[l.key]])).toEqual([[{ year: "2025" }, 1], [{ year: "2026" }, 5]]);
  });

  it("puts a select's values across in its options' order, 其他 last", () => {
    const data = sample();
    data.chart = { type: "pivot", rows: ["manager"], columns: ["branch"] };
    data.rows = [["bj", "am3", "2026-Q2", 8], ["__other__", "am9", "2026-Q2", 1], ["sh", "am1", "2026-Q2", 4]];
    data.subtotals = [];
    const p = buildPivot(data, "zh", TEXTS);
    expect(p.headers.map((h) => h.title)).toEqual(["上海", "北京", "其他"]);
  });

  it("shows the measures as columns when nothing goes across", () => {
    const data = sample();
    data.chart = { type: "pivot", rows: ["branch"], columns: [] };
    data.columns = data.columns.filter((c) => c.id !== "manager" && c.id !== "quarter");
    data.rows = [["sh", 12], ["bj", 9]];
    data.subtotals = undefined;
    const p = buildPivot(data, "zh", TEXTS);
    expect(p.headers.map((h) => h.title)).toEqual(["客户数"]);
    expect(p.rows.map((r) => [r.labels.branch, r.cells[p.leaves[0].key]])).toEqual([["上海", 12], ["北京", 9], ["总计", 21]]);
  });
});

describe("colouring", () => {
  it("scales the detail cells of the measure from low to high", () => {
    const p = buildPivot(sample(), "zh", TEXTS);
    const scale = backgroundScale(p, sample().chart.colour);
    expect(scale && [scale.min, scale.max]).toEqual([1, 8]);
    expect(backgroundOf(scale, "n", 1)).toEqual({ background: "#ffffff" });
    expect(backgroundOf(scale, "n", 8)).toEqual({ background: "#000000", color: "#fff" });
    expect(backgroundOf(scale, "other", 8)).toBeUndefined();
    expect(backgroundOf(scale, "n", null)).toBeUndefined();
    expect(backgroundScale(p, null)).toBeNull();
  });

  it("reads colours and takes numbers as a fixed range", () => {
    expect(parseColour("#fff")).toEqual([255, 255, 255]);
    expect(parseColour("red")).toBeNull();
    const p = buildPivot(sample(), "zh", TEXTS);
    const scale = backgroundScale(p, { low: 0, high: 100 });
    expect(scale && [scale.measure, scale.min, scale.max]).toEqual(["n", 0, 100]);
  });
});
