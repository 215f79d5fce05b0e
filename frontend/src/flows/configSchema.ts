/**
 * A node type's (or trigger type's) `config_schema` made into the panel's form: the keys the
 * canvas edits (branches, default, steps) left out, titles and descriptions in the UI's
 * language (a schema may carry {zh, en} or plain text), and the keys that need their own
 * input marked in the uiSchema: conditions (`when`, `condition`, `until_condition`, `where`),
 * maps of value expressions (`values`, `set` by field; `data` by free keys), a form (`form`),
 * fields of the form (`field`, `fields`), a person (`assignee`, `owner`), a duration ({amount, unit}), single expressions (a schema with `x-expression`,
 * `format: "jsonlogic"` or no type at all), `recipients`, `template`.
 */
import type { JsonSchema } from "./types";

export type Special = "condition" | "values" | "data" | "expression" | "recipients" | "template" | "field" | "fields" | "form" | "assignee" | "option" | "duration" | "choice";

export const CANVAS_KEYS = new Set(["branches", "default", "steps"]);
const CONDITION_KEYS = new Set(["when", "condition", "until_condition", "where"]);
const VALUE_MAP_KEYS = new Set(["values", "set"]);

type Label = (text: unknown, fallback: string) => string;
type EnumLabel = (value: unknown) => string;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The plain values a oneOf / anyOf offers beside its other shapes (update_records' target:
 * "trigger", "records" or an object): an enum's values and consts. */
export function choicesOf(prop: JsonSchema): unknown[] {
  const alts = (prop.oneOf ?? prop.anyOf) as JsonSchema[] | undefined;
  if (!Array.isArray(alts)) return [];
  return alts.flatMap((a) => (isObj(a) && Array.isArray(a.enum) ? a.enum : isObj(a) && "const" in a ? [a.const] : []));
}

/** The input a property needs beyond rjsf's own, if any. */
export function specialOf(key: string, prop: JsonSchema): Special | null {
  if (CONDITION_KEYS.has(key)) return "condition";
  if (key === "recipients" || key === "assignees") return "recipients";
  if (key === "assignee" || key === "owner") return "assignee";
  if (choicesOf(prop).length && Array.isArray(prop.oneOf ?? prop.anyOf)) return "choice";
  const inner = isObj(prop.properties) ? prop.properties as Record<string, JsonSchema> : null;
  if (inner && Object.keys(inner).sort().join() === "amount,unit" && Array.isArray(inner.unit?.enum)) return "duration";
  if (key === "template") return "template";
  if (key === "fields" && prop.type === "array") return "fields";
  if ((key === "field" || key === "date_field") && prop.type === "string") return "field";
  if (VALUE_MAP_KEYS.has(key) && (prop.type === "object" || prop.type === undefined)) return "values";
  if (key === "data" && prop.type === "object" && !prop.properties) return "data";
  if (key === "form" && prop.type === "string") return "form";
  if (prop["x-expression"] || prop.format === "jsonlogic" || (prop.type === undefined && !prop.enum && !prop.const
    && !prop.oneOf && !prop.anyOf && !prop.$ref && !prop.properties)) return "expression";
  return null;
}

function localize(schema: JsonSchema, key: string, label: Label, enumLabel: EnumLabel): JsonSchema {
  const out: JsonSchema = { ...schema };
  out.title = label(schema.title ?? schema["x-label"], key);
  if (schema.description !== undefined) out.description = label(schema.description, "");
  if (Array.isArray(schema.enum)) { // an enum's values named in the UI's language
    delete out.enum;
    out.oneOf = schema.enum.map((v) => ({ const: v, title: enumLabel(v) }));
    const kinds = new Set(schema.enum.map((v) => (typeof v === "number" ? "number" : typeof v)));
    if (!schema.type && kinds.size === 1 && ["string", "number", "boolean"].includes([...kinds][0])) out.type = [...kinds][0];
  }
  if (isObj(schema.properties)) {
    out.properties = Object.fromEntries(Object.entries(schema.properties as Record<string, JsonSchema>)
      .map(([k, p]) => [k, isObj(p) ? localize(p, k, label, enumLabel) : p]));
  }
  if (isObj(schema.items)) out.items = localize(schema.items as JsonSchema, "", label, enumLabel);
  if (Array.isArray(schema.oneOf)) {
    out.oneOf = (schema.oneOf as JsonSchema[]).map((o) => (isObj(o) && "const" in o && !o.title
      ? { ...o, title: enumLabel(o.const) } : isObj(o) ? localize(o, "", label, enumLabel) : o));
  }
  return out;
}

/** The uiSchema of a property with its own input (which also stands for the property's oneOf / anyOf). */
const specialUi = (special: Special) => ({ "ui:field": "special", "ui:fieldReplacesAnyOrOneOf": true, "ui:options": { special } });

export interface PanelForm {
  schema: JsonSchema;
  uiSchema: Record<string, unknown>;
  /** the properties shown (none: the node has no settings of its own) */
  keys: string[];
}

/** The rjsf schema and uiSchema of a config schema; `label` reads a title (or `key`), `enumLabel`
 * names an enum's value, both in the UI's language. */
export function panelForm(config: JsonSchema | undefined, label: Label, enumLabel: EnumLabel = String): PanelForm {
  const props = (isObj(config?.properties) ? config!.properties : {}) as Record<string, JsonSchema>;
  const keys = Object.keys(props).filter((k) => !CANVAS_KEYS.has(k));
  const properties: Record<string, JsonSchema> = {};
  const uiSchema: Record<string, unknown> = { "ui:submitButtonOptions": { norender: true } };
  for (const k of keys) {
    const prop = isObj(props[k]) ? props[k] : {};
    properties[k] = localize(prop, k, label, enumLabel);
    const special = specialOf(k, prop);
    if (special) {
      uiSchema[k] = specialUi(special);
      const { description, ...rest } = properties[k];
      properties[k] = description === undefined ? rest : { ...rest, "x-help": description }; // shown by the input itself
      if (special === "choice") properties[k]["x-choices"] = choicesOf(prop);
    }
  }
  const required = (config?.required ?? []).filter((k) => keys.includes(k));
  return { schema: { type: "object", properties, ...(required.length ? { required } : {}) }, uiSchema, keys };
}

/** Mark the plain text settings named like a select field of the target form (a task's
 * `purpose`, `method`) to be picked from that field's options. */
export function withOptionPickers(form: PanelForm, optionFields: Set<string>): PanelForm {
  const uiSchema = { ...form.uiSchema };
  for (const k of form.keys) {
    const prop = (form.schema.properties as Record<string, JsonSchema>)[k];
    if (!uiSchema[k] && prop?.type === "string" && optionFields.has(k)) {
      uiSchema[k] = specialUi("option");
    }
  }
  return { ...form, uiSchema };
}

/** The node's own configuration: every key but the common ones and those the canvas edits. */
export function configOf(node: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(node).filter(([k]) => !["id", "type", "label", "note"].includes(k) && !CANVAS_KEYS.has(k)));
}
