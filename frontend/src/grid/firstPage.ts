/** The first page of a grid, asked for as soon as the form's definition is known: on a page
 * load while the shell still renders, on a menu click while the workspace renders. The grid's
 * own first request takes the reply when it asks with the same parameters (within a few
 * seconds), so the page and the request no longer wait on each other. The parameters are also
 * remembered for the address, so that the next page load asks before the definition is in
 * (api/earlyPages.ts). */
import { askEarly, rememberFirstPage, takeEarly } from "../api/earlyPages";
import type { FormDef, ListParams, ListReply } from "../api/types";
import { isPhone } from "../shell/usePhone";
import { cardFields } from "./cardFields";
import { expandFor, listFields } from "./gridState";
import { readGridUrl } from "./urlState";

/** The parameters of the first page the grid of `def` shows for the URL's query string (on a
 * phone: the cards' fields, loaded on as the list scrolls). */
export function firstPageParams(def: FormDef, search: string): ListParams | null {
  const url = readGridUrl(def, undefined, new URLSearchParams(search));
  if (url.bin || url.state.mode !== "grid") return null;
  const { filter, sort, q } = url.state;
  const phone = isPhone();
  const columns = phone ? cardFields(def, url.state.columns) : url.state.columns;
  return { filter, sort, q, fields: listFields(def, columns), expand: expandFor(def, columns), limit: url.pageSize,
    page: phone ? undefined : url.page };
}

/** Ask for the first page of `def`'s grid now (unless it was just asked for). */
export function prefetchFirstPage(app: string, def: FormDef, search: string): void {
  const params = firstPageParams(def, search);
  if (!params) return;
  rememberFirstPage(app, def.id, search, params);
  askEarly(app, def.id, params);
}

/** The reply to a request already under way with exactly these parameters; taken once. */
export function takeFirstPage(app: string, form: string, params: ListParams): Promise<ListReply> | null {
  return takeEarly(app, form, params);
}
