/** The grid's state in the URL query string, so a reload or a copied link shows the same grid:
 * search `q`, `filter` (JsonLogic as JSON), `sort` (-a,b), `cols`, `mode`, `group`, `date`,
 * `page`, `size` and `bin` (the recycle bin). Only what differs from the form's (or the saved
 * view's) defaults is written; a value that cannot be read falls back to its default. The saved
 * view itself is the path (`/apps/:app/views/:view`). */
import type { FormDef, JsonLogic, ViewDef, ViewType } from "../api/types";
import { initialState, type GridState } from "./gridState";

export interface GridUrl {
  state: GridState;
  page: number;
  pageSize: number;
  /** the recycle bin: deleted records */
  bin: boolean;
}

export const PAGE_SIZES = [20, 50, 100, 200];
export const DEFAULT_PAGE_SIZE = 50;
const MODES: ViewType[] = ["grid", "kanban", "calendar"];
/** system columns a listing may also be sorted by (deleted_at in the recycle bin) */
const SYSTEM_SORTS = ["id", "created_at", "updated_at", "deleted_at"];
/** the recycle bin lists the latest deletions first unless told otherwise */
export const BIN_SORT = ["-deleted_at"];

export function defaultUrl(def: FormDef, view?: ViewDef): GridUrl {
  return { state: initialState(def, view), page: 1, pageSize: DEFAULT_PAGE_SIZE, bin: false };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function readFilter(raw: string, fallback: JsonLogic): JsonLogic {
  try {
    const v: unknown = JSON.parse(raw);
    return v === null || (typeof v === "object" && !Array.isArray(v)) ? (v as JsonLogic) : fallback;
  } catch {
    return fallback;
  }
}

function readInt(raw: string | null, fallback: number): number {
  const n = raw == null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** The grid the URL describes, starting from the form's or view's defaults. */
export function readGridUrl(def: FormDef, view: ViewDef | undefined, params: URLSearchParams): GridUrl {
  const base = defaultUrl(def, view);
  const s = { ...base.state };
  const known = new Set(def.fields.map((f) => f.id));
  const list = (raw: string) => raw.split(",").map((x) => x.trim()).filter(Boolean);
  if (params.has("q")) s.q = params.get("q") ?? "";
  if (params.has("filter")) s.filter = readFilter(params.get("filter") ?? "", base.state.filter);
  const bin = params.get("bin") === "1" && def.actions.includes("delete");
  const sortable = new Set([...known, ...SYSTEM_SORTS]);
  if (bin) s.sort = BIN_SORT;
  if (params.has("sort")) s.sort = list(params.get("sort") ?? "").filter((k) => sortable.has(k.replace(/^-/, "")));
  if (params.has("cols")) {
    const cols = list(params.get("cols") ?? "").filter((c) => known.has(c));
    if (cols.length) s.columns = cols;
  }
  const mode = params.get("mode") as ViewType | null;
  if (mode && MODES.includes(mode)) s.mode = mode;
  const group = params.get("group");
  if (group && known.has(group)) s.groupBy = group;
  const date = params.get("date");
  if (date && known.has(date)) s.dateField = date;
  const size = readInt(params.get("size"), DEFAULT_PAGE_SIZE);
  return {
    state: bin ? { ...s, mode: "grid" } : s,
    page: readInt(params.get("page"), 1),
    pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
    bin,
  };
}

/** The query string for a grid: only what differs from the defaults, in a stable order. */
export function writeGridUrl(def: FormDef, view: ViewDef | undefined, url: GridUrl): URLSearchParams {
  const base = defaultUrl(def, view).state;
  const s = url.state;
  const out = new URLSearchParams();
  if (url.bin) out.set("bin", "1");
  if (s.q) out.set("q", s.q);
  if (!same(s.filter, base.filter)) out.set("filter", JSON.stringify(s.filter ?? null));
  if (!same(s.sort, url.bin ? BIN_SORT : base.sort)) out.set("sort", s.sort.join(","));
  if (!same(s.columns, base.columns)) out.set("cols", s.columns.join(","));
  if (s.mode !== base.mode && !url.bin) out.set("mode", s.mode);
  if (s.groupBy && s.groupBy !== base.groupBy) out.set("group", s.groupBy);
  if (s.dateField && s.dateField !== base.dateField) out.set("date", s.dateField);
  if (url.page > 1) out.set("page", String(url.page));
  if (url.pageSize !== DEFAULT_PAGE_SIZE) out.set("size", String(url.pageSize));
  return out;
}

/** In or out of the recycle bin (page 1; in: latest deletions first; out: the default sort). */
export function withBin(def: FormDef, view: ViewDef | undefined, url: GridUrl, on: boolean): GridUrl {
  const sort = on ? BIN_SORT : defaultUrl(def, view).state.sort;
  return { ...url, bin: on, page: 1, state: { ...url.state, sort, mode: on ? "grid" : url.state.mode } };
}

/** A change of what the grid lists (not of how it shows it) starts again at page 1. */
export function applyChange(url: GridUrl, patch: Partial<GridState>): GridUrl {
  const state = { ...url.state, ...patch };
  const refilters = (["q", "filter", "sort", "mode"] as const).some((k) => k in patch && !same(patch[k], url.state[k]));
  return { ...url, state, page: refilters ? 1 : url.page };
}
