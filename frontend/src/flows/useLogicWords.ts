/** A condition (JsonLogic) in words over a form's fields, with the designer's operator names:
 * "标签 包含 重点客户 并且 客户权益 大于 1000000". The operators the designer's words do not
 * cover (`contains` of a multi-select, `is_empty` / `not_empty`) are read here. */
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { FieldDef } from "../api/types";
import { OWN_NAMES } from "../conditions/operators";
import "../designer/i18n";
import { NS } from "../designer/i18n";
import { describeLogic, type LogicWords } from "../designer/model/logicText";
import { langOf } from "../i18n";
import { useLang } from "../i18n/text";
import { varLabel, varPath } from "./expr";
import { useGroupNames } from "./ExpressionInput";

type Rule = Record<string, unknown>;

const single = (v: unknown): [string, unknown[]] | null => {
  if (typeof v !== "object" || v === null || Array.isArray(v) || Object.keys(v).length !== 1) return null;
  const op = Object.keys(v)[0];
  const args = (v as Rule)[op];
  return [op, Array.isArray(args) ? args : [args]];
};
const varOf = (v: unknown): string | null => {
  const op = single(v);
  return op && op[0] === "var" && typeof op[1][0] === "string" ? op[1][0] : null;
};

/** `logic` in words (see the module docstring). */
export function wordsOf(logic: unknown, w: LogicWords & { has: string }, nested = false): string {
  const op = single(logic);
  if (op && (op[0] === "and" || op[0] === "or")) {
    const parts = op[1].map((a) => wordsOf(a, w, true));
    const text = parts.join(` ${op[0] === "and" ? w.and : w.or} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  }
  if (op && op[0] === "contains" && op[1].length === 2 && varOf(op[1][0])) {
    const field = varOf(op[1][0])!;
    return `${w.field(field)} ${w.has} ${w.value(field, op[1][1])}`;
  }
  if (op && (op[0] === "is_empty" || op[0] === "not_empty") && varOf(op[1][0])) {
    return `${w.field(varOf(op[1][0])!)} ${w.ops[op[0] === "is_empty" ? "is_empty" : "is_not_empty"]}`;
  }
  return describeLogic(logic, w, nested) ?? JSON.stringify(logic);
}

export function useLogicWords(fields: FieldDef[]): (logic: unknown) => string | null {
  const { t, i18n } = useTranslation(NS);
  const { tx } = useLang();
  const names = useGroupNames();
  return useCallback((logic: unknown) => {
    if (logic === null || logic === undefined || typeof logic === "boolean") return null;
    const byId = new Map(fields.map((f) => [f.id, f]));
    const labelled = fields.map((f) => ({ id: f.id, label: tx(f.label, f.id) }));
    return wordsOf(logic, {
      ops: t("cond.operators", { returnObjects: true }) as Record<string, string>,
      has: OWN_NAMES[langOf(i18n.language)].has_option,
      and: t("cond.and"),
      or: t("cond.or"),
      not: t("cond.not"),
      field: (id) => (id.startsWith("$") ? varLabel(id, { fields: labelled, prevKeys: [], vars: [], items: null }, names)
        : tx(byId.get(id)?.label, id)),
      choice: (id) => Boolean(byId.get(id)?.options),
      value: (id, v) => {
        const option = byId.get(id)?.options?.find((o) => o.value === v);
        if (option) return tx(option.label, option.value);
        if (typeof v === "boolean") return t(v ? "props.yes" : "props.no");
        const path = varPath(v);
        if (path !== null) return varLabel(path, { fields: labelled, prevKeys: [], vars: [], items: null }, names);
        return typeof v === "string" ? `“${v}”` : JSON.stringify(v);
      },
    });
  }, [fields, t, tx, i18n.language, names.trigger]); // the group names change with the language
}
