/**
 * A decision table as the editor holds it (metadata/decision.schema.json) and the pure edits
 * of its grid: rules added, removed and moved; input and output columns added, renamed and
 * removed (their cells with them); cells typed as DMN unary-test text ("-" or empty: any);
 * output values read by their column's type. And the server's publish problems (JSON
 * pointers such as /rules/2/when/equity) placed on the cell, rule, column or default they name.
 */
import type { Text } from "../api/types";

export type ColumnType = "number" | "text" | "date" | "bool";
export type HitPolicy = "first" | "unique" | "collect";
export type OutputValue = number | string | boolean | null;

export interface Column {
  id: string;
  label: Text;
  type: ColumnType;
  description?: Text;
}

export interface Rule {
  when?: Record<string, string | number | boolean | null>;
  then: Record<string, OutputValue>;
  note?: string;
}

export interface Decision {
  schema_version: 1;
  id: string;
  label: Text;
  description?: Text;
  hit_policy?: HitPolicy;
  inputs: Column[];
  outputs: Column[];
  rules: Rule[];
  default?: Record<string, OutputValue>;
}

export const COLUMN_TYPES = "number text date bool".split(" ") as ColumnType[];
export const HIT_POLICIES: HitPolicy[] = ["first", "unique", "collect"];

/** A new decision with one input, one output and one rule. */
export function blankDecision(id: string, label: Text): Decision {
  return {
    schema_version: 1, id, label, hit_policy: "first",
    inputs: [{ id: "input_1", label: { zh: "输入 1", en: "Input 1" }, type: "number" }],
    outputs: [{ id: "output_1", label: { zh: "输出 1", en: "Output 1" }, type: "text" }],
    rules: [{ when: {}, then: {} }],
  };
}

/** A column id not yet used in `taken`, from `base` ("input_3"). */
export function freeId(base: string, taken: string[]): string {
  for (let n = 1; ; n += 1) if (!taken.includes(`${base}_${n}`)) return `${base}_${n}`;
}

export function addRule(d: Decision, at = d.rules.length): Decision {
  const rules = [...d.rules];
  rules.splice(Math.max(0, Math.min(at, rules.length)), 0, { when: {}, then: {} });
  return { ...d, rules };
}

export function removeRule(d: Decision, index: number): Decision {
  return { ...d, rules: d.rules.filter((_, i) => i !== index) };
}

/** Rule `index` moved by `delta` places (clamped). */
export function moveRule(d: Decision, index: number, delta: number): Decision {
  const to = Math.max(0, Math.min(d.rules.length - 1, index + delta));
  if (to === index) return d;
  const rules = [...d.rules];
  const [rule] = rules.splice(index, 1);
  rules.splice(to, 0, rule);
  return { ...d, rules };
}

export function addColumn(d: Decision, part: "inputs" | "outputs", label: Text): Decision {
  const taken = [...d.inputs, ...d.outputs].map((c) => c.id);
  const col: Column = { id: freeId(part === "inputs" ? "input" : "output", taken), label, type: part === "inputs" ? "number" : "text" };
  return { ...d, [part]: [...d[part], col] };
}

/** Column `id` of `part` changed; a new id carries its cells (and default) along. */
export function updateColumn(d: Decision, part: "inputs" | "outputs", id: string, patch: Partial<Column>): Decision {
  const next = { ...d, [part]: d[part].map((c) => (c.id === id ? { ...c, ...patch } : c)) };
  const newId = patch.id;
  if (!newId || newId === id) return next;
  const key = part === "inputs" ? "when" : "then";
  const rename = <T,>(o: Record<string, T> | undefined) => {
    if (!o || !(id in o)) return o;
    const { [id]: v, ...rest } = o;
    return { ...rest, [newId]: v };
  };
  next.rules = d.rules.map((r) => ({ ...r, [key]: rename(r[key] as Record<string, unknown>) }) as Rule);
  if (part === "outputs") next.default = rename(d.default);
  return next;
}

