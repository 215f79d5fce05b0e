/**
 * A form's fields as condition-builder fields, decided by each type's traits alone (GET
 * /field-types: `operators`, `sql_kind`, `references`, `number_format`, `filterable`): which
 * operators it offers, which value input (text, number, date, yes/no, a list of options,
 * departments, or users / records searched as typed). A filter (`purpose: "filter"`) offers
 * only fields the server filters on; a field condition any field with operators. Operators
 * that pick from a list are left out when there is no list to pick from.
 */
import type { Field, Fields } from "@react-awesome-query-builder/antd";
import { fieldTraits, operatorTable } from "../api/fieldTypes";
import type { Department, FieldDef, FieldTraits } from "../api/types";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import type { NumberKind } from "../querybuilder/numberText";
import { picksFromList } from "./operators";

export type Purpose = "filter" | "condition";
type Choice = { value: string | number; title: string };
export type Search = (field: FieldDef, q: string) => Promise<Choice[]>;

/** Where listed values come from: the department tree, and a search of users / records. */
export interface Lookups {
  departments?: Department[];
  search?: Search;
}

/** The value input of a field holding `sql_kind` values. */
const BUILDER_TYPES: Record<string, string> = { text: "text", number: "number", bool: "boolean", date: "date",
  datetime: "datetime" };
const NUMBER_KINDS: Record<string, NumberKind> = { amount: "money", percent: "percent" };

function departmentValues(tree: Department[], lang: Lang): Choice[] {
  const out: Choice[] = [];
  const walk = (items: Department[], depth: number) => items.forEach((d) => {
    out.push({ value: d.id, title: `${"  ".repeat(depth)}${(lang === "en" && d.name_en) || d.name}` });
    walk(d.children ?? [], depth + 1);
  });
  walk(tree, 0);
  return out;
}

/** The list a field's values are picked from: settings of the builder's select input, or null. */
function listSettings(f: FieldDef, t: FieldTraits, lang: Lang, lookups: Lookups): Field["fieldSettings"] | null {
  if (t.references === "department") {
    return lookups.departments ? { listValues: departmentValues(lookups.departments, lang) } : null;
  }
  if (t.references) {
    const search = lookups.search;
    if (!search) return null;
    return {
      useAsyncSearch: true,
      forceAsyncSearch: false,
      asyncFetch: async (q: string | Array<string | number> | null) => ({
        values: await search(f, typeof q === "string" ? q : ""), hasMore: false,
      }),
    };
  }
  if (!f.options) return null;
  return { listValues: f.options.map((o) => ({ value: o.value, title: textOf(o.label, lang, o.value) })) };
}

/** The builder field for form field `f`, or null when it cannot be tested this way. */
export function conditionField(f: FieldDef, lang: Lang, purpose: Purpose, lookups: Lookups = {}): Field | null {
  const t = fieldTraits(f);
  if (purpose === "filter" && !t.filterable) return null;
  const table = operatorTable();
  const label = textOf(f.label, lang, f.id);
  const list = t.operators.some((op) => picksFromList(op, table)) ? listSettings(f, t, lang, lookups) : null;
  const operators = t.operators.filter((op) => table[op] && (list || !picksFromList(op, table)));
  if (!operators.length) return null;
  if (list) return { label, type: "select", operators, valueSources: ["value"], fieldSettings: list };
  const type = BUILDER_TYPES[t.sql_kind] ?? "text";
  if (type === "number") {
    // how the number input reads what is typed ("80%" for a percent, "100万元" for an amount)
    const numberKind = NUMBER_KINDS[t.number_format ?? ""] ?? "number";
    return { label, type, operators, valueSources: ["value"], fieldSettings: { numberKind } as Field["fieldSettings"] };
  }
  return { label, type, operators, valueSources: ["value"] };
}

/** The builder fields of `fields`: live ones, other than `self`, that can be tested. */
export function conditionFields(fields: FieldDef[], lang: Lang, purpose: Purpose, lookups: Lookups = {},
  self?: string): Fields {
  const out: Fields = {};
  for (const f of fields) {
    if (f.deleted || f.id === self) continue;
    const conf = conditionField(f, lang, purpose, lookups);
    if (conf) out[f.id] = conf;
  }
  return out;
}
