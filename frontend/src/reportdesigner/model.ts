/**
 * A report definition as the report designer holds it (metadata/report.schema.json) and the
 * pure edits the designer makes on it: dimensions and measures added, removed, moved and
 * changed (a date by period, one dimension's top N, a measure's aggregate, percentile, format
 * and own filter, formula measures over earlier ones), measure ids made from labels and kept
 * unique, what a field allows by its type's traits (sum / average / median / percentile of
 * numbers only; people, departments and related records counted, never summed; periods of
 * dates), the sort, the limit, the comparison with the previous period, and the definition
 * JSON the server stores (stable key order, only what is set).
 */
import type { FieldTraits, JsonLogic, Text } from "../api/types";
import { chartType, keepOptions } from "./charts";
import { renameVars } from "./formula";
import {
  AGGREGATES, MAX_DIMENSIONS, MAX_LIMIT, MAX_MEASURES, MAX_SORT, ID_PATTERN,
  type Agg, type Bucket, type Compare, type Dimension, type FieldChoice, type Format, type Measure, type ReportDef,
  type SortKey,
} from "./types";

export {
  AGGREGATES, BUCKETS, FORMATS, ID_PATTERN, MAX_DIMENSIONS, MAX_LIMIT, MAX_MEASURES, MAX_SORT, MAX_TOP, PERIODS,
} from "./types";
export type { Agg, Bucket, Compare, Dimension, FieldChoice, Format, Measure, Period, ReportDef, SortKey } from "./types";

/** Aggregates of numbers only (the server's reports/report_kind.py NUMERIC). */
const NUMERIC: Agg[] = ["sum", "avg", "median", "percentile"];
const ID_MAX = 41;

// ------------------------------------------------------------------ what a field allows

/** The aggregates a field with traits `t` allows: counts of anything but JSON; min and max of
 * what the type orders; sum, average, median and percentile of plain numbers (ids of people,
 * departments and records are numbers that are only counted). */
export function aggregatesFor(t: FieldTraits): Agg[] {
  if (t.sql_kind === "json" || t.sql_kind === "json_array") return [];
  const own = new Set(t.aggregations);
  const number = t.sql_kind === "number" && !t.references;
  return AGGREGATES.filter((a) => {
    if (a === "count") return true;
    if (NUMERIC.includes(a)) return number;
    if (a === "min" || a === "max") return number || own.has(a);
    return own.has(a);
  });
}

/** Whether a field with traits `t` is grouped by period (a date or a date-time). */
export function allowsPeriods(t: FieldTraits): boolean {
  return t.sql_kind === "date" || t.sql_kind === "datetime";
}

/** Whether a report may group by a field with traits `t` (the server groups what it sorts). */
export function groupable(t: FieldTraits): boolean {
  return t.sortable && t.sql_kind !== "json" && t.sql_kind !== "json_array";
}

/** The number format of a field's figures. */
export function formatFor(t: FieldTraits): Format {
  if (t.references) return "number";
  if (t.number_format === "amount") return "money";
  if (t.number_format === "percent") return "percent";
  return "number";
}

// ------------------------------------------------------------------ ids and labels

