/** What the reports and dashboards API answers (api/reports.py, api/dashboards.py): a report's
 * figures with its Vega-Lite spec, a dashboard's definition with its global filters and tiles. */
import type { JsonLogic, Text } from "../api/types";

/** A cell of a report row: a dimension's stored value or a measure's figure. */
export type Cell = string | number | boolean | null;

export type MeasureFormat = "number" | "percent" | "money";

export interface ReportColumn {
  id: string;
  kind: "dimension" | "measure";
  label?: Text | null;
  /** a date dimension's period: day, week, month, quarter, year */
  bucket?: string | null;
  /** a select's stored value -> its label */
  labels?: Record<string, Text> | null;
  format?: MeasureFormat | null;
}

/** Background scale of a pivot's cells: `low` / `high` colours over the measure's range. */
export interface ColourScale {
  measure?: string;
  low?: string | number;
  high?: string | number;
}

export interface ChartOptions {
  type: string;
  /** pivot: the dimensions down the side and across the top */
  rows?: string[];
  columns?: string[];
  colour?: ColourScale | null;
  trend?: Record<string, unknown> | null;
  [option: string]: unknown;
}

export interface Subtotals {
  /** the dimensions this level groups by; the others are null in its rows */
  by: string[];
  rows: Cell[][];
}

export interface ReportData {
  report: string;
  version?: number;
  form: string;
  chart: ChartOptions;
  columns: ReportColumn[];
  rows: Cell[][];
  totals: Record<string, number | null>;
  previous?: { totals: Record<string, number | null>; rows?: Cell[][]; range?: [string, string] | null } | null;
  range?: [string, string] | null;
  subtotals?: Subtotals[];
  truncated?: boolean;
  fresh_at?: string;
  took_ms?: number;
}

export interface ReportResponse {
  report: string;
  chart: string;
  /** Vega-Lite; null for the types the browser draws itself (table, pivot, kpi) */
  spec: Record<string, unknown> | null;
  data: ReportData;
  /** a dashboard tile: the rule its global filters became for this report */
  applied?: JsonLogic;
  /** a dashboard tile: the global filters that do not apply to its report (ids) */
  unfiltered?: string[];
}

export interface ReportSummary {
  id: string;
  label?: Text | null;
  description?: Text | null;
  form: string;
  /** the chart's type, or its options ({type, ...}) */
  chart: string | ChartOptions;
  version?: number;
}

export interface DashboardSummary {
  id: string;
  label?: Text | null;
  description?: Text | null;
  version?: number;
  tiles?: number | unknown[];
}

export interface FilterOption {
  value: string | number;
  label?: Text | null;
}

export interface DashboardFilter {
  id: string;
  label?: Text | null;
  type: string;
  /** a date range's preset key, or a list of values */
  default?: unknown;
  options?: FilterOption[] | null;
}

/** A widget tile's type and settings (reports/widgets/ on the server, ./widgets/ here). */
export interface WidgetSpec {
  type: string;
  [setting: string]: unknown;
}

export interface TileDef {
  id: string;
  /** a report tile's report; a widget tile has `widget` instead */
  report?: string;
  widget?: WidgetSpec;
  title?: Text | null;
  x: number;
  y: number;
  w: number;
  h: number;
  chart?: string;
  readable?: boolean;
}

export interface Dashboard {
  id: string;
  label?: Text | null;
  description?: Text | null;
  version?: number;
  refresh?: number;
  editable?: boolean;
  filters: DashboardFilter[];
  tiles: TileDef[];
}

export interface TilePlace {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** a widget added (or set) while editing */
  widget?: WidgetSpec;
}

/** A widget tile's content for the viewer (`GET .../tiles/<tile>` of a widget tile). */
export interface WidgetAnswer<D = Record<string, unknown>> {
  tile: string;
  widget: string;
  data: D;
}

export interface DrillTarget {
  form: string;
  filter: JsonLogic;
}
