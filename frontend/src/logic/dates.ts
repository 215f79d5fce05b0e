/**
 * Trellis' date operators for json-logic-js: now, today, date_add, date_diff, start_of
 * (datePart and make_date serve ./formulas: year, month, day, hour, minute, weekday).
 * They mean exactly what the server means (platform/trellis/logic/dates.py; the cases in
 * tests/logic/date_cases.json are checked against both). A date is "YYYY-MM-DD", a
 * date-time "YYYY-MM-DDTHH:MM:SS" on the wall clock of the instance's time zone; input may
 * use a space for "T", omit seconds, carry a fraction (dropped) or an offset ("Z",
 * "+08:00": converted to the zone). Anything else makes the result null. Arithmetic is on
 * the wall clock; months and years clamp the day to the month's end; date_diff counts
 * calendar days, whole hours / minutes truncated toward zero, or whole months / years
 * elapsed (DATEDIF "M" / "Y": Jan 31 to Feb 29 is 0 months).
 * `now` / `today` read the clock and zone set with `setDateContext` (default: the
 * browser's clock, Asia/Shanghai).
 */
type Kind = "date" | "datetime";
type Parsed = { kind: Kind; ms: number };

const WHEN =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[T ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/;
export const UNITS = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"];
export const DIFF_UNITS = ["days", "hours", "minutes", "months", "years"];
export const PARTS = ["year", "month", "day", "hour", "minute", "weekday"];
export const START_UNITS = ["day", "week", "month", "year"];
const DATE_UNITS = ["years", "months", "weeks", "days"];
const SECONDS: Record<string, number> = { weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1 };
const MAX_AMOUNT = 1_000_000;
const DAY_MS = 86_400_000;

let clock: () => Date = () => new Date();
let zone = "Asia/Shanghai";

/** Where `now` / `today` read the time: a clock and the instance's IANA time zone. */
export function setDateContext(ctx: { now?: () => Date; timeZone?: string }): void {
  if (ctx.now) clock = ctx.now;
  if (ctx.timeZone) zone = ctx.timeZone;
}

/** Wall-clock ms (a UTC-based Date's fields) for the calendar date/time, or null. */
export function wall(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | null {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getUTCDate() === d && t.getUTCMonth() === mo - 1 ? t.getTime() : null;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `timeZone` at the instant `instant` (ms since the epoch). */
function inZone(instant: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric",
    });
    formats.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(instant))) p[part.type] = Number(part.value);
  return wall(p.year, p.month, p.day, p.hour, p.minute, p.second) ?? NaN;
}

function inRange(ms: number): boolean {
  const y = new Date(ms).getUTCFullYear();
  return Number.isFinite(ms) && y >= 1 && y <= 9999;
}

