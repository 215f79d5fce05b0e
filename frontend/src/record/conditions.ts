/**
 * Field conditions (`visible_if`, `required_if`, `readonly_if`): JsonLogic evaluated with
 * json-logic-js against the form's current data, with Trellis' extra operators from
 * logic/operations.ts.
 */
import jsonLogic from "json-logic-js";
import type { FieldDef, FormDef, JsonLogic } from "../api/types";
import { traitsOf } from "../api/fieldTypes";
import { registerOperations } from "../logic/operations";

registerOperations(jsonLogic);

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
    readonly: Boolean(f.readonly) || traitsOf(f.type).generated || holds(f.readonly_if, scope, false),
  };
}
