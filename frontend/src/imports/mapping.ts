/** The column -> field mapping of an import, as pure functions: change one column, apply a saved
 * mapping, find what is wrong (a field chosen twice, required fields left out), place the server's
 * 422 errors on the columns they name, and build the request's `mapping`. */
import { traitsOf } from "../api/fieldTypes";
import type { FieldError, ImportColumn, ImportField, SavedMapping } from "../api/types";

/** Excel's name of a 0-based column: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A cell of the preview as text (dates arrive as ISO strings, booleans as true/false). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Up to `n` non-empty sample values of a column from the preview rows. */
export function samples(preview: unknown[][], column: number, n = 3): string[] {
  const out: string[] = [];
  for (const row of preview) {
    const text = cellText(row[column]).trim();
    if (text) out.push(text);
    if (out.length >= n) break;
  }
  return out;
}

/** Choose a field (or null: skip) for one column; the choice is now the user's own. */
export function setField(cols: ImportColumn[], column: number, field: string | null): ImportColumn[] {
  return cols.map((c) => (c.column === column ? { ...c, field, by: null } : c));
}

/** Apply a saved mapping (header -> field) to the columns whose header it names; other columns keep
 * their choice. Fields the form no longer has are ignored. */
export function applySaved(cols: ImportColumn[], saved: SavedMapping, fields: ImportField[]): { cols: ImportColumn[]; matched: number } {
  const known = new Set(fields.map((f) => f.id));
  const byHeader = new Map(Object.entries(saved.mapping).map(([h, f]) => [h.trim(), f]));
  let matched = 0;
  const next = cols.map((c) => {
    const field = byHeader.get(c.header.trim());
    if (!c.header.trim() || field === undefined || !known.has(field)) return c;
    matched += 1;
    return { ...c, field, by: "saved" as const };
  });
  return { cols: next, matched };
}

/** The mapping to save under a name: header -> field, for mapped columns with a header. */
export function toSaved(cols: ImportColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cols) if (c.field && c.header.trim()) out[c.header.trim()] = c.field;
  return out;
}

/** The request's mapping: "<column index>" -> field id, mapped columns only. */
export function toRequest(cols: ImportColumn[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of cols) if (c.field) out[String(c.column)] = c.field;
  return out;
}

export interface MappingIssues {
  /** field id -> the columns that chose it, for fields chosen more than once */
  duplicates: Map<string, number[]>;
  /** required fields no column imports into */
  missingRequired: string[];
  /** how many columns are imported */
  mapped: number;
}

/** `defaulted`: fields the form fills in itself (a default value), so leaving them out is fine. */
export function checkMapping(cols: ImportColumn[], fields: ImportField[], defaulted: ReadonlySet<string> = new Set()): MappingIssues {
  const chosen = new Map<string, number[]>();
  for (const c of cols) {
    if (!c.field) continue;
    chosen.set(c.field, [...(chosen.get(c.field) ?? []), c.column]);
  }
  const duplicates = new Map([...chosen].filter(([, columns]) => columns.length > 1));
  const missingRequired = fields.filter((f) => f.required && !chosen.has(f.id) && !defaulted.has(f.id)).map((f) => f.id);
  return { duplicates, missingRequired, mapped: [...chosen.values()].reduce((n, c) => n + c.length, 0) };
}

/** The columns whose field is chosen more than once. */
export function duplicateColumns(issues: MappingIssues): Set<number> {
  return new Set([...issues.duplicates.values()].flat());
}

/** The fields that may be keys: mapped, of a type whose `import_key` trait allows it; unique ones first. */
export function keyFields(cols: ImportColumn[], fields: ImportField[]): ImportField[] {
  const mapped = new Set(cols.map((c) => c.field).filter(Boolean));
  return fields.filter((f) => mapped.has(f.id) && traitsOf(f.type).import_key)
    .sort((a, b) => Number(Boolean(b.unique)) - Number(Boolean(a.unique)));
}

/** Key fields to propose for upsert / update: the first mapped unique field. */
export function defaultKeys(cols: ImportColumn[], fields: ImportField[]): string[] {
  return keyFields(cols, fields).filter((f) => f.unique).map((f) => f.id).slice(0, 1);
}

/** Keys that are still mapped (a key whose column was set to skip drops out). */
export function mappedKeys(keys: string[], cols: ImportColumn[]): string[] {
  const mapped = new Set(cols.map((c) => c.field).filter(Boolean));
  return keys.filter((k) => mapped.has(k));
}

function columnOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return null;
}

/** Place the server's errors: those naming a column, or a field some column imports into, go on
 * those rows; the rest (a required field left out, a key not mapped…) are general. */
export function splitErrors(errors: FieldError[], cols: ImportColumn[]): { byColumn: Map<number, FieldError[]>; general: FieldError[] } {
  const byColumn = new Map<number, FieldError[]>();
  const general: FieldError[] = [];
  const known = new Set(cols.map((c) => c.column));
  const add = (column: number, e: FieldError) => byColumn.set(column, [...(byColumn.get(column) ?? []), e]);
  for (const e of errors) {
    const column = columnOf(e.column);
    if (column !== null && known.has(column)) { add(column, e); continue; }
    const targets = e.field ? cols.filter((c) => c.field === e.field) : [];
    if (targets.length) targets.forEach((c) => add(c.column, e));
    else general.push(e);
  }
  return { byColumn, general };
}
