/**
 * Conditions evaluated in the browser (json-logic-js) for the live preview, with Trellis'
 * own operators from logic/operations.ts; and the preview's checks of required, length, range and pattern.
 */
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import type { FieldDef } from './types';
import { traitsOf } from '../../api/fieldTypes';
import { isEmpty, registerOperations } from '../../logic/operations';

registerOperations(jsonLogic);

/** Whether `rule` holds for `data`; no rule holds for everything, `otherwise` when it cannot run. */
export function holds(rule: unknown, data: Record<string, unknown>, otherwise = false): boolean {
  if (rule === null || rule === undefined) return otherwise;
  if (typeof rule === 'boolean') return rule;
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as RulesLogic, data));
  } catch {
    return otherwise;
  }
}

export interface FieldState {
  visible: boolean;
  required: boolean;
  readonly: boolean;
}

/** Each live field's visibility, requiredness and read-only state for the values `data`. */
export function fieldStates(fields: FieldDef[], data: Record<string, unknown>): Map<string, FieldState> {
  const out = new Map<string, FieldState>();
  for (const f of fields) {
    if (f.deleted) continue;
    out.set(f.id, {
      visible: !f.hidden && (f.visible_if == null ? true : holds(f.visible_if, data, true)),
      required: Boolean(f.required) || (f.required_if != null && holds(f.required_if, data)),
      readonly: Boolean(f.readonly) || traitsOf(f.type).generated || (f.readonly_if != null && holds(f.readonly_if, data)),
    });
  }
  return out;
}

export type CheckCode = 'required' | 'min' | 'max' | 'min_length' | 'max_length' | 'pattern';
export interface CheckProblem {
  code: CheckCode;
  limit?: unknown;
}

/** The first problem of `value` for visible field `f` (null when fine). */
export function checkValue(f: FieldDef, value: unknown, state: FieldState): CheckProblem | null {
  if (!state.visible) return null;
  if (isEmpty(value)) return state.required && !traitsOf(f.type).generated ? { code: 'required' } : null;
  if (typeof value === 'number') {
    if (typeof f.min === 'number' && value < f.min) return { code: 'min', limit: f.min };
    if (typeof f.max === 'number' && value > f.max) return { code: 'max', limit: f.max };
  }
  if (typeof value === 'string') {
    if (typeof f.min_length === 'number' && value.length < f.min_length) return { code: 'min_length', limit: f.min_length };
    if (typeof f.max_length === 'number' && value.length > f.max_length) return { code: 'max_length', limit: f.max_length };
    if (typeof f.pattern === 'string' && !traitsOf(f.type).generated) {
      try {
        if (!new RegExp(f.pattern).test(value)) return { code: 'pattern', limit: f.pattern };
      } catch {
        return null;
      }
    }
  }
  return null;
}
