/** Which of the record's fields a task shows and how, from the node's permissions (`fields`:
 * editable | readonly | hidden; a field not named is read-only): the fields in the form's order
 * (else the schema's), hidden ones left out, editable ones only when the field can be typed at all
 * (not computed, not generated, not read-only in the form). Without the form's definition the
 * fields come from the task's schema (a plain JSON Schema, or one carrying `fields`). */
import { fieldTraits, traitsOf } from "../api/fieldTypes";
import { idOf } from "../registries/entities";
import type { FieldDef, RecordRow } from "../api/types";
import type { FieldPermission, TaskDetail } from "./types";

export interface ShownField {
  field: FieldDef;
  editable: boolean;
  required: boolean;
}

const SYSTEM = new Set(["id", "version", "created_at", "updated_at", "created_by", "updated_by", "deleted_at"]);

/** The field definitions the task's schema carries (its `fields`, else its JSON Schema properties as text fields). */
export function schemaFields(schema: TaskDetail["schema"]): FieldDef[] {
  if (!schema || typeof schema !== "object") return [];
  const s = schema as { fields?: FieldDef[]; properties?: Record<string, { title?: unknown; readOnly?: boolean }> };
  if (Array.isArray(s.fields)) return s.fields;
  return Object.entries(s.properties ?? {}).filter(([id]) => !SYSTEM.has(id)).map(([id, p]) => ({
    id, type: "text", label: typeof p?.title === "string" ? { zh: p.title, en: p.title } : (p?.title as FieldDef["label"]),
  }));
}

export function permissionOf(perms: Record<string, FieldPermission> | undefined, id: string): FieldPermission {
  return perms?.[id] ?? "readonly";
}

export function shownFields(task: Pick<TaskDetail, "fields" | "schema" | "required">, formFields?: FieldDef[] | null): ShownField[] {
  const fromSchema = schemaFields(task.schema);
  const visible = new Set(fromSchema.map((f) => f.id));
  const defs = formFields?.length
    ? formFields.filter((f) => !f.deleted && (visible.size === 0 || visible.has(f.id) || task.fields?.[f.id] != null))
    : fromSchema;
  const required = new Set(task.required ?? []);
  return defs
    .filter((f) => permissionOf(task.fields, f.id) !== "hidden" && !f.hidden)
    .map((f) => {
      const traits = fieldTraits(f);
      const typable = !f.readonly && !traits.generated && f.value_type == null;
      const editable = permissionOf(task.fields, f.id) === "editable" && typable;
      return { field: f, editable, required: editable && (required.has(f.id) || Boolean(f.required)) };
    });
}

/** The record of the task (the server may give it whole or only its id). */
export function recordOf(task: Pick<TaskDetail, "record">): RecordRow | null {
  return task.record && typeof task.record === "object" ? task.record : null;
}

/** The editable fields' values in the record (ids for expanded users, departments and records):
 * what the inputs start with. */
export function editableValues(fields: ShownField[], record: RecordRow | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.editable) continue;
    const v = record?.[f.field.id] ?? null;
    out[f.field.id] = v != null && traitsOf(f.field.type).references ? idOf(v) : v;
  }
  return out;
}

/** The values that differ from what the inputs started with (the only ones worth sending). */
export function changedValues(values: Record<string, unknown>, initial: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (JSON.stringify(v ?? null) !== JSON.stringify(initial[k] ?? null)) out[k] = v ?? null;
  }
  return out;
}

/** Required editable fields still empty. */
export function missingRequired(fields: ShownField[], values: Record<string, unknown>): string[] {
  const empty = (v: unknown) => v == null || v === "" || (Array.isArray(v) && v.length === 0);
  return fields.filter((f) => f.required && empty(values[f.field.id])).map((f) => f.field.id);
}
