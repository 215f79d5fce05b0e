/**
 * The record form's validator for rjsf: checks the keywords the server's field schemas use
 * (type, enum, required, lengths, pattern, bounds, items) without generating code, so it runs
 * under the strict Content-Security-Policy (no eval), with messages in the UI's language.
 * The server validates again and its answer is shown on the fields it names. A sub-table's row
 * problems go on their cells (the error schema's numbered keys), with a line naming the rows.
 */
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidationData, ValidatorType } from "@rjsf/utils";
import type { JsonSchema } from "../api/types";
import { rowsLine, type CellErrors, type Say } from "./cellErrors";

export type { Say };

const typeOk = (t: string, v: unknown): boolean => {
  switch (t) {
    case "null": return v === null;
    case "string": return typeof v === "string";
    case "number": return typeof v === "number" && Number.isFinite(v);
    case "integer": return typeof v === "number" && Number.isInteger(v);
    case "boolean": return typeof v === "boolean";
    case "array": return Array.isArray(v);
    case "object": return typeof v === "object" && v !== null && !Array.isArray(v);
    default: return true;
  }
};

const blank = (v: unknown) => v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

function patternOk(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true;
  }
}

/** Problems with one value (not `required`), as messages; with `cells`, a sub-table's row
 * problems are put there (by row and child field) instead. */
export function checkValue(schema: JsonSchema, v: unknown, say: Say, cells?: CellErrors): string[] {
  if (v === undefined) return [];
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length && !types.some((t) => typeOk(t, v))) return [say("validation.type")];
  if (v === null) return [];
  const out: string[] = [];
  const s = schema as Record<string, unknown>;
  if (Array.isArray(schema.enum) && !schema.enum.includes(v)) out.push(say("validation.enum"));
  if (typeof v === "string") {
    const len = [...v].length;
    if (typeof s.maxLength === "number" && len > s.maxLength) out.push(say("validation.maxLength", { limit: s.maxLength }));
    if (typeof s.minLength === "number" && len < s.minLength) out.push(say("validation.minLength", { limit: s.minLength }));
    if (typeof s.pattern === "string" && !patternOk(s.pattern, v)) out.push(say("validation.pattern"));
  }
  if (typeof v === "number") {
    if (typeof s.maximum === "number" && v > s.maximum) out.push(say("validation.maximum", { limit: s.maximum }));
    if (typeof s.minimum === "number" && v < s.minimum) out.push(say("validation.minimum", { limit: s.minimum }));
    if (typeof s.exclusiveMinimum === "number" && v <= s.exclusiveMinimum) out.push(say("validation.minimum", { limit: s.exclusiveMinimum }));
  }
  if (Array.isArray(v)) {
    if (typeof s.maxItems === "number" && v.length > s.maxItems) out.push(say("validation.maxItems", { limit: s.maxItems }));
    if (typeof s.minItems === "number" && v.length < s.minItems) out.push(say("validation.minItems", { limit: s.minItems }));
    const items = schema.items;
    if (items) {
      v.forEach((item, i) => {
        const problems = rowProblems(items, item, say);
        if (!problems) out.push(...checkValue(items, item, say).map((m) => `#${i + 1} ${m}`));
        else if (cells && Object.keys(problems).length) cells[i] = problems;
        else {
          for (const [key, msgs] of Object.entries(problems)) {
            for (const m of msgs) out.push(`#${i + 1} ${items.properties?.[key]?.title ?? key}: ${m}`);
          }
        }
      });
    }
  }
  return out;
}

/** A sub-table row's problems by child field (undefined when the row is not an object of fields). */
function rowProblems(items: JsonSchema, row: unknown, say: Say): Record<string, string[]> | undefined {
  if (!items.properties || typeof row !== "object" || row === null || Array.isArray(row)) return undefined;
  const out: Record<string, string[]> = {};
  const add = (key: string, msgs: string[]) => { if (msgs.length) out[key] = [...(out[key] ?? []), ...msgs]; };
  const data = row as Record<string, unknown>;
  for (const key of items.required ?? []) if (blank(data[key])) add(key, [say("validation.required")]);
  for (const [key, prop] of Object.entries(items.properties)) add(key, checkValue(prop, data[key], say));
  return out;
}

/** Every problem by field. With `cells`, sub-table row problems go there by field, row and child,
 * and their field gets one line naming the rows; without, they are field messages ("#2 时间: 必填"). */
export function validateObject(schema: JsonSchema, data: Record<string, unknown>, say: Say,
  cells?: Record<string, CellErrors>): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const add = (key: string, msgs: string[]) => { if (msgs.length) found[key] = [...(found[key] ?? []), ...msgs]; };
  for (const key of schema.required ?? []) if (blank(data[key])) add(key, [say("validation.required")]);
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.readOnly) continue;
    const rows: CellErrors = {};
    add(key, checkValue(prop, data[key], say, cells ? rows : undefined));
    if (cells && Object.keys(rows).length) {
      cells[key] = rows;
      add(key, [rowsLine(Object.keys(rows).map(Number), say)]);
    }
  }
  return found;
}

export function createValidator(say: Say): ValidatorType {
  const run = (schema: RJSFSchema, formData: unknown, cells?: Record<string, CellErrors>) =>
    validateObject(schema as JsonSchema, (formData ?? {}) as Record<string, unknown>, say, cells);
  return {
    validateFormData(formData: unknown, schema: RJSFSchema): ValidationData<unknown> {
      const cells: Record<string, CellErrors> = {};
      const found = run(schema, formData, cells);
      const errorSchema: Record<string, Record<string, unknown>> = {};
      const errors: RJSFValidationError[] = [];
      for (const [key, messages] of Object.entries(found)) {
        const node: Record<string, unknown> = { __errors: messages };
        for (const [row, children] of Object.entries(cells[key] ?? {})) {
          node[row] = Object.fromEntries(Object.entries(children).map(([child, msgs]) => {
            for (const message of msgs) errors.push({ property: `.${key}.${row}.${child}`, message, stack: `${key}[${row}].${child}: ${message}` });
            return [child, { __errors: msgs }];
          }));
        }
        errorSchema[key] = node;
        for (const message of messages) errors.push({ property: `.${key}`, message, stack: `${key}: ${message}` });
      }
      return { errors, errorSchema: errorSchema as ErrorSchema };
    },
    isValid(schema: RJSFSchema, formData: unknown): boolean {
      if (typeof formData !== "object" || formData === null || Array.isArray(formData)) {
        return checkValue(schema as JsonSchema, formData, say).length === 0;
      }
      return Object.keys(run(schema, formData)).length === 0;
    },
    rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
      const found = run(schema, formData);
      return { errors: Object.entries(found).flatMap(([k, ms]) => ms.map((m) => ({ property: k, message: m }))) as Result[] };
    },
  };
}
