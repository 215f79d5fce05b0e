/** The inbox's state in the page address (?tab=&app=&form=&q=&overdue=1&page=), so a task opened
 * and closed, a reload or a shared link come back to the same list. */
import type { InboxQuery, InboxTab } from "./types";

export const TABS: InboxTab[] = ["pending", "done", "initiated", "cc"];
export const PAGE_SIZE = 20;

export interface InboxState {
  tab: InboxTab;
  app?: string;
  form?: string;
  q?: string;
  overdue: boolean;
  page: number;
}

export function readState(params: URLSearchParams): InboxState {
  const tab = params.get("tab") as InboxTab | null;
  const page = Number(params.get("page"));
  return {
    tab: tab && TABS.includes(tab) ? tab : "pending",
    app: params.get("app") || undefined,
    form: params.get("form") || undefined,
    q: params.get("q") || undefined,
    overdue: params.get("overdue") === "1",
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function writeState(s: InboxState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.tab !== "pending") p.set("tab", s.tab);
  if (s.app) p.set("app", s.app);
  if (s.form) p.set("form", s.form);
  if (s.q) p.set("q", s.q);
  if (s.overdue) p.set("overdue", "1");
  if (s.page > 1) p.set("page", String(s.page));
  return p;
}

export function toQuery(s: InboxState): InboxQuery {
  return { state: s.tab, app: s.app, form: s.form, q: s.q, overdue: s.overdue || undefined,
    limit: PAGE_SIZE, offset: (s.page - 1) * PAGE_SIZE };
}
