/**
 * The query builder's configuration for a form: its filterable fields with their types
 * and option lists, only the operators the server compiles to SQL, values kept as the API
 * writes them (dates as "YYYY-MM-DD" strings), numbers typed as people write them ("100万",
 * "1,000,000": querybuilder/NumberTextWidget.tsx), every text in the current language (the
 * builder's own words from querybuilder/locale.ts).
 */
import type { Config, Field, Fields, NumberWidgetProps, Operator } from "@react-awesome-query-builder/antd";
import { createElement } from "react";
import type { Department, FieldDef, FormDef } from "../api/types";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { localizeBuilder } from "../querybuilder/locale";
import NumberTextWidget from "../querybuilder/NumberTextWidget";
import type { NumberKind } from "../querybuilder/numberText";

type Search = (fieldDef: FieldDef, q: string) => Promise<{ value: number; title: string }[]>;

const TEXTISH = new Set(["text", "long_text", "email", "mobile", "url", "auto_number"]);
const NUMERIC = new Set(["integer", "decimal", "money", "percent"]);
const UNFILTERABLE = new Set(["sub_table", "attachment", "json"]);

/** The filter's own operator (a multi-select has an option); the others keep the builder's names. */
const OWN_OPS: Record<Lang, Record<string, string>> = { zh: { has_option: "包含" }, en: { has_option: "has" } };

const TEXT_OPS = ["like", "not_like", "equal", "not_equal", "starts_with", "ends_with", "is_empty", "is_not_empty"];
const NUMBER_OPS = ["equal", "not_equal", "less", "less_or_equal", "greater", "greater_or_equal", "between", "is_empty", "is_not_empty"];
const SELECT_OPS = ["select_equals", "select_not_equals", "select_any_in", "select_not_any_in", "is_empty", "is_not_empty"];
const ID_OPS = ["select_equals", "select_not_equals", "select_any_in", "select_not_any_in", "is_empty", "is_not_empty"];

function departmentValues(tree: Department[], lang: Lang): { value: number; title: string }[] {
  const out: { value: number; title: string }[] = [];
  const walk = (items: Department[], depth: number) => items.forEach((d) => {
    out.push({ value: d.id, title: `${"  ".repeat(depth)}${(lang === "en" && d.name_en) || d.name}` });
    walk(d.children ?? [], depth + 1);
  });
  walk(tree, 0);
  return out;
}

function fieldConfig(f: FieldDef, lang: Lang, departments: Department[], search?: Search): Field | null {
  const label = textOf(f.label, lang, f.id);
  if (UNFILTERABLE.has(f.type)) return null;
  if (TEXTISH.has(f.type)) return { label, type: "text", operators: TEXT_OPS, valueSources: ["value"] };
  if (NUMERIC.has(f.type)) {
    // how the number input reads what is typed ("80%" for a percent, "100万元" for money)
    const numberKind: NumberKind = f.type === "percent" ? "percent" : f.type === "money" ? "money" : "number";
    return { label, type: "number", operators: NUMBER_OPS, valueSources: ["value"],
      fieldSettings: { numberKind } as Field["fieldSettings"] };
  }
  if (f.type === "boolean") return { label, type: "boolean", valueSources: ["value"] };
  if (f.type === "date" || f.type === "datetime") {
    return { label, type: f.type, operators: NUMBER_OPS, valueSources: ["value"] };
  }
  const options = (f.options ?? []).map((o) => ({ value: o.value, title: textOf(o.label, lang, o.value) }));
  if (f.type === "single_select") {
    return { label, type: "select", operators: SELECT_OPS, valueSources: ["value"], fieldSettings: { listValues: options } };
  }
  if (f.type === "multi_select") {
    return { label, type: "select", operators: ["has_option", "is_empty", "is_not_empty"],
      valueSources: ["value"], fieldSettings: { listValues: options } };
  }
  if (f.type === "department") {
    return { label, type: "select", operators: ID_OPS, valueSources: ["value"],
      fieldSettings: { listValues: departmentValues(departments, lang) } };
  }
  if ((f.type === "user" || f.type === "relation") && search) {
    return {
      label, type: "select", operators: ID_OPS, valueSources: ["value"],
      fieldSettings: {
        useAsyncSearch: true,
        forceAsyncSearch: false,
        asyncFetch: async (q: string | Array<string | number> | null) => ({
          values: await search(f, typeof q === "string" ? q : ""), hasMore: false,
        }),
      },
    };
  }
  return { label, type: "number", operators: ["equal", "not_equal", "is_empty", "is_not_empty"], valueSources: ["value"] };
}

/** A copy of `base` (the antd or core config) set up for `def`. */
export function buildFilterConfig(base: Config, def: FormDef, lang: Lang, departments: Department[] = [], search?: Search): Config {
  const fields: Fields = {};
  for (const f of def.fields) {
    const cfg = fieldConfig(f, lang, departments, search);
    if (cfg) fields[f.id] = cfg;
  }
  const operators: Record<string, Operator> = { ...base.operators };
  operators.starts_with = { ...operators.starts_with, jsonLogic: "starts_with" };
  operators.ends_with = { ...operators.ends_with, jsonLogic: "ends_with" };
  operators.is_empty = { ...operators.is_empty, jsonLogic: "is_empty" };
  operators.is_not_empty = { ...operators.is_not_empty, jsonLogic: "not_empty" };
  operators.has_option = { label: "has", labelForFormat: "HAS", cardinality: 1, jsonLogic: "contains", valueSources: ["value"] };

  const keepString = { jsonLogic: (val: unknown) => val, jsonLogicImport: (val: unknown) => val };
  const widgets = {
    ...base.widgets,
    number: { ...base.widgets.number, factory: (props: NumberWidgetProps) => createElement(NumberTextWidget, props) },
    date: { ...base.widgets.date, ...keepString, valueFormat: "YYYY-MM-DD", dateFormat: "YYYY-MM-DD" },
    datetime: { ...base.widgets.datetime, ...keepString, valueFormat: "YYYY-MM-DDTHH:mm:ss", dateFormat: "YYYY-MM-DD" },
  } as Config["widgets"];
  const types = { ...base.types };
  types.select = {
    ...types.select,
    widgets: {
      ...types.select.widgets,
      select: { ...types.select.widgets.select, operators: [...SELECT_OPS, "has_option"] },
    },
  };

  return localizeBuilder({
    ...base,
    operators,
    widgets,
    types,
    fields,
    settings: {
      ...base.settings,
      showNot: false,
      canLeaveEmptyGroup: true,
      maxNesting: 3,
      removeRuleConfirmOptions: undefined,
      removeGroupConfirmOptions: undefined,
    },
  }, lang, { operators: OWN_OPS[lang] });
}
