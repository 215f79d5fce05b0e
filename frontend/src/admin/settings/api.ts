/** The app settings page's REST calls: the app's definition (draft, save, publish, through the
 * definitions API) and what its menu may hold (forms, shared views, reports, dashboards). */
import { definitionsChanged } from "../../api/cache";
import { api, request } from "../../api/client";
import type { Text } from "../../api/types";
import { reportsApi } from "../../reports/api";
import type { EntryType } from "../../shell/appMenu";
import type { AppDefinition } from "./model";

const def = (app: string) => `/apps/${encodeURIComponent(app)}/definitions/app/${encodeURIComponent(app)}`;

export interface Choice {
  type: EntryType;
  key: string;
  label?: Text | null;
}

export const settingsApi = {
  draft: (app: string) => request<AppDefinition>("GET", def(app)),
  published: (app: string) => api.apps().then((items) => (items.find((a) => a.id === app) ?? null) as AppDefinition | null),
  save: (app: string, body: AppDefinition) => request<AppDefinition>("PUT", def(app), { body }),
  publish: (app: string) => request<{ version: number }>("POST", `${def(app)}/publish`, { body: {} }).then((r) => {
    definitionsChanged();
    return r;
  }),
  /** everything the menu may name: forms, shared views, reports, dashboards */
  async choices(app: string): Promise<Choice[]> {
    const [forms, views, reports, dashboards] = await Promise.all([
      api.forms(app), api.views(app), reportsApi.reports(app).catch(() => []), reportsApi.dashboards(app).catch(() => []),
    ]);
    return [
      ...forms.map((f) => ({ type: "form" as const, key: f.id, label: f.label })),
      ...views.filter((v) => v.shared || v.owner == null).map((v) => ({ type: "view" as const, key: v.id, label: v.label })),
      ...reports.map((r) => ({ type: "report" as const, key: r.id, label: r.label })),
      ...dashboards.map((d) => ({ type: "dashboard" as const, key: d.id, label: d.label })),
    ];
  },
};
