/** Export the records a grid shows (its filter, sort and search) as CSV, page by page through the cursor. */
import { api } from "../api/client";
import type { FieldDef, FormDef, JsonLogic } from "../api/types";
import type { Lang } from "../i18n";
import { displayText, fieldLabel } from "../registries/format";
import { expandFor } from "./gridState";

export interface ExportRequest {
  app: string;
  def: FormDef;
  columns: string[];
  filter: JsonLogic;
  sort: string[];
  q: string;
  lang: Lang;
}

const PAGE = 1000;
const RAW_NUMBERS = new Set(["integer", "decimal", "money"]);

/** A cell's text: plain numbers stay numbers (so spreadsheets can sum them), the rest as shown. */
function exportText(field: FieldDef, value: unknown, lang: Lang): string {
  if (RAW_NUMBERS.has(field.type) && typeof value === "number") return String(value);
  return displayText(field, value, lang);
}

/** One CSV cell: quoted when needed; a leading = + @ (formula) is neutralised for spreadsheets. */
export function csvCell(raw: string): string {
  const text = /^[=+@\t\r]|^-[^\d.]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Fetch every matching record and build the CSV text (with a BOM, so Excel reads UTF-8). */
export async function buildCsv(req: ExportRequest, onProgress: (done: number, total: number | null) => void,
  cancelled: () => boolean): Promise<{ csv: string; rows: number }> {
  const fields = req.columns.map((id) => req.def.fields.find((f) => f.id === id)).filter((f) => f !== undefined);
  const lines = [fields.map((f) => csvCell(fieldLabel(f, req.lang))).join(",")];
  let cursor: string | null = null;
  let total: number | null = null;
  let rows = 0;
  do {
    const reply = await api.list(req.app, req.def.id, {
      filter: req.filter, sort: req.sort, q: req.q, fields: fields.map((f) => f.id), expand: expandFor(req.def, req.columns),
      limit: PAGE, cursor, count: cursor ? "none" : "estimate",
    });
    if (total === null) total = reply.count;
    for (const row of reply.items) lines.push(fields.map((f) => csvCell(exportText(f, row[f.id], req.lang))).join(","));
    rows += reply.items.length;
    onProgress(rows, total);
    cursor = reply.next;
  } while (cursor && !cancelled());
  return { csv: `\ufeff${lines.join("\r\n")}\r\n`, rows };
}

export function saveText(text: string, name: string, type = "text/csv;charset=utf-8"): void {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
