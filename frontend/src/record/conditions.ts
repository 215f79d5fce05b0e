/**
 * Field conditions (`visible_if`, `required_if`, `readonly_if`): JsonLogic evaluated with
 * json-logic-js against the form's current data, with Trellis' extra operators defined as
 * the server defines them (contains, starts_with, ends_with, is_empty, not_empty).
 */
import jsonLogic from "json-logic-js";
import type { FieldDef, FormDef, JsonLogic } from "../api/types";

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || ((typeof v === "string" || Array.isArray(v)) && v.length === 0);
}

jsonLogic.add_operation("contains", (a: unknown, b: unknown) =>
  (typeof a === "string" && typeof b === "string") ? a.includes(b) : Array.isArray(a) ? a.includes(b) : false);
jsonLogic.add_operation("starts_with", (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.startsWith(b));
jsonLogic.add_operation("ends_with", (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.endsWith(b));
jsonLogic.add_operation("is_empty", (a: unknown) => isEmpty(a));
jsonLogic.add_operation("not_empty", (a: unknown) => !isEmpty(a));

/** The rule's truthiness for `data`; no rule means `fallback`; a rule that fails to run is false. */
export function holds(rule: JsonLogic | undefined, data: Record<string, unknown>, fallback: boolean): boolean {
  if (rule === undefined || rule === null) return fallback;
  if (typeof rule === "boolean") return rule;
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, data));
  } catch {
    return false;
  }
}

export interface FieldState {
  visible: boolean;
  required: boolean;
  readonly: boolean;
}

/** Visibility, requiredness and read-only state of every field for the current data. */
export function fieldStates(def: FormDef, data: Record<string, unknown>): Map<string, FieldState> {
  const scope: Record<string, unknown> = {};
  for (const f of def.fields) scope[f.id] = data[f.id] ?? null;
  const out = new Map<string, FieldState>();
  for (const f of def.fields) out.set(f.id, stateOf(f, scope));
  return out;
}

function stateOf(f: FieldDef, scope: Record<string, unknown>): FieldState {
  return {
    visible: !f.hidden && holds(f.visible_if, scope, true),
    required: Boolean(f.required) || holds(f.required_if, scope, false),
    readonly: Boolean(f.readonly) || f.type === "auto_number" || holds(f.readonly_if, scope, false),
  };
}
