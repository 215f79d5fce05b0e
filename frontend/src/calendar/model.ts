/** How a calendar day is shown: its kind (colour) and the month grids of a year. */
import type { CalendarDay } from "./types";

/** working: an ordinary working and trading day; holiday: a day off on a weekday, or any day of a
 * public holiday (国庆's weekend too); weekend: an ordinary Saturday or Sunday off; makeup: a
 * working day on a weekend (调休上班); noTrading: a working weekday that is not a trading day. */
export type DayKind = "working" | "holiday" | "weekend" | "makeup" | "noTrading";
export const KINDS: DayKind[] = ["working", "holiday", "makeup", "noTrading", "weekend"];

export function weekdayOf(day: string): number {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 Sunday .. 6 Saturday
}

export function kindOf(d: CalendarDay): DayKind {
  const weekend = d.weekend ?? [0, 6].includes(weekdayOf(d.day));
  if (!d.working) return weekend && !d.holiday ? "weekend" : "holiday";
  if (weekend) return "makeup";
  return d.trading ? "working" : "noTrading";
}

/** A month as weeks of seven cells (Monday first), null outside the month. */
export function monthWeeks(days: CalendarDay[]): (CalendarDay | null)[][] {
  if (!days.length) return [];
  const lead = (weekdayOf(days[0].day) + 6) % 7;
  const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The year's days by month (index 0 = January). */
export function byMonth(days: CalendarDay[]): CalendarDay[][] {
  const months: CalendarDay[][] = Array.from({ length: 12 }, () => []);
  for (const d of days) months[Number(d.day.slice(5, 7)) - 1]?.push(d);
  return months;
}

/** Counts of working and trading days, and of overrides. */
export function summary(days: CalendarDay[]): { working: number; trading: number; overrides: number } {
  return {
    working: days.filter((d) => d.working).length,
    trading: days.filter((d) => d.trading).length,
    overrides: days.filter((d) => d.source === "override").length,
  };
}
