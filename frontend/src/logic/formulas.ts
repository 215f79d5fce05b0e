/**
 * The operators spreadsheet-style formulas compile to (numbers, text, blanks, dates and
 * sub-table aggregates), for json-logic-js. Each means exactly what the server means
 * (platform/trellis/logic/formulas.py documents them; tests/logic/formula_ops_cases.json
 * holds the cases the server's evaluator, its SQL and this module answer alike).
 * Rounding works on the decimal a number shows with 15 significant digits, half away from
 * zero; to_text writes numbers rounded to 10 decimals in plain notation; text positions
 * and lengths count characters (code points).
 */
import { PARTS, datePart, wall } from "./dates";

type Mode = "half" | "down" | "up" | "floor" | "ceil";
type Operation = (...args: unknown[]) => unknown;

const MAX_DIGITS = 15;
const TEXT_DECIMALS = 10;
const EDGES = /^[ \t\n\r\u3000]+|[ \t\n\r\u3000]+$/g;
const NUMBER_TEXT = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;

/** An argument as a number, or null (blank or unreadable). */
export function num(x: unknown): number | null {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  if (typeof x === "boolean") return x ? 1 : 0;
  if (typeof x === "string") {
    const s = x.replace(EDGES, "");
    const n = NUMBER_TEXT.test(s) ? Number(s) : NaN;
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function digitsOf(d: unknown, fallback = 0): number | null {
  if (d === undefined) return fallback;
  const n = num(d);
  return n === null ? null : Math.max(-MAX_DIGITS, Math.min(MAX_DIGITS, Math.trunc(n)));
}

/** x (as 15 significant digits) times 10**digits, rounded to an integer by `mode`. */
export function roundedInteger(x: number, digits: number, mode: Mode): bigint {
  const neg = x < 0;
  const [m, e = "0"] = Math.abs(x).toPrecision(15).split("e");
  const point = m.indexOf(".");
  const all = m.replace(".", "");
  const shift = (point === -1 ? m.length : point) + Number(e) - all.length + digits;
  let k: bigint;
  if (shift >= 0) {
    k = BigInt(all) * 10n ** BigInt(shift);
  } else {
    const cut = all.length + shift;
    const whole = cut > 0 ? all.slice(0, cut) : "";
    const frac = cut > 0 ? all.slice(cut) : "0".repeat(-cut) + all;
    k = BigInt(whole || "0");
    const away = mode === "floor" ? neg : mode === "ceil" ? !neg : mode === "up";
    if (mode === "half" ? frac[0] >= "5" : away && /[1-9]/.test(frac)) k += 1n;
  }
  return neg ? -k : k;
}

function roundTo(x: unknown, digits: number | null, mode: Mode): number | null {
  const n = num(x);
  if (n === null || digits === null) return null;
  const k = roundedInteger(n, digits, mode);
  return Number(`${k}e${-digits}`) || 0;
}

/** A number in plain decimal notation, rounded to 10 decimals, trailing zeros dropped. */
export function numberText(n: number): string {
  const k = roundedInteger(n, TEXT_DECIMALS, "half");
  if (k === 0n) return "0";
  const digits = (k < 0n ? -k : k).toString().padStart(TEXT_DECIMALS + 1, "0");
  const frac = digits.slice(-TEXT_DECIMALS).replace(/0+$/, "");
  return `${k < 0n ? "-" : ""}${digits.slice(0, -TEXT_DECIMALS)}${frac ? "." + frac : ""}`;
}

export function toText(x: unknown): string | null {
  if (typeof x === "string") return x;
  if (typeof x === "boolean") return x ? "true" : "false";
  if (typeof x === "number") return Number.isFinite(x) ? numberText(x) : null;
  return null;
}

const chars = (s: string) => Array.from(s);

function count(n: unknown, fallback: number | null = 1): number | null {
  if (n === undefined) return fallback;
  const c = num(n);
  return c === null || c < 0 ? null : Math.trunc(c);
}

function plus(values: unknown[]): [number, number] {
  let total = 0, seen = 0;
  for (const v of values) {
    const n = num(v);
    if (n !== null) { total += n; seen += 1; }
  }
  return [total, seen];
}

const round15 = (x: number) => Number(x.toPrecision(15));

function columnOf(rows: unknown, field: unknown): unknown[] {
  if (!Array.isArray(rows)) return [];
  const key = toText(field);
  return rows.map((r) => (r !== null && typeof r === "object" && !Array.isArray(r) && key !== null
    ? (r as Record<string, unknown>)[key] ?? null : null));
}

function extreme(rows: unknown, field: unknown, sign: 1 | -1): unknown {
  const vals = columnOf(rows, field).filter((v) => v !== null && v !== "");
  if (vals.length && vals.every((v) => typeof v === "string")) {
    return (vals as string[]).reduce((a, b) => ((sign > 0 ? b < a : b > a) ? b : a));
  }
  const nums = vals.map(num).filter((n): n is number => n !== null);
  return nums.length ? (sign > 0 ? Math.min(...nums) : Math.max(...nums)) : null;
}

/** The formula operators by their JsonLogic name. */
export const FORMULA_OPERATIONS: Record<string, Operation> = {
  round: (x, d) => roundTo(x, digitsOf(d), "half"),
  round_down: (x, d) => roundTo(x, digitsOf(d), "down"),
  round_up: (x, d) => roundTo(x, digitsOf(d), "up"),
  floor: (x) => roundTo(x, 0, "floor"),
  ceil: (x) => roundTo(x, 0, "ceil"),
  abs: (x) => { const n = num(x); return n === null ? null : Math.abs(n); },
  sqrt: (x) => { const n = num(x); return n === null || n < 0 ? null : Math.sqrt(n); },
  power: (x, y) => {
    const a = num(x), b = num(y);
    if (a === null || b === null) return null;
    const r = Math.pow(a, b);
    return Number.isFinite(r) ? r : null;
  },
  div: (a, b) => {
    const d = num(b);
    const r = d === null || d === 0 ? NaN : (num(a) ?? 0) / d;
    return Number.isFinite(r) ? r : null;
  },
  mod: (a, b) => {
    const d = num(b);
    if (d === null || d === 0) return null;
    const n = num(a) ?? 0;
    const r = n - d * Math.floor(n / d);
    return Number.isFinite(r) ? r + 0 : null;
  },
  sum: (...args) => plus(args)[0],
  avg: (...args) => { const [t, n] = plus(args); return n ? t / n : null; },
  to_number: (x) => num(x),
  len: (s) => { const t = toText(s); return t === null ? 0 : chars(t).length; },
  upper: (s) => toText(s)?.replace(/[a-z]+/g, (c) => c.toUpperCase()) ?? null,
  lower: (s) => toText(s)?.replace(/[A-Z]+/g, (c) => c.toLowerCase()) ?? null,
  trim: (s) => toText(s)?.replace(EDGES, "") ?? null,
  left: (s, n) => {
    const t = toText(s), c = count(n);
    return t === null || c === null ? null : chars(t).slice(0, c).join("");
  },
  right: (s, n) => {
    const t = toText(s), c = count(n);
    if (t === null || c === null) return null;
    const cs = chars(t);
    return c < cs.length ? cs.slice(cs.length - c).join("") : t;
  },
  mid: (s, start, n) => {
    const t = toText(s), st = num(start), c = count(n, null);
    if (t === null || st === null || c === null || st < 1) return null;
    const begin = Math.trunc(st) - 1;
    return chars(t).slice(begin, begin + c).join("");
  },
  replace: (s, old, by) => {
    const t = toText(s), o = toText(old);
    if (t === null) return null;
    return o ? t.split(o).join(toText(by) ?? "") : t;
  },
  find: (needle, s) => {
    const n = toText(needle), t = toText(s);
    if (n === null || t === null) return null;
    const at = t.indexOf(n);
    return at < 0 ? 0 : chars(t.slice(0, at)).length + 1;
  },
  to_text: (x) => toText(x),
  coalesce: (...args) => args.find((x) => !(x === null || x === undefined || x === "" || Number.isNaN(x))) ?? null,
  sum_of: (rows, field) => round15(plus(columnOf(rows, field))[0]),
  avg_of: (rows, field) => { const [t, n] = plus(columnOf(rows, field)); return n ? round15(t / n) : null; },
  min_of: (rows, field) => extreme(rows, field, 1),
  max_of: (rows, field) => extreme(rows, field, -1),
  count_of: (rows, field) => {
    if (!Array.isArray(rows)) return 0;
    return field === undefined ? rows.length : columnOf(rows, field).filter((v) => v !== null).length;
  },
  make_date: (y, m, d) => {
    const [a, b, c] = [num(y), num(m), num(d)];
    if (a === null || b === null || c === null || ![a, b, c].every(Number.isInteger) || a > 9999) return null;
    const ms = wall(a, b, c);
    return ms === null ? null : `${String(a).padStart(4, "0")}-${String(b).padStart(2, "0")}-${String(c).padStart(2, "0")}`;
  },
  ...Object.fromEntries(PARTS.map((unit) => [unit, (x: unknown) => datePart(x, unit)])),
};
