/** Small pure helpers of the notifications UI: relative times, urgency colours, record links,
 * first lines of a body. */
import type { Message } from "./types";

export interface Ago {
  /** i18n key under "bell.ago" */
  key: "now" | "minutes" | "hours" | "days" | "date";
  count: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `iso` was, relative to `now` (ms); a week or more (or a bad time) is shown as a date. */
export function ago(iso: string | null | undefined, now: number): Ago {
  const at = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(at)) return { key: "date", count: 0 };
  const diff = Math.max(0, now - at);
  if (diff < MINUTE) return { key: "now", count: 0 };
  if (diff < HOUR) return { key: "minutes", count: Math.floor(diff / MINUTE) };
  if (diff < DAY) return { key: "hours", count: Math.floor(diff / HOUR) };
  if (diff < 7 * DAY) return { key: "days", count: Math.floor(diff / DAY) };
  return { key: "date", count: 0 };
}

/** YYYY-MM-DD HH:mm of an ISO time in the browser's zone ("" for none). */
export function shortDate(iso: string | null | undefined): string {
  const at = iso ? new Date(iso) : null;
  if (!at || Number.isNaN(at.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())} ${p(at.getHours())}:${p(at.getMinutes())}`;
}

export const URGENCY_COLOR: Record<string, string> = { high: "red", medium: "orange", low: "default" };

/** The record a message is about, as a page address; null when it names none. */
export function recordLink(m: Pick<Message, "app" | "form" | "record">): string | null {
  if (!m.app || !m.form || m.record == null) return null;
  return `/apps/${encodeURIComponent(m.app)}/forms/${encodeURIComponent(m.form)}/records/${m.record}`;
}

/** The first `lines` non-empty lines of a body, each cut at `width` characters. */
export function firstLines(body: string | null | undefined, lines = 2, width = 120): string {
  return (body ?? "").split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, lines)
    .map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l)).join("\n");
}

/** The badge's text: the count, "99+" above 99, nothing at 0. */
export function badgeText(n: number): string {
  if (n <= 0) return "";
  return n > 99 ? "99+" : String(n);
}

export const STATE_COLOR: Record<string, string> = {
  queued: "processing", held: "warning", sending: "processing", retrying: "orange", sent: "success", failed: "error",
  skipped: "default",
};

/** The delivery states in the order the log's counts show them. */
export const STATES = ["queued", "held", "sending", "retrying", "sent", "failed", "skipped"];
