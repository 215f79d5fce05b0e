/** What a KPI card shows: its headline measure (`chart.measure`, else the first), that
 * measure's total, its previous period's total and the change, the trend of its rows, and the
 * report's other measures as smaller figures. */
import { changeOf } from "./format";
import type { ReportColumn, ReportData } from "./types";

export interface KpiFigures {
  measure: ReportColumn;
  value: number | null;
  previous: number | null;
  change: ReturnType<typeof changeOf>;
  /** the first dimension along, the headline measure up (two points at least, else none) */
  points: { x: string; y: number }[];
  others: { measure: ReportColumn; value: number | null }[];
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function kpiFigures(data: ReportData): KpiFigures | null {
  const measures = data.columns.filter((c) => c.kind === "measure");
  const named = typeof data.chart?.measure === "string" ? measures.find((m) => m.id === data.chart.measure) : undefined;
  const measure = named ?? measures[0];
  if (!measure) return null;
  const at = data.columns.indexOf(measure);
  const dimAt = data.columns.findIndex((c) => c.kind === "dimension");
  const value = num(data.totals?.[measure.id]);
  const previous = data.previous ? num(data.previous.totals?.[measure.id]) : null;
  const points = dimAt < 0 ? [] : data.rows
    .filter((r) => num(r[at]) != null)
    .map((r) => ({ x: String(r[dimAt] ?? ""), y: r[at] as number }));
  return {
    measure,
    value,
    previous,
    change: changeOf(value, previous),
    points: points.length > 1 ? points : [],
    others: measures.filter((m) => m !== measure).map((m) => ({ measure: m, value: num(data.totals?.[m.id]) })),
  };
}
