/**
 * The server's field types and their traits (GET /field-types), held for synchronous reads:
 * every decision the UI makes about a type (sortable, filterable, its condition operators,
 * edited in a cell, wide, a reference, how its numbers read...) asks `traitsOf(type)`
 * instead of keeping a list of type names. Filled once per session by `metaCache.fieldTypes()`
 * before any page renders; a type the server did not name gets `UNKNOWN_TRAITS` (read-only,
 * shown as text, not sorted or filtered).
 */
import type { FieldTraits, FieldTypeInfo, FieldTypesReply, OperatorSpec } from "./types";

export const UNKNOWN_TRAITS: FieldTraits = Object.freeze({
  sql_kind: "json", operators: [], sortable: false, filterable: false, searchable: false,
  inline_editable: false, references: null, number_format: null, export: "json", importable: false,
  import_key: false, sheet_hint: {}, sheet_example: null, aggregations: ["count"], palette_group: "advanced", palette_rank: 100,
  wide: false, groupable: false, generated: false,
}) as FieldTraits;

let types: FieldTypeInfo[] = [];
let byKey = new Map<string, FieldTypeInfo>();
let operators: Record<string, OperatorSpec> = {};

/** Take the server's answer as the known field types. */
export function setFieldTypes(reply: FieldTypesReply): void {
  types = reply.items;
  byKey = new Map(reply.items.map((t) => [t.key, t]));
  operators = reply.operators ?? {};
}

/** The traits of field type `type` (UNKNOWN_TRAITS for a name the server did not give). */
export function traitsOf(type: string): FieldTraits {
  return byKey.get(type) ?? UNKNOWN_TRAITS;
}

/**
 * The traits of field `f`: its type's, except that a computed field (one whose definition
 * carries the `value_type` of what it computes: number, text, bool, date, datetime) compares,
 * sorts and aligns as a plain type holding that kind of value does: the operators of the first
 * filterable type of that `sql_kind` that picks from no list and references nothing.
 */
export function fieldTraits(f: { type: string; value_type?: unknown }): FieldTraits {
  const own = traitsOf(f.type);
  const kind = f.value_type;
  if (typeof kind !== "string" || kind === own.sql_kind) return own;
  const like = types.find((t) => t.sql_kind === kind && t.filterable && !t.references
    && !("options" in (t.config_schema?.properties ?? {})));
  return {
    ...own,
    sql_kind: kind as FieldTraits["sql_kind"],
    operators: like?.operators ?? own.operators,
    number_format: null,
  };
}

/** Whether field type `type` is configured with key `key` (its config schema names it). */
export function takesConfig(type: string, key: string): boolean {
  return key in (byKey.get(type)?.config_schema?.properties ?? {});
}

/** Every field type the server registers, in its order. */
export function fieldTypeList(): FieldTypeInfo[] {
  return types;
}

/** The server's condition operator table (names -> JsonLogic). */
export function operatorTable(): Record<string, OperatorSpec> {
  return operators;
}
