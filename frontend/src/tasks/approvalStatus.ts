/** The record's approval status field, found without asking for the flows (an administrator's
 * list): a select field whose options hold the statuses a `submitted` flow writes (pending,
 * approved, rejected at least, as the trigger's check demands). */
import type { FieldDef, RecordRow } from "../api/types";

export const STATUSES = ["pending", "approved", "rejected", "withdrawn", "returned"];
const NEEDED = ["pending", "approved", "rejected"];
/** statuses after which the initiator may submit again (empty: never submitted) */
export const AGAIN = new Set(["rejected", "withdrawn", "returned", ""]);

export function statusField(fields: FieldDef[]): FieldDef | null {
  return fields.find((f) => !f.deleted && Array.isArray(f.options)
    && NEEDED.every((v) => f.options!.some((o) => o.value === v))) ?? null;
}

export function statusOf(fields: FieldDef[], record: RecordRow): { field: FieldDef; status: string } | null {
  const field = statusField(fields);
  if (!field) return null;
  const raw = record[field.id];
  const value = raw && typeof raw === "object" && "value" in (raw as object) ? (raw as { value: unknown }).value : raw;
  return { field, status: typeof value === "string" ? value : "" };
}

/** 提交审批 (never submitted) or 重新提交 (after a rejection, a withdrawal or a return); null: no button. */
export function submitLabel(status: string): "submit" | "resubmit" | null {
  if (!AGAIN.has(status)) return null;
  return status === "" ? "submit" : "resubmit";
}

/** The steps (of those whose approvers the initiator picks) still without anyone picked. */
export function missingPicks(choices: { node: string }[], picks: Record<string, number[] | undefined>): string[] {
  return choices.filter((c) => !(picks[c.node] ?? []).length).map((c) => c.node);
}
