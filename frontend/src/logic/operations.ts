/**
 * Trellis' extra JsonLogic operators, registered in one place for every evaluator in the
 * browser (record form conditions, designer preview, condition builders). Each means what
 * the server's evaluator (platform/trellis/logic/operations.py) means:
 * contains, starts_with, ends_with, is_empty, not_empty, and the date operators of
 * ./dates (now, today, date_add, date_diff, start_of), and the operators formulas compile to,
 * ./formulas (round, div, len, mid, to_text, year, make_date, coalesce, sum_of...).
 * Add new operators to `OPERATIONS`; `registerOperations` installs them all.
 */
import type jsonLogicModule from "json-logic-js";
import { DATE_OPERATIONS } from "./dates";
import { FORMULA_OPERATIONS } from "./formulas";

type JsonLogicLib = Pick<typeof jsonLogicModule, "add_operation">;
type Operation = (...args: unknown[]) => unknown;

/** Trellis `is_empty`: null, undefined, "" or []. */
export function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || ((typeof v === "string" || Array.isArray(v)) && v.length === 0);
}

/** Every Trellis extra operator by its JsonLogic name. */
export const OPERATIONS: Record<string, Operation> = {
  contains: (a, b) => (typeof a === "string" && typeof b === "string" ? a.includes(b) : Array.isArray(a) && a.includes(b)),
  starts_with: (a, b) => typeof a === "string" && typeof b === "string" && a.startsWith(b),
  ends_with: (a, b) => typeof a === "string" && typeof b === "string" && a.endsWith(b),
  is_empty: (a) => isEmpty(a),
  not_empty: (a) => !isEmpty(a),
  ...DATE_OPERATIONS,
  ...FORMULA_OPERATIONS,
};

const done = new WeakSet<object>();

/** Installs every operator of `OPERATIONS` on `jsonLogic` (once per library object). */
export function registerOperations(jsonLogic: JsonLogicLib): void {
  if (done.has(jsonLogic)) return;
  for (const [name, fn] of Object.entries(OPERATIONS)) jsonLogic.add_operation(name, fn);
  done.add(jsonLogic);
}
