/** The first page of a grid, asked for as soon as the form's definition is known: on a page
 * load while the shell still renders, on a menu click while the workspace renders. The grid's
 * own first request takes the reply when it asks with the same parameters (within a few
 * seconds), so the page and the request no longer wait on each other. */
import { api, listQuery } from "../api/client";
import { metaCache } from "../api/cache";
import type { FormDef, ListParams, ListReply } from "../api/types";
import { expandFor, listFields } from "./gridState";
import { readGridUrl } from "./urlState";

const FRESH_MS = 5_000;
const early = new Map<string, { at: number; reply: Promise<ListReply> }>();

const keyOf = (app: string, form: string, params: ListParams) => JSON.stringify([app, form, listQuery(params)]);

/** The parameters of the first page the grid of `def` shows for the URL's query string. */
export function firstPageParams(def: FormDef, search: string): ListParams | null {
  const url = readGridUrl(def, undefined, new URLSearchParams(search));
  if (url.bin || url.state.mode !== "grid") return null;
  const { filter, sort, q, columns } = url.state;
  return { filter, sort, q, fields: listFields(def, columns), expand: expandFor(def, columns), limit: url.pageSize,
    page: url.page };
}

/** Ask for the first page of `def`'s grid now (unless it was just asked for). */
export function prefetchFirstPage(app: string, def: FormDef, search: string): void {
  const params = firstPageParams(def, search);
  if (!params) return;
  const key = keyOf(app, def.id, params);
  const hit = early.get(key);
  if (hit && Date.now() - hit.at < FRESH_MS) return;
  const reply = api.list(app, def.id, params);
  reply.catch(() => early.delete(key));
  early.set(key, { at: Date.now(), reply });
}

/** At page load: the definition, then the first page. */
export function prefetchGrid(app: string, form: string, search: string): void {
  metaCache.form(app, form).then((def) => prefetchFirstPage(app, def, search), () => undefined);
}

/** The reply to a request already under way with exactly these parameters; taken once. */
export function takeFirstPage(app: string, form: string, params: ListParams): Promise<ListReply> | null {
  const key = keyOf(app, form, params);
  const hit = early.get(key);
  early.delete(key);
  return hit && Date.now() - hit.at < FRESH_MS ? hit.reply : null;
}
