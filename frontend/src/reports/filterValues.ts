/** A dashboard's global filter values: their defaults (a date range's preset key, a list),
 * the page address's `?f=<JSON>` (only what differs from the defaults, a cleared filter as
 * null, a date preset kept as its key so a link stays relative) and what a tile is asked
 * with (`values`: presets resolved to days, empty filters left out, a cleared default null). */
import { isPreset, isRange, presetRange, type DateRange } from "./presets";
import type { DashboardFilter } from "./types";

/** filter id -> a date preset key, a [from, to] range or a list; null: cleared by the user */
export type FilterValues = Record<string, unknown>;

const DATE_RANGE = "date_range";

/** The value as this filter takes it, or undefined. */
export function cleanValue(filter: DashboardFilter, v: unknown): unknown {
  if (filter.type === DATE_RANGE) return isPreset(v) || isRange(v) ? v : undefined;
  if (!Array.isArray(v)) return undefined;
  const list = v.filter((x) => typeof x === "string" || typeof x === "number");
  return list.length === v.length ? list : undefined;
}

const isEmpty = (v: unknown) => v == null || (Array.isArray(v) && v.length === 0);

export function defaultValues(filters: DashboardFilter[]): FilterValues {
  const out: FilterValues = {};
  for (const f of filters) {
    const v = cleanValue(f, f.default);
    if (v !== undefined && !isEmpty(v)) out[f.id] = v;
  }
  return out;
}

/** The values a `f` parameter describes, over the defaults; what cannot be read is ignored. */
export function readValues(raw: string | null, filters: DashboardFilter[]): FilterValues {
  const out = defaultValues(filters);
  if (!raw) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return out;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return out;
  for (const f of filters) {
    if (!(f.id in parsed)) continue;
    const v = (parsed as Record<string, unknown>)[f.id];
    if (isEmpty(v)) {
      if (f.id in out) out[f.id] = null;
      continue;
    }
    const clean = cleanValue(f, v);
    if (clean !== undefined) out[f.id] = clean;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The `f` parameter for these values, or null when they are the defaults. */
export function writeValues(values: FilterValues, filters: DashboardFilter[]): string | null {
  const defaults = defaultValues(filters);
  const out: FilterValues = {};
  for (const f of filters) {
    const v = isEmpty(values[f.id]) ? null : values[f.id];
    const d = defaults[f.id] ?? null;
    if (!same(v, d)) out[f.id] = v;
  }
  return Object.keys(out).length ? JSON.stringify(out) : null;
}

/** A date range filter's days (a preset resolved on `day`). */
export function rangeOf(v: unknown, day: string): DateRange | null {
  if (isPreset(v)) return presetRange(v, day);
  return isRange(v) ? v : null;
}

/** What the tiles are asked with: each set filter's value (days for a date range); a filter
 * with a default the user cleared is sent as null, so the server does not apply the default. */
export function requestValues(values: FilterValues, filters: DashboardFilter[], day: string): Record<string, unknown> {
  const defaults = defaultValues(filters);
  const out: Record<string, unknown> = {};
  for (const f of filters) {
    const v = values[f.id];
    if (isEmpty(v)) {
      if (f.id in defaults) out[f.id] = null;
      continue;
    }
    out[f.id] = f.type === DATE_RANGE ? rangeOf(v, day) : v;
  }
  return out;
}
