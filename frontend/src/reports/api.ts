/** The reports' and dashboards' REST calls: listings, a report's spec with its figures, a
 * dashboard and its tiles, the drill-down target of a clicked figure, the xlsx of a report's
 * figures and a dashboard's saved layout. Errors are the client's ApiError. */
import { api, request } from "../api/client";
import type { JsonLogic } from "../api/types";
import type { Lang } from "../i18n";
import type {
  Dashboard, DashboardSummary, DrillTarget, ReportResponse, ReportSummary, TilePlace, WidgetAnswer,
} from "./types";

const app = (a: string) => `/apps/${encodeURIComponent(a)}`;
const report = (a: string, key: string) => `${app(a)}/reports/${encodeURIComponent(key)}`;
const dashboard = (a: string, key: string) => `${app(a)}/dashboards/${encodeURIComponent(key)}`;
const json = (v: unknown) => (v == null ? undefined : JSON.stringify(v));

export const reportsApi = {
  reports: (a: string) => request<{ items: ReportSummary[] }>("GET", `${app(a)}/reports`).then((r) => r.items),
  dashboards: (a: string) => request<{ items: DashboardSummary[] }>("GET", `${app(a)}/dashboards`).then((r) => r.items),
  spec: (a: string, key: string, lang: Lang, filters?: JsonLogic) =>
    request<ReportResponse>("GET", `${report(a, key)}/spec`, { query: { filters: json(filters), lang } }),
  /** where a clicked figure's records are: a form and the rule that picks them */
  drill: (a: string, key: string, at: Record<string, unknown>, filters?: JsonLogic) =>
    request<DrillTarget>("GET", `${report(a, key)}/drill`, { query: { filters: json(filters), at: JSON.stringify(at) } }),
  xlsx: (a: string, key: string, lang: Lang, filters?: JsonLogic) =>
    api.fetchFile(`${report(a, key)}/xlsx`, { filters: json(filters), lang }),
  dashboard: (a: string, key: string) => request<Dashboard>("GET", dashboard(a, key)),
  tile: (a: string, key: string, tile: string, values: Record<string, unknown>, lang: Lang) =>
    request<ReportResponse>("GET", `${dashboard(a, key)}/tiles/${encodeURIComponent(tile)}`,
      { query: { values: JSON.stringify(values), lang } }),
  /** a widget tile's content for the caller */
  widget: <D>(a: string, key: string, tile: string, lang: Lang) =>
    request<WidgetAnswer<D>>("GET", `${dashboard(a, key)}/tiles/${encodeURIComponent(tile)}`, { query: { lang } }),
  /** tiles moved and resized, widgets added (a new id with its `widget`), tiles in `remove` dropped */
  saveLayout: (a: string, key: string, tiles: TilePlace[], remove?: string[]) =>
    request<Dashboard>("PUT", `${dashboard(a, key)}/layout`, { body: remove?.length ? { tiles, remove } : { tiles } }),
};

/** The grid of a form showing the records a figure was made of (grid/urlState.ts reads `filter`). */
export function drillPath(a: string, target: DrillTarget): string {
  const base = `/apps/${encodeURIComponent(a)}/forms/${encodeURIComponent(target.form)}`;
  return target.filter == null ? base : `${base}?filter=${encodeURIComponent(JSON.stringify(target.filter))}`;
}