/** `text` as an id (lower-case letters, digits, underscores; a letter first), or "". */
export function slugId(text: string | undefined | null): string {
  const slug = (text ?? "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "_").replace(/^[^a-z]+/, "").replace(/_+$/, "");
  return slug.slice(0, ID_MAX).replace(/_+$/, "");
}

/** `base` or `base_2`, `base_3`... : the first not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = (slugId(base) || "measure").slice(0, ID_MAX);
  if (!used.has(root)) return root;
  for (let n = 2; ; n += 1) {
    const tail = `_${n}`;
    const id = `${root.slice(0, ID_MAX - tail.length)}${tail}`;
    if (!used.has(id)) return id;
  }
}

/** A new report's id from its name: the English name's words, else `<form>_report`. */
export function reportIdFromLabel(label: Text, form: string, taken: Iterable<string> = []): string {
  return uniqueId(slugId(label.en) || slugId(label.zh) || `${form || "new"}_report`, taken);
}

const AGG_WORDS: Record<Agg, Text> = {
  count: { zh: "计数", en: "count" },
  count_distinct: { zh: "去重计数", en: "distinct" },
  sum: { zh: "求和", en: "sum" },
  avg: { zh: "平均", en: "average" },
  min: { zh: "最小", en: "min" },
  max: { zh: "最大", en: "max" },
  median: { zh: "中位数", en: "median" },
  percentile: { zh: "百分位", en: "percentile" },
};
const RECORDS: Text = { zh: "记录数", en: "Records" };

/** The label a new measure takes: "客户权益(求和)" / "Equity (sum)"; a count of rows: 记录数. */
export function autoLabel(field: FieldChoice | null | undefined, agg: Agg, p?: number): Text {
  if (!field) return agg === "count" ? { ...RECORDS } : { zh: AGG_WORDS[agg].zh!, en: AGG_WORDS[agg].en };
  const word = agg === "percentile" && p != null ? { zh: `P${Math.round(p * 100)}`, en: `p${Math.round(p * 100)}` } : AGG_WORDS[agg];
  const zh = field.label.zh || field.label.en || field.path;
  const en = field.label.en || field.label.zh || field.path;
  return { zh: `${zh}(${word.zh})`, en: `${en} (${word.en})` };
}

/** The id a measure's label gives (its English words, else its field and aggregate). */
export function autoId(label: Text | undefined, field?: string, agg?: Agg): string {
  return slugId(label?.en) || slugId(field && agg ? `${field}_${agg}` : field) || "measure";
}

/** Ids a new measure may not take: the other measures' and the dimensions' fields. */
export function takenIds(def: ReportDef, except?: number): string[] {
  return [...def.measures.filter((_, i) => i !== except).map((m) => m.id), ...def.dimensions.map((d) => d.field)];
}

const sameText = (a: Text | undefined, b: Text | undefined) => (a?.zh ?? "") === (b?.zh ?? "") && (a?.en ?? "") === (b?.en ?? "");

// ------------------------------------------------------------------ a new or loaded report

export function blankReport(form: string, id: string, label: Text): ReportDef {
  return { schema_version: 1, id, label, form, dimensions: [], measures: [], chart: { type: "table" } };
}

/** A stored definition as the designer holds it (missing lists empty, a table by default). */
export function fromDefinition(raw: unknown): ReportDef {
  const body = (raw && typeof raw === "object" ? raw : {}) as Partial<ReportDef>;
  const chart = body.chart && typeof body.chart === "object" && typeof body.chart.type === "string" ? body.chart : { type: "table" };
  return {
    ...body,
    schema_version: 1,
    id: body.id ?? "",
    label: body.label ?? { zh: body.id ?? "" },
    form: body.form ?? "",
    dimensions: Array.isArray(body.dimensions) ? body.dimensions : [],
    measures: Array.isArray(body.measures) ? body.measures : [],
    chart,
  };
}

const compact = <T extends object>(obj: T): T =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;

/** A text as the schema takes it (Chinese required): null when both are empty. */
export function cleanText(text: Text | undefined): Text | undefined {
  const zh = text?.zh?.trim() ?? "";
  const en = text?.en?.trim() ?? "";
  if (!zh && !en) return undefined;
  return en ? { zh: zh || en, en } : { zh };
}

/** The definition JSON to store or preview: keys in the schema's order, nothing unset. */
export function toDefinition(def: ReportDef): Record<string, unknown> {
  const dims = def.dimensions.map((d) => compact({
    field: d.field, bucket: d.bucket, top: d.bucket ? undefined : d.top, label: cleanText(d.label),
  }));
  const measures = def.measures.map((m) => (m.formula !== undefined
    ? compact({ id: m.id, label: cleanText(m.label), formula: m.formula, format: m.format })
    : compact({
      id: m.id, label: cleanText(m.label), agg: m.agg ?? "count", p: m.agg === "percentile" ? m.p ?? 0.5 : undefined,
      filter: m.filter ?? undefined, field: m.field, format: m.format,
    })));
  return compact({
    schema_version: 1,
    id: def.id,
    label: cleanText(def.label) ?? { zh: def.id },
    description: cleanText(def.description),
    form: def.form,
    filter: def.filter ?? undefined,
    dimensions: dims.length ? dims : undefined,
    measures,
    sort: def.sort?.length ? def.sort.map((s) => compact({ by: s.by, desc: s.desc || undefined })) : undefined,
    limit: def.limit ?? undefined,
    compare: def.compare,
    chart: keepOptions(def.chart, def.dimensions.map((d) => d.field), def.measures.map((m) => m.id)),
  });
}

// ------------------------------------------------------------------ dimensions

export type AddProblem = "full" | "duplicate" | "not_dimension" | "not_measure";

const clampIndex = (at: number | undefined, length: number) => (at == null ? length : Math.max(0, Math.min(at, length)));

export function move<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || from >= list.length) return list;
  const out = [...list];
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item);
  return out;
}

