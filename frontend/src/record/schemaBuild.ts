/**
 * From the server's JSON Schema and the published definition to what the record form renders:
 * nullable `anyOf` properties flattened, properties of visible fields only (conditions applied),
 * `required` with `required_if`, a UI schema naming each field's widget and the layout sections.
 */
import type { FieldDef, FormDef, JsonSchema, LayoutSection, RecordRow } from "../api/types";
import { traitsOf } from "../api/fieldTypes";
import { idOf } from "../registries/entities";
import type { FieldState } from "./conditions";

/** `{anyOf: [X, {type: "null"}]}` → X with null allowed (what rjsf renders as one input). */
export function flatten(prop: JsonSchema): JsonSchema {
  const { anyOf, ...rest } = prop;
  let out: JsonSchema = { ...rest };
  if (Array.isArray(anyOf)) {
    const others = anyOf.filter((s) => s.type !== "null");
    const base = others.length === 1 ? others[0] : {};
    out = { ...base, ...rest };
    if (typeof base.type === "string") out.type = [base.type, "null"];
    if (Array.isArray(base.enum)) out.enum = [...base.enum, null];
  }
  if (out.items && typeof out.items === "object") {
    const items = out.items;
    if (items.properties) {
      out.items = { ...items, properties: Object.fromEntries(Object.entries(items.properties).map(([k, v]) => [k, flatten(v)])) };
    }
  }
  return out;
}

export function buildSchema(server: JsonSchema, def: FormDef, states: Map<string, FieldState>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const serverProps = server.properties ?? {};
  for (const f of def.fields) {
    const state = states.get(f.id);
    if (!state?.visible) continue;
    const prop = serverProps[f.id];
    if (prop) properties[f.id] = flatten(prop);
    else if (traitsOf(f.type).generated) {
      // filled by the system: shown, never checked (a computed value may be a number, text, a date...)
      properties[f.id] = f.value_type ? { readOnly: true, title: f.id } : { type: ["string", "null"], readOnly: true, title: f.id };
    }
  }
  const required = Object.keys(properties).filter((id) => {
    const s = states.get(id);
    return s && !s.readonly && (s.required || (server.required ?? []).includes(id));
  });
  return { type: "object", properties, required };
}

export interface UiField {
  "ui:field": unknown;
  "ui:fieldReplacesAnyOrOneOf": true;
  "ui:disabled"?: boolean;
  "ui:options": { fieldDef: FieldDef };
}

export function buildUiSchema(def: FormDef, states: Map<string, FieldState>, field: unknown): Record<string, unknown> {
  const ui: Record<string, unknown> = { "ui:sections": def.layout ?? ([] as LayoutSection[]) };
  for (const f of def.fields) {
    const entry: UiField = { "ui:field": field, "ui:fieldReplacesAnyOrOneOf": true, "ui:options": { fieldDef: f } };
    if (states.get(f.id)?.readonly) entry["ui:disabled"] = true;
    ui[f.id] = entry;
  }
  return ui;
}

/** A record as form data: only the form's fields, ids for expanded values, no nulls. */
export function toFormData(def: FormDef, record?: RecordRow | Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!record) return out;
  for (const f of def.fields) {
    const v = record[f.id];
    if (v === null || v === undefined) continue;
    out[f.id] = traitsOf(f.type).references ? idOf(v) ?? undefined : v;
  }
  return out;
}

/** Initial values of a new record: the fields' defaults ("$user" is the signed-in user). */
export function defaultsFor(def: FormDef, userId?: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) {
    if (f.default === undefined || f.default === null) continue;
    if (f.default === "$user") {
      if (userId) out[f.id] = userId;
    } else if (typeof f.default !== "string" || !f.default.startsWith("$")) {
      out[f.id] = f.default;
    }
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function writable(f: FieldDef): boolean {
  return !f.readonly && !traitsOf(f.type).generated;
}

/** The fields that changed, for a PATCH (emptied fields become null). */
export function changes(def: FormDef, before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) {
    if (writable(f) && !same(before[f.id], after[f.id])) out[f.id] = after[f.id] ?? null;
  }
  return out;
}

/** The body of a create: the writable fields that have a value. */
export function createBody(def: FormDef, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) {
    const v = data[f.id];
    if (writable(f) && v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)) out[f.id] = v;
  }
  return out;
}
