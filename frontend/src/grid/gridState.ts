/** What a grid shows (filter, sort, columns, search, mode) and pure helpers on it. */
import type { FieldDef, FormDef, JsonLogic, ViewDef, ViewType } from "../api/types";
import { ruleVars } from "../designer/model/logicVars";
import { fieldTraits, traitsOf } from "../api/fieldTypes";

export interface GridState {
  filter: JsonLogic;
  sort: string[];
  columns: string[];
  q: string;
  mode: ViewType;
  groupBy?: string;
  dateField?: string;
}

/** Fields in layout order (fields the layout leaves out come last). */
export function orderedFields(def: FormDef): FieldDef[] {
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const seen = new Set<string>();
  const out: FieldDef[] = [];
  for (const section of def.layout ?? []) {
    for (const id of section.fields) {
      const f = byId.get(id);
      if (f && !seen.has(id)) { out.push(f); seen.add(id); }
    }
  }
  for (const f of def.fields) if (!seen.has(f.id)) out.push(f);
  return out;
}

/** The first few compact fields, the title field first. */
export function defaultColumns(def: FormDef, max = 8): string[] {
  const fields = orderedFields(def).filter((f) => !traitsOf(f.type).wide);
  const title = def.title_field && fields.some((f) => f.id === def.title_field) ? [def.title_field] : [];
  return [...title, ...fields.map((f) => f.id).filter((id) => id !== def.title_field)].slice(0, max);
}

/** Fields a board may group records by (their type's `groupable` trait). */
export function groupFields(def: FormDef): FieldDef[] {
  return def.fields.filter((f) => traitsOf(f.type).groupable);
}

/** Fields a calendar may place records by: those holding a date or a date and time. */
export function dateFields(def: FormDef): FieldDef[] {
  return def.fields.filter((f) => isDateKind(f));
}

/** Whether `f` holds a date or a date and time (its type's `sql_kind`). */
export function isDateKind(f: FieldDef): boolean {
  const kind = fieldTraits(f).sql_kind;
  return kind === "date" || kind === "datetime";
}

export function initialState(def: FormDef, view?: ViewDef): GridState {
  const known = new Set(def.fields.map((f) => f.id));
  const columns = (view?.columns ?? []).filter((c) => known.has(c));
  const sort = (view?.sort ?? []).filter((s) => known.has(s.replace(/^-/, "")));
  return {
    filter: view?.filter ?? null,
    sort,
    columns: columns.length ? columns : defaultColumns(def),
    q: "",
    mode: view?.type ?? "grid",
    groupBy: view?.group_by ?? groupFields(def).find((f) => f.id === "status")?.id ?? groupFields(def)[0]?.id,
    dateField: view?.date_field ?? dateFields(def)[0]?.id,
  };
}

/** Click on a column header: alone it sorts by that column only (asc → desc → none);
 * with shift it adds the column to the sort keys or cycles it in place. */
export function toggleSort(sort: string[], field: string, additive: boolean): string[] {
  const index = sort.findIndex((s) => s.replace(/^-/, "") === field);
  const current = index < 0 ? null : sort[index].startsWith("-") ? "desc" : "asc";
  const next = current === null ? field : current === "asc" ? `-${field}` : null;
  if (!additive) return next ? [next] : [];
  if (index < 0) return [...sort, field];
  const out = [...sort];
  if (next) out[index] = next;
  else out.splice(index, 1);
  return out;
}

export function sortOrderOf(sort: string[], field: string): "ascend" | "descend" | null {
  const key = sort.find((s) => s.replace(/^-/, "") === field);
  if (!key) return null;
  return key.startsWith("-") ? "descend" : "ascend";
}

export function isSortable(field: FieldDef): boolean {
  return traitsOf(field.type).sortable;
}

/** The fields a grid asks for: its columns and the form's title field. */
export function listFields(def: FormDef, columns: string[]): string[] {
  return [...new Set([...columns, ...(def.title_field ? [def.title_field] : [])])];
}

/** `expand` for the given columns: their user, department and relation fields. */
export function expandFor(def: FormDef, columns: string[]): string[] {
  const wanted = new Set(columns);
  return def.fields.filter((f) => wanted.has(f.id) && traitsOf(f.type).references).map((f) => f.id);
}

/** AND of the view filter and an extra condition (either may be empty). */
export function andFilter(a: JsonLogic, b: JsonLogic): JsonLogic {
  if (!a || (typeof a === "object" && !Object.keys(a).length)) return b;
  if (!b || (typeof b === "object" && !Object.keys(b).length)) return a;
  return { and: [a, b] };
}

/** How many conditions a filter holds (for the filter button's badge). */
export function countConditions(filter: JsonLogic): number {
  if (!filter || typeof filter !== "object") return 0;
  const [op, args] = Object.entries(filter)[0] ?? [];
  if ((op === "and" || op === "or") && Array.isArray(args)) {
    return args.reduce((n: number, a) => n + countConditions(a as JsonLogic), 0);
  }
  return op ? 1 : 0;
}

/** Fields the filter or the sort uses that the table does not show (filter's first), to offer as columns. */
export function suggestedColumns(def: FormDef, columns: string[], filter: JsonLogic, sort: string[]): FieldDef[] {
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const used = [...ruleVars(filter), ...sort.map((s) => s.replace(/^-/, ""))];
  const out: FieldDef[] = [];
  for (const id of used) {
    const f = byId.get(id);
    if (f && !columns.includes(id) && !out.includes(f)) out.push(f);
  }
  return out;
}
