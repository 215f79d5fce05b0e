/** First pages of grids asked for before the grid itself asks: the grid's first request takes
 * the reply when it asks with the same parameters within a few seconds. The parameters of a
 * grid's first page (they follow from the form's definition and the URL) are remembered per
 * user and address, so the next page load asks for the rows at once, alongside the shell's own
 * request, before the definition has arrived; a definition changed since then only means the
 * grid asks again with its own parameters. Light on purpose: it runs before React loads. */
import { api, listQuery, tokens } from "./client";
import type { ListParams, ListReply } from "./types";

const FRESH_MS = 5_000;
const MEMO = "trellis.firstPages";
const KEEP = 30;
const early = new Map<string, { at: number; reply: Promise<ListReply> }>();

const keyOf = (app: string, form: string, params: ListParams) => JSON.stringify([app, form, listQuery(params)]);
const memoKey = (app: string, form: string, search: string) => `${tokens.username() ?? ""}|${app}/${form}${search}`;

function memo(): Record<string, ListParams> {
  try {
    const got: unknown = JSON.parse(localStorage.getItem(MEMO) ?? "{}");
    return got && typeof got === "object" && !Array.isArray(got) ? (got as Record<string, ListParams>) : {};
  } catch {
    return {};
  }
}

/** Ask for a first page now (unless the same one was just asked for). */
export function askEarly(app: string, form: string, params: ListParams): void {
  const key = keyOf(app, form, params);
  const hit = early.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return;
  const reply = api.list(app, form, params);
  reply.catch(() => early.delete(key));
  early.set(key, { at: Date.now(), reply });
}

/** The reply to a request already under way with exactly these parameters; taken once. */
export function takeEarly(app: string, form: string, params: ListParams): Promise<ListReply> | null {
  const key = keyOf(app, form, params);
  const hit = early.get(key);
  early.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? hit.reply : null;
}

/** Keep the first page's parameters of this grid address for the next page load. */
export function rememberFirstPage(app: string, form: string, search: string, params: ListParams): void {
  const all = memo();
  const key = memoKey(app, form, search);
  delete all[key];
  all[key] = params;
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP))) delete all[old];
  try {
    localStorage.setItem(MEMO, JSON.stringify(all));
  } catch {
    // storage full or refused: the next load just waits for the definition
  }
}

/** At page load: ask for the rows of a grid address seen before, with the parameters it had. */
export function askRemembered(app: string, form: string, search: string): void {
  const params = memo()[memoKey(app, form, search)];
  if (params && typeof params === "object") askEarly(app, form, params);
}