export function parse(value: unknown): Parsed | null {
  if (typeof value !== "string") return null;
  const m = WHEN.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) {
    const ms = wall(y, mo, d);
    return ms === null ? null : { kind: "date", ms };
  }
  const ms = wall(y, mo, d, Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (ms === null) return null;
  const off = m[7];
  if (off === undefined) return { kind: "datetime", ms };
  let shift = 0;
  if (off !== "Z") {
    const digits = off.slice(1).replace(":", "");
    shift = (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60) * 1000;
    if (shift >= DAY_MS) return null;
    if (off[0] === "-") shift = -shift;
  }
  const local = inZone(ms - shift, zone);
  return inRange(local) ? { kind: "datetime", ms: local } : null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

export function render(kind: Kind, ms: number): string {
  const t = new Date(ms);
  const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  if (kind === "date") return day;
  return `${day}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

function amountOf(value: unknown): number | null {
  const n = Number(value);
  return Number.isInteger(n) && Math.abs(n) <= MAX_AMOUNT ? n : null;
}

function addMonths(ms: number, months: number): number | null {
  const t = new Date(ms);
  const index = t.getUTCFullYear() * 12 + t.getUTCMonth() + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  if (year < 1 || year > 9999) return null;
  const last = new Date(0);
  last.setUTCFullYear(year, month + 1, 0);
  const day = Math.min(t.getUTCDate(), last.getUTCDate());
  return wall(year, month + 1, day, t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds());
}

function nowWall(): number {
  return inZone(Math.floor(clock().getTime() / 1000) * 1000, zone);
}

export function dateAdd(value: unknown, amount: unknown, unit: unknown): string | null {
  const p = parse(value);
  const n = amountOf(amount);
  if (p === null || n === null || typeof unit !== "string" || !UNITS.includes(unit)) return null;
  const ms = unit === "months" || unit === "years" ? addMonths(p.ms, unit === "years" ? n * 12 : n)
    : p.ms + n * SECONDS[unit] * 1000;
  if (ms === null || !inRange(ms)) return null;
  return render(DATE_UNITS.includes(unit) ? p.kind : "datetime", ms);
}

export function dateDiff(a: unknown, b: unknown, unit: unknown): number | null {
  const pa = parse(a), pb = parse(b);
  if (pa === null || pb === null || typeof unit !== "string" || !DIFF_UNITS.includes(unit)) return null;
  if (unit === "days") return Math.floor(pa.ms / DAY_MS) - Math.floor(pb.ms / DAY_MS);
  if (unit === "months" || unit === "years") {
    return pa.ms >= pb.ms ? wholeMonths(pa.ms, pb.ms, unit) : -wholeMonths(pb.ms, pa.ms, unit);
  }
  return Math.trunc((pa.ms - pb.ms) / 1000 / SECONDS[unit]) || 0;
}

/** Whole months (or years) from `earlier` to `later` (wall ms, later >= earlier). */
function wholeMonths(later: number, earlier: number, unit: string): number {
  const a = new Date(later), b = new Date(earlier);
  const inDay = (t: Date) => t.getTime() - Math.floor(t.getTime() / DAY_MS) * DAY_MS;
  const key = (t: Date, withMonth: boolean) => [withMonth ? t.getUTCMonth() : 0, t.getUTCDate(), inDay(t)];
  const before = (x: number[], y: number[]) => x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
  const years = unit === "years";
  const short = before(key(a, years), key(b, years)) ? 1 : 0;
  if (years) return a.getUTCFullYear() - b.getUTCFullYear() - short;
  return (a.getUTCFullYear() - b.getUTCFullYear()) * 12 + a.getUTCMonth() - b.getUTCMonth() - short;
}

/** year, month, day, hour, minute or weekday (1 = Monday ... 7 = Sunday) of a date value. */
export function datePart(value: unknown, unit: string): number | null {
  const p = parse(value);
  if (p === null) return null;
  const t = new Date(p.ms);
  switch (unit) {
    case "year": return t.getUTCFullYear();
    case "month": return t.getUTCMonth() + 1;
    case "day": return t.getUTCDate();
    case "hour": return t.getUTCHours();
    case "minute": return t.getUTCMinutes();
    default: return ((t.getUTCDay() + 6) % 7) + 1;
  }
}

export function startOf(value: unknown, unit: unknown): string | null {
  const p = parse(value);
  if (p === null || typeof unit !== "string" || !START_UNITS.includes(unit)) return null;
  const t = new Date(Math.floor(p.ms / DAY_MS) * DAY_MS);
  if (unit === "week") t.setUTCDate(t.getUTCDate() - ((t.getUTCDay() + 6) % 7));
  else if (unit === "month") t.setUTCDate(1);
  else if (unit === "year") t.setUTCMonth(0, 1);
  return render(p.kind, t.getTime());
}

/** The date operators by their JsonLogic name. */
export const DATE_OPERATIONS: Record<string, (...args: unknown[]) => unknown> = {
  now: () => render("datetime", nowWall()),
  today: () => render("date", nowWall()),
  date_add: dateAdd,
  date_diff: dateDiff,
  start_of: startOf,
};
