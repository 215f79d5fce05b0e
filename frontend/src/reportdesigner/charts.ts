/**
 * The chart types a report can be drawn as, under the server's keys (reports/charts/): how
 * many dimensions and measures each shows (the server refuses others when it saves) and which
 * `chart` options it reads (bar: `stack` false for grouped bars, `horizontal`; pie: `donut`;
 * pivot: `rows` and `columns` of dimensions, `subtotals`, `colour`; KPI card: the headline
 * `measure`). The pivot's axes are
 * worked out as the server does: without a choice the last dimension goes across.
 */

export interface ChartDef {
  type: string;
  [option: string]: unknown;
}

export interface ChartTypeInfo {
  key: string;
  /** fewest and most dimensions */
  dimensions: [number, number];
  /** fewest and most measures */
  measures: [number, number];
  /** the `chart` keys it reads */
  options: string[];
}

export const CHART_TYPES: ChartTypeInfo[] = [
  { key: "bar", dimensions: [1, 2], measures: [1, 20], options: ["stack", "horizontal"] },
  { key: "line", dimensions: [1, 2], measures: [1, 20], options: [] },
  { key: "area", dimensions: [1, 2], measures: [1, 20], options: [] },
  { key: "pie", dimensions: [1, 1], measures: [1, 1], options: ["donut"] },
  { key: "scatter", dimensions: [1, 2], measures: [2, 3], options: [] },
  { key: "heatmap", dimensions: [2, 2], measures: [1, 1], options: [] },
  { key: "funnel", dimensions: [0, 1], measures: [1, 8], options: [] },
  { key: "kpi", dimensions: [0, 1], measures: [1, 4], options: ["measure"] },
  { key: "table", dimensions: [0, 4], measures: [1, 20], options: [] },
  { key: "pivot", dimensions: [1, 4], measures: [1, 20], options: ["rows", "columns", "subtotals", "colour"] },
];

export function chartType(key: string): ChartTypeInfo | undefined {
  return CHART_TYPES.find((c) => c.key === key);
}

/** Whether chart `key` shows `dims` dimensions and `measures` measures (an unknown type: yes). */
export function chartFits(key: string, dims: number, measures: number): boolean {
  const info = chartType(key);
  if (!info) return true;
  const [dlo, dhi] = info.dimensions;
  const [mlo, mhi] = info.measures;
  return dims >= dlo && dims <= dhi && measures >= mlo && measures <= mhi;
}

/** The pivot's dimensions down the side and across the top (reports/charts/pivot.py `axes`). */
export function pivotAxes(chart: ChartDef, dims: string[]): { rows: string[]; columns: string[] } {
  const given = (k: string) => (Array.isArray(chart[k]) ? (chart[k] as string[]) : undefined);
  const columns = (given("columns") ?? (dims.length > 1 ? dims.slice(-1) : [])).filter((c) => dims.includes(c));
  const rows = (given("rows") ?? dims.filter((d) => !columns.includes(d))).filter((r) => dims.includes(r) && !columns.includes(r));
  return { rows, columns };
}

/** The pivot's axes with dimension `field` moved to `axis` (every dimension placed once). */
export function placeOnAxis(chart: ChartDef, dims: string[], field: string, axis: "rows" | "columns"): ChartDef {
  const now = pivotAxes(chart, dims);
  const placed = new Set([...now.rows, ...now.columns]);
  const rows = [...now.rows, ...dims.filter((d) => !placed.has(d))].filter((d) => d !== field);
  const columns = now.columns.filter((d) => d !== field);
  (axis === "rows" ? rows : columns).push(field);
  return { ...chart, rows, columns };
}

/** The chart's options as stored: only those its type reads, pivot axes naming live dimensions,
 * a colour scale or a headline naming a live measure, defaults (stacked, vertical, subtotals)
 * left out. */
export function keepOptions(chart: ChartDef, dims: string[], measures: string[]): ChartDef {
  const info = chartType(chart.type);
  const out: ChartDef = { type: chart.type };
  for (const [k, v] of Object.entries(chart)) {
    if (k === "type" || v === undefined || (info && !info.options.includes(k))) continue;
    if (k === "stack" && v !== false) continue;
    if ((k === "horizontal" || k === "donut") && v !== true) continue;
    if (k === "subtotals" && v !== false) continue;
    if ((k === "rows" || k === "columns") && Array.isArray(v)) {
      out[k] = (v as string[]).filter((d) => dims.includes(d));
      continue;
    }
    if (k === "colour" && (v as { measure?: string } | null)?.measure && !measures.includes((v as { measure: string }).measure)) continue;
    if (k === "measure" && !measures.includes(v as string)) continue;
    out[k] = v;
  }
  return out;
}
