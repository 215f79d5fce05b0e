/** A row scope in words: a preset as "客户经理 是当前用户", a custom rule by its comparisons with
 * field labels and the `$user` variables named ("当前用户所在部门及下级部门"); what cannot be read
 * that way stays JsonLogic text. */
import type { Scope } from "./model";

export interface ScopeTexts {
  /** a field's (or relation path's) label */
  field: (path: string) => string;
  /** a `$user` variable in words, by its name after "$user." */
  variable: (name: string) => string;
  /** a preset's sentence with {{field}} filled in */
  preset: (kind: string, field: string) => string;
  all: string;
  and: string;
  or: string;
  /** operator words: ==, !=, >, >=, <, <=, in */
  ops: Record<string, string>;
}

type Rule = Record<string, unknown>;
const isObj = (v: unknown): v is Rule => typeof v === "object" && v !== null && !Array.isArray(v);

function operand(v: unknown, w: ScopeTexts): string {
  if (isObj(v) && typeof v.var === "string") {
    return v.var.startsWith("$user.") ? w.variable(v.var.slice(6)) : w.field(v.var);
  }
  if (Array.isArray(v)) return v.map((x) => operand(x, w)).join("、");
  return JSON.stringify(v);
}

function ruleWords(rule: unknown, w: ScopeTexts, nested: boolean): string {
  if (!isObj(rule) || Object.keys(rule).length !== 1) return JSON.stringify(rule);
  const op = Object.keys(rule)[0];
  const args = rule[op];
  if ((op === "and" || op === "or") && Array.isArray(args)) {
    const text = args.map((a) => ruleWords(a, w, true)).join(` ${op === "and" ? w.and : w.or} `);
    return nested && args.length > 1 ? `(${text})` : text;
  }
  if (w.ops[op] && Array.isArray(args) && args.length === 2) return `${operand(args[0], w)} ${w.ops[op]} ${operand(args[1], w)}`;
  return JSON.stringify(rule);
}

export function scopeWords(scope: Scope, w: ScopeTexts): string {
  if (scope.kind === "all") return w.all;
  if (scope.kind === "custom") return ruleWords(scope.logic, w, false);
  return w.preset(scope.kind, w.field(scope.field));
}
