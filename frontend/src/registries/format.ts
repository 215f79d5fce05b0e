/** Plain-text display of field values (cells, descriptions, history, CSV export). */
import type { FieldDef, Text } from "../api/types";
import { textOf } from "../i18n/text";
import { isEmpty } from "../logic/operations";
import type { Lang } from "../i18n";
import { departmentOf, idOf, isExpanded, recordTitle, userOf } from "./entities";

const locale = (lang: Lang) => (lang === "en" ? "en-US" : "zh-CN");

export function fieldLabel(field: FieldDef, lang: Lang): string {
  return textOf(field.label, lang, field.id);
}

export function optionOf(field: FieldDef, value: unknown) {
  return (field.options ?? []).find((o) => o.value === value);
}

export function optionLabel(field: FieldDef, value: unknown, lang: Lang): string {
  const opt = optionOf(field, value);
  return opt ? textOf(opt.label as Text | undefined, lang, opt.value) : String(value);
}

export function formatNumber(field: FieldDef, value: unknown, lang: Lang): string {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n)) return String(value ?? "");
  if (field.type === "integer") return n.toLocaleString(locale(lang));
  if (field.type === "percent") {
    const digits = field.precision ?? 2;
    return `${(n * 100).toLocaleString(locale(lang), { minimumFractionDigits: 0, maximumFractionDigits: digits })}%`;
  }
  const digits = field.precision ?? 2;
  if (field.type === "money") {
    try {
      return n.toLocaleString(locale(lang), {
        style: "currency", currency: field.currency || "CNY", currencyDisplay: "narrowSymbol", minimumFractionDigits: digits, maximumFractionDigits: digits,
      });
    } catch {
      return n.toFixed(digits);
    }
  }
  return n.toLocaleString(locale(lang), { maximumFractionDigits: digits });
}

export function formatDateTime(value: unknown): string {
  const s = String(value ?? "");
  return s.length >= 16 ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : s;
}

export function userLabel(value: unknown): string {
  const id = idOf(value);
  if (id == null) return "";
  const fromValue = isExpanded(value) ? value.title || value.username : undefined;
  const known = userOf(id);
  return fromValue || known?.title || known?.username || `#${id}`;
}

export function departmentLabel(value: unknown, lang: Lang): string {
  const id = idOf(value);
  if (id == null) return "";
  const dept = departmentOf(id);
  if (dept) return (lang === "en" && dept.name_en) || dept.name;
  return (isExpanded(value) && value.title) || `#${id}`;
}

export function relationLabel(field: FieldDef, value: unknown): string {
  const id = idOf(value);
  if (id == null) return "";
  if (isExpanded(value) && value.title != null && value.title !== "") return String(value.title);
  return (field.target && recordTitle(field.target, id)) || `#${id}`;
}

export const isEmptyValue: (value: unknown) => boolean = isEmpty;  // what the rules' is_empty says

/** A computed field's value (formula, lookup, rollup) as text, by the `value_type` it computes. */
export function computedText(field: FieldDef, value: unknown, lang: Lang): string {
  if (isEmptyValue(value)) return "";
  if (optionOf(field, value)) return optionLabel(field, value, lang); // a formula's values named
  switch (field.value_type) {
    case "number": {
      const n = typeof value === "number" ? value : Number(value);
      if (!Number.isFinite(n)) return String(value);
      return n.toLocaleString(locale(lang), { maximumFractionDigits: field.precision ?? 2 });
    }
    case "bool":
      return value ? (lang === "en" ? "Yes" : "是") : (lang === "en" ? "No" : "否");
    case "datetime":
      return formatDateTime(value);
    case "date":
      return String(value).slice(0, 10);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

/** A value as one line of text, in the given language. */
export function displayText(field: FieldDef, value: unknown, lang: Lang): string {
  if (isEmptyValue(value)) return "";
  switch (field.type) {
    case "boolean":
      return value ? (lang === "en" ? "Yes" : "是") : (lang === "en" ? "No" : "否");
    case "integer": case "decimal": case "money": case "percent":
      return formatNumber(field, value, lang);
    case "datetime":
      return formatDateTime(value);
    case "single_select":
      return optionLabel(field, value, lang);
    case "multi_select":
      return (Array.isArray(value) ? value : [value]).map((v) => optionLabel(field, v, lang)).join(lang === "en" ? ", " : "、");
    case "user":
      return userLabel(value);
    case "department":
      return departmentLabel(value, lang);
    case "relation":
      return relationLabel(field, value);
    case "attachment":
      return (Array.isArray(value) ? value : []).map((f) => (f as { name?: string }).name ?? "").join(", ");
    case "sub_table": {
      const n = Array.isArray(value) ? value.length : 0;
      return lang === "en" ? `${n} rows` : `${n} 行`;
    }
    case "json":
      return JSON.stringify(value);
    case "formula": case "lookup": case "rollup":
      return computedText(field, value, lang);
    default:
      return String(value);
  }
}

/** The record count: "共 2,000 条" / "约 37.5 万条" (estimated) / "about 375k records". */
export function countText(n: number, exact: boolean, lang: Lang): string {
  const trim = (x: number) => (Math.round(x * 10) / 10).toString();
  if (lang === "zh") {
    if (exact) return `共 ${n.toLocaleString("zh-CN")} 条`;
    if (n >= 1e8) return `约 ${trim(n / 1e8)} 亿条`;
    if (n >= 1e4) return `约 ${trim(n / 1e4)} 万条`;
    return `约 ${n} 条`;
  }
  if (exact) return `${n.toLocaleString("en-US")} ${n === 1 ? "record" : "records"}`;
  if (n >= 1e9) return `about ${trim(n / 1e9)}B records`;
  if (n >= 1e6) return `about ${trim(n / 1e6)}M records`;
  if (n >= 1e3) return `about ${trim(n / 1e3)}k records`;
  return `about ${n} records`;
}
