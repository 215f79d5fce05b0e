/**
 * The server's 422 errors as rjsf's error schema, so each shows where it belongs: on its field,
 * or, for a sub-table problem (which carries a JSON pointer `/<field>/<row>/<child>`), on that
 * cell of the sub-table editor, with a line under the table naming the rows to fix. Also: which
 * errors still hold after the user edits (only those of untouched fields and cells).
 */
import type { ErrorSchema } from "@rjsf/utils";
import type { FieldError } from "../api/types";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";

/** A server error, perhaps pointing into a sub-table. */
export type PointedError = FieldError & { pointer?: string };
/** Messages by row index, then child field id. */
export type CellErrors = Record<number, Record<string, string[]>>;
export type Say = (key: string, params?: Record<string, unknown>) => string;

/** "/legs/2/qty" → ["legs", "2", "qty"] (RFC 6901 unescaping). */
export function parsePointer(pointer: string | undefined): string[] {
  if (!pointer || !pointer.startsWith("/")) return [];
  return pointer.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The cell a server error points at, if any. */
export function cellOf(e: PointedError): { field: string; row: number; child?: string } | null {
  const [field, row, child] = parsePointer(e.pointer);
  if (!field || row === undefined || !/^\d+$/.test(row)) return null;
  return { field, row: Number(row), child };
}

function stripLabel(message: string, label: string | undefined): string {
  if (!label) return message;
  for (const sep of [":", "：", ": "]) {
    if (message.startsWith(label + sep)) return message.slice(label.length + sep.length).trim() || message;
  }
  return message;
}

/** "明细:第3行 数量:必填" → "必填", "Legs: row 3, Qty: is required" → "is required": what a cell shows. */
export function cellMessage(message: string, fieldLabel?: string, childLabel?: string): string {
  let m = stripLabel(message.trim(), fieldLabel);
  m = m.replace(/^第\s*\d+\s*行\s*/, "").replace(/^row\s+\d+\s*[,:]\s*/i, "");
  return stripLabel(m, childLabel);
}

/** "手机号:值已被使用" under the 手机号 field reads better as "值已被使用". */
export function withoutLabel(message: string, label?: string): string {
  return stripLabel(message, label);
}

/** The messages of the numbered keys of a field's error schema (rjsf puts sub-table rows there). */
export function cellErrorsOf(schema: unknown): CellErrors | undefined {
  if (!schema || typeof schema !== "object") return undefined;
  let out: CellErrors | undefined;
  for (const [row, children] of Object.entries(schema as Record<string, unknown>)) {
    if (!/^\d+$/.test(row) || !children || typeof children !== "object") continue;
    for (const [child, node] of Object.entries(children as Record<string, { __errors?: string[] }>)) {
      const msgs = node?.__errors;
      if (child === "__errors" || !msgs?.length) continue;
      out ??= {};
      out[Number(row)] = { ...out[Number(row)], [child]: [...new Set([...(out[Number(row)]?.[child] ?? []), ...msgs])] };
    }
  }
  return out;
}

/** The line under a sub-table naming the rows with problems ("第 2、5 行有误…"). */
export function rowsLine(rows: Iterable<number>, say: Say): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b).map((r) => r + 1);
  return say("validation.rows", { rows: sorted.join(say("validation.rowSep")) });
}

interface Labels {
  field: (id: string) => string | undefined;
  child: (field: string, child: string) => string | undefined;
}

/** The server's errors on the fields `shown`, as an rjsf error schema. */
export function serverErrorSchema(errors: PointedError[], shown: Set<string>, lang: Lang, labels: Labels, say: Say): ErrorSchema {
  const out: Record<string, Record<string, unknown> & { __errors?: string[] }> = {};
  const rowsOf = new Map<string, Set<number>>();
  const push = (node: { __errors?: string[] }, msg: string) => { node.__errors = [...(node.__errors ?? []), msg]; };
  for (const e of errors) {
    if (!e.field || !shown.has(e.field)) continue;
    const node = (out[e.field] ??= {});
    const cell = cellOf(e);
    const text = textOf(e.message, lang);
    if (cell && cell.field === e.field && cell.child) {
      const row = (node[cell.row] ??= {}) as Record<string, { __errors?: string[] }>;
      push((row[cell.child] ??= {}), cellMessage(text, labels.field(e.field), labels.child(e.field, cell.child)));
      rowsOf.set(e.field, (rowsOf.get(e.field) ?? new Set()).add(cell.row));
    } else {
      push(node, (e.row ? `#${e.row} ` : "") + withoutLabel(text, labels.field(e.field)));
    }
  }
  for (const [field, rows] of rowsOf) push(out[field], rowsLine(rows, say));
  return out as ErrorSchema;
}

/** The server errors that still hold once the data changed from `before` to `after`: an edited
 * field drops its errors; in a sub-table only the edited cells do (all of them if rows were
 * added or removed, since the row numbers moved). */
export function stillValid(errors: PointedError[], before: Record<string, unknown>, after: Record<string, unknown>): PointedError[] {
  const json = (v: unknown) => JSON.stringify(v ?? null);
  const rows = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  return errors.filter((e) => {
    if (!e.field) return true;
    if (json(before[e.field]) === json(after[e.field])) return true;
    const cell = cellOf(e);
    if (!cell || !cell.child) return false;
    const a = rows(before[e.field]);
    const b = rows(after[e.field]);
    return a.length === b.length && json(a[cell.row]?.[cell.child]) === json(b[cell.row]?.[cell.child]);
  });
}
