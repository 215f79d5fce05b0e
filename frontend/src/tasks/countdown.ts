/** The SLA countdown of a task: how much (working) time is left before its due time, or how long
 * it is overdue, in the largest unit that reads well (分钟 / 小时 / 天). The server's
 * `minutes_left` (working time, negative when overdue) wins over a difference of clocks. */

export type SlaStatus = "none" | "left" | "soon" | "overdue";
export type SlaUnit = "minutes" | "hours" | "days";

export interface Sla {
  status: SlaStatus;
  count: number;
  unit: SlaUnit;
}

export interface SlaSource {
  due_at?: string | null;
  minutes_left?: number | null;
  overdue?: boolean | null;
}

/** Under this many minutes left, the countdown turns orange. */
export const SOON_MINUTES = 120;

function amount(minutes: number): { count: number; unit: SlaUnit } {
  const m = Math.floor(Math.abs(minutes));
  if (m < 60) return { count: Math.max(m, 1), unit: "minutes" };
  if (m < 72 * 60) return { count: Math.floor(m / 60), unit: "hours" };
  return { count: Math.floor(m / 1440), unit: "days" };
}

export function slaOf(item: SlaSource, now: number = Date.now()): Sla {
  let minutes: number | null = typeof item.minutes_left === "number" ? item.minutes_left : null;
  if (minutes == null && item.due_at) {
    const due = Date.parse(item.due_at);
    if (!Number.isNaN(due)) minutes = (due - now) / 60_000;
  }
  if (minutes == null) return item.overdue ? { status: "overdue", count: 0, unit: "minutes" } : { status: "none", count: 0, unit: "minutes" };
  const overdue = item.overdue === true || minutes < 0;
  const { count, unit } = amount(minutes);
  if (overdue) return { status: "overdue", count: minutes < 0 ? count : 0, unit };
  return { status: minutes < SOON_MINUTES ? "soon" : "left", count, unit };
}

/** The i18n key and values of a countdown ("sla.left.hours" with {count}); null when there is no due time. */
export function slaKey(sla: Sla): { key: string; count: number } | null {
  if (sla.status === "none") return null;
  if (sla.status === "overdue") return sla.count ? { key: `sla.over.${sla.unit}`, count: sla.count } : { key: "sla.overdue", count: 0 };
  return { key: `sla.left.${sla.unit}`, count: sla.count };
}

export const SLA_COLOR: Record<SlaStatus, string> = { none: "default", left: "blue", soon: "orange", overdue: "red" };
