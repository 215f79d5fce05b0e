/**
 * Computed fields on the record form. A formula field's definition carries its compiled
 * JsonLogic (`logic`): it is evaluated with json-logic-js (Trellis' operators from
 * logic/operations.ts) over the form's current values, sub-table rows included, so its value
 * follows what the user types; formulas reading other formulas settle in a few passes; one
 * the browser cannot run keeps the value the server gave. A
 * lookup (`via` a relation field, showing a `field` of the related record) is refreshed
 * from the related record when the relation changes.
 */
import jsonLogic from "json-logic-js";
import type { FieldDef, FormDef } from "../api/types";
import { registerOperations } from "../logic/operations";

registerOperations(jsonLogic);

type Data = Record<string, unknown>;

/** The fields of `def` computed in the browser by a compiled formula. */
export function formulaFields(def: FormDef): FieldDef[] {
  return def.fields.filter((f) => !f.deleted && f.logic !== undefined && f.logic !== null);
}

/** What `evaluateFormula` answers when the browser cannot run a formula (an operator it does not know). */
export const CANNOT = Symbol("cannot compute");

/** One formula's value for `scope` (null for a number that is not finite); CANNOT when it does not run. */
export function evaluateFormula(logic: unknown, scope: Data): unknown {
  try {
    const value = jsonLogic.apply(logic as jsonLogic.RulesLogic, scope);
    if (typeof value === "number" && !Number.isFinite(value)) return null;
    return value === undefined ? null : value;
  } catch {
    return CANNOT;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * `data` with every formula field's value recomputed; the same object when nothing changed
 * (so React sees no change).
 */
export function applyFormulas(def: FormDef, data: Data): Data {
  const formulas = formulaFields(def);
  if (!formulas.length) return data;
  const scope: Data = {};
  for (const f of def.fields) scope[f.id] = data[f.id] ?? null;
  let changed = false;
  for (let pass = 0; pass <= formulas.length; pass += 1) {
    let moved = false;
    for (const f of formulas) {
      const value = evaluateFormula(f.logic, scope);
      if (value === CANNOT) continue; // the stored value stands
      if (!same(value, scope[f.id])) {
        scope[f.id] = value;
        moved = true;
      }
    }
    if (!moved) break;
    changed = true;
  }
  if (!changed && formulas.every((f) => same(scope[f.id], data[f.id]))) return data;
  const out = { ...data };
  for (const f of formulas) {
    if (scope[f.id] === null) delete out[f.id];
    else out[f.id] = scope[f.id];
  }
  return out;
}

/** A lookup field's relation field and the field of the related record it shows. */
export interface LookupSpec {
  field: FieldDef;
  via: FieldDef;
  source: string;
}

/** The lookups of `def` whose relation field is on the form (each with that field). */
export function lookupSpecs(def: FormDef): LookupSpec[] {
  const byId = new Map(def.fields.map((f) => [f.id, f]));
  const out: LookupSpec[] = [];
  for (const f of def.fields) {
    if (f.deleted || typeof f.via !== "string" || typeof f.field !== "string") continue;
    const via = byId.get(f.via);
    if (via?.target) out.push({ field: f, via, source: f.field });
  }
  return out;
}