export function removeColumn(d: Decision, part: "inputs" | "outputs", id: string): Decision {
  const key = part === "inputs" ? "when" : "then";
  const drop = <T,>(o: Record<string, T> | undefined) => {
    if (!o || !(id in o)) return o;
    const { [id]: _gone, ...rest } = o;
    return rest;
  };
  const next: Decision = {
    ...d, [part]: d[part].filter((c) => c.id !== id),
    rules: d.rules.map((r) => ({ ...r, [key]: drop(r[key] as Record<string, unknown>) ?? (key === "then" ? {} : undefined) }) as Rule),
  };
  if (part === "outputs" && d.default) next.default = drop(d.default);
  return next;
}

/** An input cell as typed: empty means any (the key is left out, as "-" would). */
export function setWhen(d: Decision, index: number, input: string, text: string): Decision {
  const rules = d.rules.map((r, i) => {
    if (i !== index) return r;
    const when = { ...(r.when ?? {}) };
    if (text.trim() === "") delete when[input];
    else when[input] = text;
    return { ...r, when };
  });
  return { ...d, rules };
}

/** What a typed output value means for a column of `type`: a number, true / false, a date or text; empty is null. */
export function readValue(text: string, type: ColumnType): OutputValue {
  const s = text.trim();
  if (s === "" || s === "null") return null;
  if (type === "number") {
    const n = Number(s.replace(/[,,\s]/g, ""));
    return Number.isFinite(n) ? n : s;
  }
  if (type === "bool") {
    if (["true", "是", "yes", "1"].includes(s.toLowerCase())) return true;
    if (["false", "否", "no", "0"].includes(s.toLowerCase())) return false;
    return s;
  }
  return type === "text" ? text.replace(/^"(.*)"$/, "$1") : s;
}

/** An output value as the grid shows it. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  return String(v);
}

export function setThen(d: Decision, index: number, output: Column, text: string): Decision {
  const value = readValue(text, output.type);
  const rules = d.rules.map((r, i) => {
    if (i !== index) return r;
    const then = { ...r.then };
    if (value === null) delete then[output.id];
    else then[output.id] = value;
    return { ...r, then };
  });
  return { ...d, rules };
}

export function setDefault(d: Decision, output: Column, text: string): Decision {
  const value = readValue(text, output.type);
  const def = { ...(d.default ?? {}) };
  if (value === null) delete def[output.id];
  else def[output.id] = value;
  return { ...d, default: Object.keys(def).length ? def : undefined };
}

export function setNote(d: Decision, index: number, note: string): Decision {
  return { ...d, rules: d.rules.map((r, i) => (i === index ? { ...r, note: note || undefined } : r)) };
}

/** One problem of a publish (or its preview), as the server reports it. */
export interface Problem {
  pointer?: string;
  code?: string;
  severity?: "error" | "warning";
  message?: Text | string;
  rules?: number[];
  field?: string;
}

/** Where a problem belongs in the grid: "rule:3:when:equity", "rule:3:then:tier", "rule:3", "default:tier",
 * "inputs:equity", "outputs:tier", or "table" (the whole table). Rule indexes are 0-based. */
export function problemPlace(p: Problem, d: Decision): string {
  const parts = (p.pointer ?? p.field ?? "").split("/").filter(Boolean).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const [head, a, b, c] = parts;
  if (head === "rules" && a !== undefined && /^\d+$/.test(a)) {
    if ((b === "when" || b === "then") && c) return `rule:${a}:${b}:${c}`;
    if (b === "note") return `rule:${a}:note`;
    return `rule:${a}`;
  }
  if (head === "default" && a) return `default:${a}`;
  if (head === "default") return "default";
  if ((head === "inputs" || head === "outputs") && a !== undefined) {
    const col = /^\d+$/.test(a) ? d[head][Number(a)] : undefined;
    return `${head}:${col?.id ?? a}`;
  }
  if (head === "rules" && p.rules?.length) return `rule:${p.rules[p.rules.length - 1] - 1}`;
  return "table";
}

/** Problems grouped by their place (problemPlace). */
export function placeProblems(problems: Problem[], d: Decision): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = problemPlace(p, d);
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}

/** The problems of rule `index` anywhere in its row (its own, and its cells'). */
export function ruleProblems(placed: Map<string, Problem[]>, index: number): Problem[] {
  const prefix = `rule:${index}`;
  return [...placed.entries()].filter(([k]) => k === prefix || k.startsWith(`${prefix}:`)).flatMap(([, v]) => v);
}
