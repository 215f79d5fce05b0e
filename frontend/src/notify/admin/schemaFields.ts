/**
 * A channel type's `config_schema` (JSON Schema) as the fields of the channel drawer's form, and
 * back: the values the form starts from and the `config` body of the PUT.
 *
 * Secrets (`writeOnly` properties, strings or maps of strings) are never prefilled; one left
 * empty is left out of the body, so the server keeps its stored value. A title "中文 / English"
 * is read as both languages.
 */
import type { JsonSchema, Text } from "../../api/types";

/** How a property is edited. */
export type FieldKind = "string" | "textarea" | "password" | "int" | "num" | "bool" | "choice" | "map" | "tags";

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: Text | string;
  help?: Text | string;
  required: boolean;
  /** a writeOnly property */
  secret: boolean;
  /** a secret the server says is stored */
  secretSet: boolean;
  options?: { value: string | number; label: string }[];
  min?: number;
  max?: number;
  defaultValue?: unknown;
}

type Prop = JsonSchema & Record<string, unknown>;

/** What each JSON Schema type is edited with (other shapes are decided below). */
const BY_JSON_TYPE: Record<string, FieldKind> = { string: "string", integer: "int", number: "num", boolean: "bool" };
const LONG_TEXT = 200;

function jsonType(p: Prop): string {
  const t = p.type as unknown;
  if (Array.isArray(t)) return String(t.find((x) => x !== "null") ?? "");
  return typeof t === "string" ? t : "";
}

/** A title or description: {zh, en}, or a string; "中文 / English" (two parts) reads as both languages. */
function textish(v: unknown): Text | string | undefined {
  if (typeof v === "string" && v) {
    const parts = v.split(" / ");
    return parts.length === 2 && parts[0].trim() && parts[1].trim() ? { zh: parts[0].trim(), en: parts[1].trim() } : v;
  }
  if (v && typeof v === "object" && ("zh" in v || "en" in v)) return v as Text;
  return undefined;
}

function kindOf(p: Prop): FieldKind {
  const t = jsonType(p);
  if (t === "object") return "map";
  if (p.writeOnly === true) return "password";
  if (Array.isArray(p.enum)) return "choice";
  if (t === "array") return "tags";
  const kind = BY_JSON_TYPE[t] ?? "string";
  if (kind === "string" && (p.format === "textarea" || p["x-widget"] === "textarea" || Number(p.maxLength) > LONG_TEXT)) {
    return "textarea";
  }
  return kind;
}

/** The form's fields, in the schema's property order. */
export function schemaFields(schema: JsonSchema | null | undefined, secretsSet: string[] = []): FieldSpec[] {
  const props = (schema?.properties ?? {}) as Record<string, Prop>;
  const required = new Set(Array.isArray(schema?.required) ? (schema?.required as string[]) : []);
  return Object.entries(props).map(([name, p]) => {
    const kind = kindOf(p);
    const secret = p.writeOnly === true;
    const secretSet = secret && secretsSet.includes(name);
    const spec: FieldSpec = {
      name, kind, secret, secretSet,
      label: textish(p["x-label"]) ?? textish(p.title) ?? name,
      help: textish(p["x-help"]) ?? textish(p.description),
      // a stored secret may be left empty (it is kept)
      required: required.has(name) && !secretSet,
      defaultValue: secret ? undefined : p.default,
    };
    if (kind === "choice") {
      const names = Array.isArray(p["x-enum-labels"]) ? (p["x-enum-labels"] as unknown[]) : [];
      spec.options = (p.enum as (string | number)[]).map((v, i) => ({ value: v, label: String(names[i] ?? v) }));
    }
    if (typeof p.minimum === "number") spec.min = p.minimum;
    if (typeof p.maximum === "number") spec.max = p.maximum;
    return spec;
  });
}

export interface Entry {
  key: string;
  value: string;
}

/** The form's starting values from a channel's stored (non-secret) config; secrets start empty. */
export function initialValues(fields: FieldSpec[], config: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.secret) continue;
    const v = config && f.name in config ? config[f.name] : f.defaultValue;
    if (v === undefined || v === null) continue;
    if (f.kind === "map") {
      out[f.name] = v && typeof v === "object" && !Array.isArray(v)
        ? Object.entries(v as Record<string, unknown>).map(([key, value]) => ({ key, value: value == null ? "" : String(value) }))
        : [];
    } else out[f.name] = v;
  }
  return out;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/** The `config` of the PUT: empty values are left out (a left-out secret keeps its stored value),
 * key/value lists become objects, numbers are numbers. */
export function configBody(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === "map") {
      const entries = Array.isArray(v) ? (v as Partial<Entry>[]) : [];
      const obj: Record<string, string> = {};
      for (const e of entries) if (e && !blank(e.key)) obj[String(e.key).trim()] = e.value == null ? "" : String(e.value);
      // an empty secret map keeps the stored one
      if (v !== undefined && !(f.secret && !Object.keys(obj).length)) out[f.name] = obj;
      continue;
    }
    if (f.kind === "tags") {
      const list = Array.isArray(v) ? (v as unknown[]).map(String).filter((x) => x.trim()) : [];
      if (v !== undefined) out[f.name] = list;
      continue;
    }
    if (f.kind === "bool") {
      if (typeof v === "boolean") out[f.name] = v;
      continue;
    }
    if (blank(v)) continue;
    if (f.kind === "int" || f.kind === "num") {
      const n = typeof v === "number" ? v : Number(v);
      if (!Number.isNaN(n)) out[f.name] = f.kind === "int" ? Math.trunc(n) : n;
      continue;
    }
    out[f.name] = v;
  }
  return out;
}

/** The config field a 422 names ("config.port", "/config/port", "port"), when it is one of `fields`. */
export function fieldOfError(fields: FieldSpec[], path: unknown): string | null {
  if (typeof path !== "string" || !path) return null;
  const parts = path.split(/[./[\]]+/).filter(Boolean);
  const name = parts[0] === "config" ? parts[1] : parts[0];
  return fields.some((f) => f.name === name) ? name : null;
}
