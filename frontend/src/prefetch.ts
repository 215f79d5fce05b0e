/** Work a page load needs, started before React renders anything, in two requests side by side:
 * `GET /bootstrap` (the session: `/me`, the apps, the department tree; and for a page of an app /
 * form, the app's forms and saved views and the form's definition), and, for a grid address seen
 * before, the grid's first page (api/earlyPages.ts). The replies fill the caches the shell and the
 * pages read (api/pageLoad.ts hands the session and views to the shell); a part the bootstrap could
 * not give is asked for by its own endpoint. For a deep link the page's code loads meanwhile.
 * The caller's `me` carries the instance's time zone, where rules in the browser read now / today. */
import { api, tokens } from "./api/client";
import { metaCache } from "./api/cache";
import { askRemembered } from "./api/earlyPages";
import { putSession, putViews, startSession } from "./api/pageLoad";
import type { Bootstrap } from "./api/types";

const PAGE = /^\/apps\/([^/]+)(?:\/(forms|views)\/([^/]+)(\/records\/[^/]+|\/design)?)?\/?$/;

/** A part of the bootstrap reply, or (when it could not give it) that part's own request. */
function part<T>(boot: Promise<Bootstrap>, pick: (b: Bootstrap) => T | null | undefined, own: () => Promise<T>): Promise<T> {
  const out = boot.then((b) => pick(b) ?? own(), own);
  out.catch(() => undefined);
  return out;
}

export function prefetchFor(pathname: string, search = ""): void {
  if (!tokens.access()) return;
  const m = PAGE.exec(pathname);
  const app = m ? decodeURIComponent(m[1]) : undefined;
  // the designer reads the draft, not the published definition
  const form = m && m[2] === "forms" && m[3] !== "new" && m[4] !== "/design" ? decodeURIComponent(m[3]) : undefined;
  const grid = Boolean(form && !m?.[4]);
  if (grid) askRemembered(app!, form!, search);
  const boot = api.bootstrap(app, form);
  metaCache.seed(app ?? "", { departments: part(boot, (b) => b.departments, () => api.departments()) });
  putSession(startSession(part(boot, (b) => b.me, () => api.me()), part(boot, (b) => b.apps, () => api.apps())));
  if (!app) return;
  metaCache.seed(app, { forms: part(boot, (b) => b.forms, () => api.forms(app)) });
  putViews(app, part(boot, (b) => b.views, () => api.views(app)));
  if (!form) return;
  metaCache.seed(app, { form: [form, part(boot, (b) => b.definition, () => api.form(app, form))] });
  if (m?.[4]?.startsWith("/records")) void import("./record/RecordPage");
  else if (grid) {
    void import("./grid/GridPage");
    void import("./grid/firstPage").then((fp) => metaCache.form(app, form)
      .then((def) => fp.prefetchFirstPage(app, def, search), () => undefined));
  }
}
