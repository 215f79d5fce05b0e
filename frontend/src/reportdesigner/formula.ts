/**
 * Formula measures: JsonLogic over the row's earlier measures by id ({"/": [{"var": "a"},
 * {"var": "b"}]}). The simple form the editor builds (a measure, an operator, a measure or a
 * number, optionally × 100), reading a formula back into it, the measures a formula names,
 * renaming one, and reading typed JSON.
 */
import type { JsonLogic } from "../api/types";

export type Operator = "+" | "-" | "*" | "/";
export const OPERATORS: Operator[] = ["+", "-", "*", "/"];

export interface SimpleFormula {
  left: string;
  op: Operator;
  /** a measure id, or a number */
  right: string | number;
  /** the result times 100 (a ratio read as a percentage figure) */
  hundred?: boolean;
}

const isVar = (v: unknown): v is { var: string } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { var?: unknown }).var === "string";

/** The JsonLogic of a simple formula. */
export function simpleFormula(f: SimpleFormula): JsonLogic {
  const right = typeof f.right === "number" ? f.right : { var: f.right };
  const core = { [f.op]: [{ var: f.left }, right] };
  return f.hundred ? { "*": [core, 100] } : core;
}

/** A formula read as the simple form, or null when it is something else. */
export function readSimple(logic: unknown): SimpleFormula | null {
  let node = logic;
  let hundred = false;
  const times = single(node);
  if (times && times[0] === "*" && times[1].length === 2 && times[1][1] === 100 && single(times[1][0])) {
    node = times[1][0];
    hundred = true;
  }
  const op = single(node);
  if (!op || !OPERATORS.includes(op[0] as Operator) || op[1].length !== 2) return null;
  const [a, b] = op[1];
  if (!isVar(a)) return null;
  if (!isVar(b) && typeof b !== "number") return null;
  const out: SimpleFormula = { left: a.var, op: op[0] as Operator, right: isVar(b) ? b.var : b };
  if (hundred) out.hundred = true;
  return out;
}

function single(v: unknown): [string, unknown[]] | null {
  if (typeof v !== "object" || v === null || Array.isArray(v) || Object.keys(v).length !== 1) return null;
  const op = Object.keys(v)[0];
  const args = (v as Record<string, unknown>)[op];
  return [op, Array.isArray(args) ? args : [args]];
}

/** The names a formula reads ({"var": name}), in order of first use. */
export function formulaVars(logic: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isVar(v)) {
      if (!out.includes(v.var)) out.push(v.var);
    } else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
  };
  walk(logic);
  return out;
}

/** `logic` with every {"var": from} reading {"var": to}. */
export function renameVars(logic: unknown, from: string, to: string): unknown {
  if (Array.isArray(logic)) return logic.map((v) => renameVars(v, from, to));
  if (isVar(logic)) return logic.var === from ? { var: to } : logic;
  if (typeof logic === "object" && logic !== null) {
    return Object.fromEntries(Object.entries(logic).map(([k, v]) => [k, renameVars(v, from, to)]));
  }
  return logic;
}

export type ParsedFormula = { logic: JsonLogic; unknown: string[] } | { error: "json" | "shape" };

/** Typed JSON as a formula over `earlier` measure ids: the rule and the names it reads that
 * are not earlier measures, or why it is not a rule (not JSON; not a JsonLogic object). */
export function parseFormula(text: string, earlier: string[]): ParsedFormula {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: "json" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length !== 1) {
    return { error: "shape" };
  }
  return { logic: value as JsonLogic, unknown: formulaVars(value).filter((v) => !earlier.includes(v)) };
}

const SIGNS: Record<string, string> = { "+": "+", "-": "−", "*": "×", "/": "÷" };
const PRECEDENCE: Record<string, number> = { "+": 1, "-": 1, "*": 2, "/": 2 };

/** A formula written out as arithmetic over the measures' names ("(推荐者 − 贬损者) ÷ 答卷数 ×
 * 100"); what is not arithmetic over measures and numbers stays JSON. */
export function formulaText(logic: unknown, name: (id: string) => string): string {
  const walk = (node: unknown, outer: number): string | null => {
    if (typeof node === "number") return String(node);
    if (isVar(node)) return name(node.var);
    const op = single(node);
    if (!op || !(op[0] in SIGNS) || op[1].length < 2) return null;
    const own = PRECEDENCE[op[0]];
    const parts = op[1].map((arg, i) => walk(arg, i === 0 ? own : own + 0.5));
    if (parts.some((p) => p === null)) return null;
    const text = parts.join(` ${SIGNS[op[0]]} `);
    return own < outer ? `(${text})` : text;
  };
  return walk(logic, 0) ?? JSON.stringify(logic);
}
