/** The server's Vega-Lite spec made ready for its box (width from the container, the height
 * too in a dashboard tile, no title where a card already shows one, the platform's font, the
 * `trellisNumber` format type switched on), the KPI card's sparkline spec, and the stored
 * values behind a clicked mark's datum (for the drill-down). */
import { rawOf } from "./format";
import type { Cell, ReportColumn } from "./types";

export const FONT = `-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", `
  + `"Noto Sans CJK SC", "WenQuanYi Zen Hei", "Helvetica Neue", Arial, sans-serif`;
export const FORMAT_TYPE = "trellisNumber";

type Spec = Record<string, unknown>;

const COMPOSED = ["facet", "repeat", "concat", "hconcat", "vconcat"];

/** Up to this many names along a discrete x axis are written aslant. */
const SLANTED_NAMES = 12;

/** How many distinct values a discrete x axis shows (null: the x axis is not discrete). */
export function discreteX(spec: Spec): number | null {
  const encodingOf = (s: unknown) => ((s as Spec | undefined)?.encoding as Record<string, Spec> | undefined);
  const x = encodingOf(spec)?.x ?? (Array.isArray(spec.layer) ? spec.layer.map((l) => encodingOf(l)?.x).find(Boolean) : undefined);
  if (!x || !["ordinal", "nominal"].includes(String(x.type)) || typeof x.field !== "string") return null;
  const values = (spec.data as { values?: Record<string, unknown>[] } | undefined)?.values ?? [];
  return new Set(values.map((v) => JSON.stringify(v?.[x.field as string] ?? null))).size;
}

export interface FitOptions {
  /** fill the box's height as well (a dashboard tile) */
  fillHeight?: boolean;
  /** leave the spec's title out (the card around it shows one) */
  untitled?: boolean;
}

/** A copy of the spec that fits its container. */
export function fitSpec(spec: Spec, opts: FitOptions = {}): Spec {
  const out = JSON.parse(JSON.stringify(spec)) as Spec;
  if (opts.untitled) {
    delete out.title;
    for (const layer of (Array.isArray(out.layer) ? out.layer : []) as Spec[]) delete layer.title;
  }
  if (!COMPOSED.some((k) => k in out)) {
    out.width = "container";
    if (opts.fillHeight) out.height = "container";
    out.autosize = { type: "fit", contains: "padding", resize: true };
  }
  const config = { ...((out.config as Spec | undefined) ?? {}) };
  config.font = config.font ?? FONT;
  if (JSON.stringify(out).includes(`"${FORMAT_TYPE}"`)) config.customFormatTypes = true;
  config.view = { stroke: null, ...((config.view as Spec | undefined) ?? {}) };
  // a few names along a discrete x axis read aslant rather than on their side (Chinese above all);
  // many (months of years) stay upright on their side, where they do not overlap
  const names = discreteX(out);
  if (names != null && names <= SLANTED_NAMES) {
    config.axisXDiscrete = { labelAngle: -30, labelLimit: 120, ...((config.axisXDiscrete as Spec | undefined) ?? {}) };
  }
  out.config = config;
  out.background = out.background ?? "#ffffff"; // a downloaded image is not transparent
  return out;
}

/** A tiny trend line under a KPI's figure, as high as its box: the first dimension along, the measure up. */
export function sparklineSpec(points: { x: string; y: number }[], colour = "#1677ff"): Spec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values: points },
    width: "container",
    height: "container",
    autosize: { type: "fit", contains: "padding", resize: true },
    background: null,
    config: { view: { stroke: null }, font: FONT },
    encoding: {
      x: { field: "x", type: "ordinal", axis: null, sort: null },
      y: { field: "y", type: "quantitative", axis: null, scale: { zero: false } },
    },
    layer: [
      { mark: { type: "area", color: colour, opacity: 0.12, interpolate: "monotone" } },
      { mark: { type: "line", color: colour, strokeWidth: 2, interpolate: "monotone" } },
    ],
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A period's text for a date Vega parsed from it (a temporal axis). */
function periodOf(value: Date, bucket: string | null | undefined): string {
  const utc = value.getUTCHours() === 0 && value.getUTCMinutes() === 0;
  const y = utc ? value.getUTCFullYear() : value.getFullYear();
  const m = (utc ? value.getUTCMonth() : value.getMonth()) + 1;
  const d = utc ? value.getUTCDate() : value.getDate();
  if (bucket === "year") return String(y);
  if (bucket === "quarter") return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (bucket === "month") return `${y}-${pad(m)}`;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The stored dimension values a clicked mark stands for: `<id>__raw` when the server put it
 * there, else the shown value mapped back through the column's labels; null when the datum
 * carries none of the report's dimensions (an axis, a legend). */
export function atOfDatum(datum: unknown, columns: ReportColumn[]): Record<string, Cell> | null {
  if (!datum || typeof datum !== "object") return null;
  const d = datum as Record<string, unknown>;
  const at: Record<string, Cell> = {};
  const dims = columns.filter((c) => c.kind === "dimension");
  for (const c of dims) {
    const raw = `${c.id}__raw`;
    if (raw in d) at[c.id] = d[raw] as Cell;
    else if (c.id in d) {
      const v = d[c.id];
      at[c.id] = v instanceof Date ? periodOf(v, c.bucket) : (rawOf(c, v) as Cell);
    }
  }
  return dims.length > 0 && Object.keys(at).length === 0 ? null : at;
}
