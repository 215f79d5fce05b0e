/** The date range presets of a dashboard's filter bar (本月, 上月, 本季度, 今年, 近30天) as
 * inclusive ["YYYY-MM-DD", "YYYY-MM-DD"] ranges on a given day, and which preset a range is. */

export const PRESETS = ["this_month", "last_month", "this_quarter", "this_year", "last_30_days"] as const;
export type PresetKey = (typeof PRESETS)[number];
export type DateRange = [string, string];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isPreset(key: unknown): key is PresetKey {
  return typeof key === "string" && (PRESETS as readonly string[]).includes(key);
}

export function isDay(text: unknown): text is string {
  if (typeof text !== "string") return false;
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A range of two days, the first not after the second. */
export function isRange(v: unknown): v is DateRange {
  return Array.isArray(v) && v.length === 2 && isDay(v[0]) && isDay(v[1]) && v[0] <= v[1];
}

const text = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

/** Today in the browser's time zone. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** The preset's days around `day` (YYYY-MM-DD), both ends included. */
export function presetRange(key: PresetKey, day: string): DateRange {
  const [y, m, d] = day.split("-").map(Number);
  const month = m - 1;
  switch (key) {
    case "this_month":
      return [text(utc(y, month, 1)), text(utc(y, month + 1, 0))];
    case "last_month":
      return [text(utc(y, month - 1, 1)), text(utc(y, month, 0))];
    case "this_quarter": {
      const first = month - (month % 3);
      return [text(utc(y, first, 1)), text(utc(y, first + 3, 0))];
    }
    case "this_year":
      return [text(utc(y, 0, 1)), text(utc(y, 11, 31))];
    case "last_30_days":
      return [text(utc(y, month, d - 29)), text(utc(y, month, d))];
  }
}

/** The preset a range is on `day`, if any (the first in the list's order). */
export function presetOf(range: DateRange, day: string): PresetKey | null {
  return PRESETS.find((k) => {
    const r = presetRange(k, day);
    return r[0] === range[0] && r[1] === range[1];
  }) ?? null;
}