/** `field` added as a dimension at `at` (a date by month), or why it cannot be. */
export function addDimension(def: ReportDef, field: FieldChoice, at?: number): { def: ReportDef; problem?: AddProblem } {
  if (!field.dimension) return { def, problem: "not_dimension" };
  if (def.dimensions.some((d) => d.field === field.path)) return { def, problem: "duplicate" };
  if (def.dimensions.length >= MAX_DIMENSIONS) return { def, problem: "full" };
  const dim: Dimension = compact({
    field: field.path,
    bucket: field.periods ? "month" as Bucket : undefined,
    label: field.own ? undefined : field.label,
  });
  const dimensions = [...def.dimensions];
  dimensions.splice(clampIndex(at, dimensions.length), 0, dim);
  // a pivot whose rows are chosen shows a new dimension down its rows too
  const rows = def.chart.rows;
  const chart = Array.isArray(rows) ? { ...def.chart, rows: [...(rows as string[]), field.path] } : def.chart;
  return { def: { ...def, dimensions, chart } };
}

/** Dimension `index` changed: a period leaves no top N; only one dimension keeps a top N. */
export function updateDimension(def: ReportDef, index: number, patch: Partial<Dimension>): ReportDef {
  const dimensions = def.dimensions.map((d, i) => {
    if (i !== index) return patch.top ? compact({ ...d, top: undefined }) : d;
    const next = compact({ ...d, ...patch });
    if (next.bucket) delete next.top;
    if (!next.top) delete next.top;
    if (!next.bucket) delete next.bucket;
    return next;
  });
  return { ...def, dimensions };
}

/** Dimension `index` removed, with the sort keys and pivot axes naming it. */
export function removeDimension(def: ReportDef, index: number): ReportDef {
  const gone = def.dimensions[index]?.field;
  if (gone === undefined) return def;
  return withoutColumn({ ...def, dimensions: def.dimensions.filter((_, i) => i !== index) }, gone);
}

export function moveDimension(def: ReportDef, from: number, to: number): ReportDef {
  return { ...def, dimensions: move(def.dimensions, from, to) };
}

function withoutColumn(def: ReportDef, column: string): ReportDef {
  const sort = def.sort?.filter((s) => s.by !== column);
  const chart = { ...def.chart };
  for (const axis of ["rows", "columns"] as const) {
    if (Array.isArray(chart[axis])) chart[axis] = (chart[axis] as string[]).filter((f) => f !== column);
  }
  const colour = chart.colour as { measure?: string } | undefined;
  if (colour?.measure === column) delete chart.colour;
  if (chart.measure === column) delete chart.measure;
  return compact({ ...def, sort: sort?.length ? sort : undefined, chart });
}

// ------------------------------------------------------------------ measures

/** The aggregate a new measure of `field` starts with: a sum of numbers, else a count. */
export function defaultAgg(field: FieldChoice | null): Agg {
  return field && field.aggregates.includes("sum") ? "sum" : "count";
}

/** A measure of `field` (null: the count of records) added at `at`, or why it cannot be. */
export function addMeasure(def: ReportDef, field: FieldChoice | null, at?: number, agg?: Agg): { def: ReportDef; problem?: AddProblem } {
  if (field && !field.aggregates.length) return { def, problem: "not_measure" };
  if (def.measures.length >= MAX_MEASURES) return { def, problem: "full" };
  const chosen = agg && (!field || field.aggregates.includes(agg)) ? agg : defaultAgg(field);
  const label = autoLabel(field, chosen);
  const measure: Measure = compact({
    id: uniqueId(autoId(label, field?.path, chosen), takenIds(def)),
    label,
    agg: chosen,
    field: field?.path,
    format: chosen === "count" || chosen === "count_distinct" ? "number" as Format : field?.format ?? "number",
  });
  const measures = [...def.measures];
  measures.splice(clampIndex(at, measures.length), 0, measure);
  return { def: { ...def, measures } };
}

/** A formula measure over the measures before it, added last. */
export function addFormula(def: ReportDef, formula: JsonLogic, label: Text, format: Format = "number"): { def: ReportDef; problem?: AddProblem } {
  if (def.measures.length >= MAX_MEASURES) return { def, problem: "full" };
  const measure: Measure = { id: uniqueId(autoId(label) === "measure" ? "formula" : autoId(label), takenIds(def)), label, formula, format };
  return { def: { ...def, measures: [...def.measures, measure] } };
}

/** Measure `from` renamed `to` wherever it is named: formulas, the sort, a pivot's colours,
 * a KPI card's headline. */
export function renameMeasure(def: ReportDef, from: string, to: string): ReportDef {
  if (from === to) return def;
  const measures = def.measures.map((m) => {
    const named = m.id === from ? { ...m, id: to } : m;
    return named.formula !== undefined ? { ...named, formula: renameVars(named.formula, from, to) as JsonLogic } : named;
  });
  const sort = def.sort?.map((s) => (s.by === from ? { ...s, by: to } : s));
  const colour = def.chart.colour as { measure?: string } | undefined;
  let chart = colour?.measure === from ? { ...def.chart, colour: { ...colour, measure: to } } : def.chart;
  if (chart.measure === from) chart = { ...chart, measure: to };
  return compact({ ...def, measures, sort, chart });
}

