/** Work a page load needs, started before React renders anything: the session (`/me`, the
 * apps, the department tree) and, for a deep link to `/apps/:app/forms/:form`, the page's code
 * and the form's definition, all in parallel instead of one after the other. */
import { api, tokens } from "./api/client";
import { metaCache } from "./api/cache";
import type { AppInfo, Me } from "./api/types";

export type SessionData = [Me, AppInfo[], unknown];
let session: Promise<SessionData> | null = null;

/** The session requests started at page load; taken once (later loads ask again). */
export function takeSession(): Promise<SessionData> | null {
  const started = session;
  session = null;
  return started;
}

const FORM_PAGE = /^\/apps\/([^/]+)\/forms\/([^/]+)(\/records\/[^/]+)?\/?$/;

export function prefetchFor(pathname: string): void {
  if (!tokens.access()) return;
  session = Promise.all([api.me(), api.apps(), metaCache.departments().catch(() => [])]);
  session.catch(() => undefined);
  const m = FORM_PAGE.exec(pathname);
  if (!m || m[2] === "new") return;
  const [, app, form, record] = m;
  if (record) void import("./record/RecordPage");
  else {
    void import("./grid/GridPage");
    void import("./grid/firstPage").then((m) => m.prefetchGrid(decodeURIComponent(app), decodeURIComponent(form),
      window.location.search));
  }
  metaCache.form(decodeURIComponent(app), decodeURIComponent(form)).catch(() => undefined);
}
