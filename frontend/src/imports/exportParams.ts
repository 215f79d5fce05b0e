/** The `GET /export` parameters for what a grid shows: its filter, sort, search, visible columns, language. */
import type { ExportParams } from "../api/types";
import type { GridState } from "../grid/gridState";
import type { Lang } from "../i18n";

export function exportParams(state: Pick<GridState, "filter" | "sort" | "q" | "columns">, format: ExportParams["format"],
  lang: Lang): ExportParams {
  const empty = !state.filter || (typeof state.filter === "object" && !Object.keys(state.filter).length);
  return {
    format,
    filter: empty ? undefined : state.filter,
    sort: state.sort.length ? state.sort : undefined,
    q: state.q.trim() || undefined,
    fields: state.columns.length ? state.columns : undefined,
    lang,
  };
}
