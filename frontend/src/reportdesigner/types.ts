/** The report definition's parts as the designer holds them (metadata/report.schema.json),
 * their vocabularies and limits, and a field a report may use. */
import type { JsonLogic, Text } from "../api/types";
import type { ChartDef } from "./charts";

export type Agg = "count" | "count_distinct" | "sum" | "avg" | "min" | "max" | "median" | "percentile";
/** a comparison's period */
export type Period = "day" | "week" | "month" | "quarter" | "year";
/** a date dimension's period: a comparison's, or the exchanges' trading day */
export type Bucket = Period | "trading_day";
export type Format = "number" | "percent" | "money";

export const AGGREGATES = "count count_distinct sum avg min max median percentile".split(" ") as Agg[];
export const PERIODS = "day week month quarter year".split(" ") as Period[];
export const BUCKETS = "day trading_day week month quarter year".split(" ") as Bucket[];
export const FORMATS = "number percent money".split(" ") as Format[];

export const MAX_DIMENSIONS = 4;
export const MAX_MEASURES = 20;
export const MAX_SORT = 4;
export const MAX_LIMIT = 10_000;
export const MAX_TOP = 100;
export const ID_PATTERN = /^[a-z][a-z0-9_]{0,40}$/;

export interface Dimension {
  field: string;
  bucket?: Bucket;
  top?: number;
  label?: Text;
}

export interface Measure {
  id: string;
  label?: Text;
  agg?: Agg;
  p?: number;
  filter?: JsonLogic;
  field?: string;
  formula?: JsonLogic;
  format?: Format;
}

export interface SortKey {
  by: string;
  desc?: boolean;
}

export interface Compare {
  field: string;
  period: Period;
}

export interface ReportDef {
  schema_version: 1;
  id: string;
  label: Text;
  description?: Text;
  form: string;
  filter?: JsonLogic;
  dimensions: Dimension[];
  measures: Measure[];
  sort?: SortKey[];
  limit?: number;
  compare?: Compare;
  chart: ChartDef;
}

/** A field a report may use: one of its form's, or one of a related form's (`client.branch`). */
export interface FieldChoice {
  path: string;
  label: Text;
  /** its field type (the icon) */
  type: string;
  /** may be a dimension (the server groups by it) */
  dimension: boolean;
  /** a date or date-time: grouped by period, compared by period */
  periods: boolean;
  /** what a measure of it may compute (none: not a measure) */
  aggregates: Agg[];
  /** how a figure of its values reads */
  format: Format;
  /** a field of the report's own form (not through a relation) */
  own: boolean;
}
