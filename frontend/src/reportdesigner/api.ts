/** The report designer's REST calls: the `report` kind's definition endpoints (the app's
 * reports, a draft, saving and publishing it) and the live preview of a draft
 * (`POST /apps/{app}/reports/preview`, answering what a report's spec endpoint answers). */
import { definitionsChanged } from "../api/cache";
import { request } from "../api/client";
import type { Text } from "../api/types";
import type { Lang } from "../i18n";
import type { ReportResponse } from "../reports/types";

const defs = (app: string) => `/apps/${encodeURIComponent(app)}/definitions/report`;
const one = (app: string, key: string) => `${defs(app)}/${encodeURIComponent(key)}`;

export interface ReportDefinitionItem {
  id: string;
  label?: Text | null;
  published_version?: number | null;
  draft_updated_at?: string;
}

export const designerApi = {
  list: (app: string) => request<{ items: ReportDefinitionItem[] }>("GET", defs(app)).then((r) => r.items),
  draft: (app: string, key: string) => request<unknown>("GET", one(app, key)),
  save: (app: string, key: string, body: Record<string, unknown>) => request<unknown>("PUT", one(app, key), { body }),
  publish: (app: string, key: string) =>
    request<{ version: number }>("POST", `${one(app, key)}/publish`, { body: {} }).then((r) => {
      definitionsChanged();
      return r;
    }),
  preview: (app: string, report: Record<string, unknown>, lang: Lang) =>
    request<ReportResponse>("POST", `/apps/${encodeURIComponent(app)}/reports/preview`, { body: { report, lang } }),
};