/**
 * Measure `index` changed. A new aggregate keeps only what it takes (p for a percentile, 0.9
 * to start; a count's figures are plain numbers); a label and id the designer made follow the
 * new aggregate, the id renamed wherever it is named; `field` is the measure's field choice.
 */
export function updateMeasure(def: ReportDef, index: number, patch: Partial<Measure>, field?: FieldChoice | null): ReportDef {
  const old = def.measures[index];
  if (!old) return def;
  const next: Measure = compact({ ...old, ...patch });
  let out = def;
  if (old.formula === undefined && (patch.agg !== undefined || patch.p !== undefined)) {
    const agg = next.agg ?? "count";
    if (agg === "percentile") next.p = next.p ?? 0.9;
    else delete next.p;
    if (patch.agg !== undefined && patch.agg !== old.agg && field !== undefined) {
      if (agg === "count" || agg === "count_distinct") next.format = "number";
      else if (old.agg === "count" || old.agg === "count_distinct") next.format = field?.format ?? "number";
    }
    const before = autoLabel(field, old.agg ?? "count", old.p);
    if (field !== undefined && sameText(old.label, before) && patch.label === undefined) {
      next.label = autoLabel(field, agg, next.p);
      if (old.id === uniqueId(autoId(before, old.field, old.agg), takenIds(def, index)) && patch.id === undefined) {
        next.id = uniqueId(autoId(next.label, next.field, agg), takenIds(def, index));
      }
    }
  }
  if (next.filter === null) delete next.filter;
  const measures = def.measures.map((m, i) => (i === index ? { ...next, id: old.id } : m));
  out = { ...out, measures };
  return next.id !== old.id ? renameMeasure(out, old.id, next.id) : out;
}

/** Measure `index` removed, with the sort keys and pivot colours naming it (formulas naming
 * it are left for the server to point out). */
export function removeMeasure(def: ReportDef, index: number): ReportDef {
  const gone = def.measures[index]?.id;
  if (gone === undefined) return def;
  return withoutColumn({ ...def, measures: def.measures.filter((_, i) => i !== index) }, gone);
}

export function moveMeasure(def: ReportDef, from: number, to: number): ReportDef {
  return { ...def, measures: move(def.measures, from, to) };
}

/** Why measure id `id` cannot be measure `index`'s: "pattern", "duplicate", or null. */
export function measureIdProblem(def: ReportDef, index: number, id: string): "pattern" | "duplicate" | null {
  if (!ID_PATTERN.test(id)) return "pattern";
  return takenIds(def, index).includes(id) ? "duplicate" : null;
}

// ------------------------------------------------------------------ sort, limit, compare, chart

/** The columns a report may sort by: its dimensions' fields, then its measures' ids. */
export function sortColumns(def: ReportDef): { by: string; kind: "dimension" | "measure"; label?: Text }[] {
  return [
    ...def.dimensions.map((d) => ({ by: d.field, kind: "dimension" as const, label: d.label })),
    ...def.measures.map((m) => ({ by: m.id, kind: "measure" as const, label: m.label })),
  ];
}

export function setSort(def: ReportDef, sort: SortKey[]): ReportDef {
  const kept = sort.filter((s) => s.by).slice(0, MAX_SORT);
  return compact({ ...def, sort: kept.length ? kept : undefined });
}

export function setLimit(def: ReportDef, limit: number | null | undefined): ReportDef {
  const n = limit == null || !Number.isFinite(limit) ? undefined : Math.max(1, Math.min(MAX_LIMIT, Math.round(limit)));
  return compact({ ...def, limit: n });
}

export function setCompare(def: ReportDef, compare: Compare | null | undefined): ReportDef {
  return compact({ ...def, compare: compare ?? undefined });
}

export function setFilter(def: ReportDef, filter: JsonLogic | undefined): ReportDef {
  return compact({ ...def, filter: filter ?? undefined });
}

/** Another chart type, keeping the options it takes. */
export function setChartType(def: ReportDef, type: string): ReportDef {
  const known = chartType(type);
  const options = Object.fromEntries(Object.entries(def.chart).filter(([k]) => known?.options.includes(k)));
  return { ...def, chart: { ...options, type } };
}

export function setChartOption(def: ReportDef, key: string, value: unknown): ReportDef {
  const chart = { ...def.chart, [key]: value };
  if (value === undefined) delete chart[key];
  return { ...def, chart };
}
