/** How a report's figures and dimension values read: numbers compact in Chinese with 万 / 亿
 * (12,345 -> 1.23万) and in English with K / M / B, or in full for tables; a percent measure's
 * fraction as a percentage; money with ¥; a select's values by their labels, "__other__" as
 * 其他 / Other, a missing value as a dash. `vegaNumber` is the same formatting for Vega's
 * `trellisNumber` format type (axes and tooltips of the server's specs). */
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import type { MeasureFormat, ReportColumn } from "./types";

export const OTHER = "__other__";
export const EMPTY = "—";

const locale = (lang: Lang) => (lang === "en" ? "en-US" : "zh-CN");

/** Units of the compact form, largest first. */
const UNITS: Record<Lang, [number, string][]> = {
  zh: [[1e12, "万亿"], [1e8, "亿"], [1e4, "万"]],
  en: [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]],
};

function grouped(n: number, lang: Lang, digits: number): string {
  return n.toLocaleString(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A number shortened with the language's units: 12,345 -> "1.23万" / "12.35K"; below the
 * smallest unit it is written in full (up to two decimals). */
export function compactNumber(n: number, lang: Lang, digits = 2): string {
  const abs = Math.abs(n);
  const round = (x: number) => Number(x.toFixed(digits));
  const units = UNITS[lang];
  const at = units.findIndex(([size]) => round(abs) >= size);
  if (at < 0) {
    const body = grouped(round(abs), lang, digits);
    return `${n < 0 && body !== "0" ? "-" : ""}${body}`;
  }
  // 99,999,999 is 10000.00万 once rounded: it reads 1亿
  const [size, unit] = at > 0 && round(abs / units[at][0]) * units[at][0] >= units[at - 1][0] ? units[at - 1] : units[at];
  return `${n < 0 ? "-" : ""}${grouped(round(abs / size), lang, digits)}${unit}`;
}

function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export interface FigureOptions {
  /** shortened with 万 / 亿 (K / M / B): axes, cards; tables write figures in full */
  compact?: boolean;
  /** decimals kept (two by default; a percentage keeps one) */
  digits?: number;
}

/** A measure's figure as text; null or not a number: a dash. */
export function formatFigure(value: unknown, format: MeasureFormat | string | null | undefined, lang: Lang,
  opts: FigureOptions = {}): string {
  const n = asNumber(value);
  if (n == null) return EMPTY;
  if (format === "percent") {
    const digits = opts.digits ?? 1;
    const pct = n * 100;
    return `${opts.compact && Math.abs(pct) >= 1e4 ? compactNumber(pct, lang, digits) : grouped(Number(pct.toFixed(digits)), lang, digits)}%`;
  }
  const digits = opts.digits ?? 2;
  const body = opts.compact ? compactNumber(Math.abs(n), lang, digits) : grouped(Number(Math.abs(n).toFixed(digits)), lang, digits);
  const negative = n < 0 && body !== "0";
  if (format === "money") return `${negative ? "-" : ""}¥${body}`;
  return `${negative ? "-" : ""}${body}`;
}

/** A change against the previous period as a signed percentage: 0.125 -> "12.5%" with its direction. */
export function changeOf(current: unknown, previous: unknown): { ratio: number; direction: "up" | "down" | "flat" } | null {
  const now = asNumber(current);
  const before = asNumber(previous);
  if (now == null || before == null || before === 0) return null;
  const ratio = (now - before) / Math.abs(before);
  return { ratio, direction: ratio > 0 ? "up" : ratio < 0 ? "down" : "flat" };
}

/** The formatter Vega calls for `"formatType": "trellisNumber"`: the axis's `format` names the
 * measure's format (percent, money, number or nothing); figures are compact. */
export function vegaNumber(lang: Lang): (value: unknown, format?: unknown) => string {
  return (value, format) => {
    if (asNumber(value) == null) return value == null ? "" : String(value);
    return formatFigure(value, typeof format === "string" ? format : null, lang, { compact: true });
  };
}

const OTHER_TEXT: Record<Lang, string> = { zh: "其他", en: "Other" };
const NONE_TEXT: Record<Lang, string> = { zh: "(空)", en: "(empty)" };

/** A dimension's value as the reader sees it: a select's label, 其他 / Other, (空) / (empty). */
export function dimensionText(column: Pick<ReportColumn, "labels">, value: unknown, lang: Lang): string {
  if (value == null || value === "") return NONE_TEXT[lang];
  if (value === OTHER) return OTHER_TEXT[lang];
  const label = column.labels?.[String(value)];
  if (label) return textOf(label, lang, String(value));
  return String(value);
}

/** The stored value behind a shown one (a select's label in either language, 其他 / Other). */
export function rawOf(column: Pick<ReportColumn, "labels">, shown: unknown): unknown {
  if (shown === OTHER_TEXT.zh || shown === OTHER_TEXT.en) return OTHER;
  for (const [value, label] of Object.entries(column.labels ?? {})) {
    if (label?.zh === shown || label?.en === shown || value === shown) return value;
  }
  return shown;
}

/** How long ago the figures were computed, in the largest whole unit. */
export function ageOf(freshAt: string | undefined | null, now: number): { n: number; unit: "s" | "min" | "h" | "d" } | null {
  if (!freshAt) return null;
  const at = Date.parse(freshAt);
  if (Number.isNaN(at)) return null;
  const s = Math.max(0, Math.floor((now - at) / 1000));
  if (s < 60) return { n: s, unit: "s" };
  if (s < 3600) return { n: Math.floor(s / 60), unit: "min" };
  if (s < 86400) return { n: Math.floor(s / 3600), unit: "h" };
  return { n: Math.floor(s / 86400), unit: "d" };
}

/** The query's time: "12 ms", "1.2 s". */
export function tookText(ms: number | undefined | null): string | null {
  if (ms == null || !Number.isFinite(ms)) return null;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
