/** The personal notification settings as the page edits them: a matrix of event × channel and
 * quiet hours, to and from the API's body. */
import type { QuietHours } from "./types";

/** Whether `channel` is on for `event` in `events`. */
export function isOn(events: Record<string, string[]>, event: string, channel: string): boolean {
  return (events[event] ?? []).includes(channel);
}

/** `events` with `channel` switched on or off for `event`, channels kept in `order`. */
export function toggle(events: Record<string, string[]>, event: string, channel: string, on: boolean,
  order: string[]): Record<string, string[]> {
  const now = new Set(events[event] ?? []);
  if (on) now.add(channel);
  else now.delete(channel);
  const known = order.filter((c) => now.has(c));
  const rest = [...now].filter((c) => !order.includes(c));
  return { ...events, [event]: [...known, ...rest] };
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The quiet hours to save: null when off; an error key when on but incomplete. */
export function quietBody(on: boolean, start: string | null, end: string | null): { value: QuietHours | null; error?: string } {
  if (!on) return { value: null };
  if (!start || !end || !HHMM.test(start) || !HHMM.test(end)) return { value: null, error: "settings.quietMissing" };
  return { value: { start, end } };
}

/** The body of the PUT: the events with a choice (an event without one follows the app's
 * routing, so an empty list is left out rather than read as "none"). */
export function settingsBody(events: Record<string, string[]>, quiet: QuietHours | null) {
  const chosen: Record<string, string[]> = {};
  for (const [key, channels] of Object.entries(events)) if (channels?.length) chosen[key] = channels;
  return { events: chosen, quiet_hours: quiet };
}
