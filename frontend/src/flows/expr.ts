/**
 * Values that are JsonLogic expressions (a create / update node's `values`, a variable's value):
 * what the variable picker offers and how a chosen variable reads. Variables are
 * `{"var": "$trigger.<field>"}` (the record that started the run, as it was then),
 * `{"var": "<field>"}` (the run's record now), `{"var": "$prev.<key>"}` (the previous step's
 * result), `{"var": "$vars.<name>"}` (a set-variable node's) and `{"var": "$item.<field>"}`
 * (the current item of a for-each).
 */
import { findNode, walk } from "./tree";
import type { Flow, FlowNode } from "./types";

export interface Named {
  id: string;
  label: string;
}

/** What the picker can offer at one node. */
export interface VarSources {
  fields: Named[];
  prevKeys: Named[];
  vars: string[];
  /** fields of a for-each's items, or null outside a for-each */
  items: Named[] | null;
}

/** Group names, in the UI's language. */
export interface GroupNames {
  trigger: string;
  current: string;
  prev: string;
  vars: string;
  item: string;
}

export interface VarGroup {
  key: keyof GroupNames;
  label: string;
  options: { value: string; label: string }[];
}

export type ExprMode = "empty" | "var" | "literal" | "logic";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The variable path of `{"var": path}` (or `{"var": [path, default]}`), else null. */
export function varPath(value: unknown): string | null {
  if (!isObj(value) || Object.keys(value).length !== 1 || !("var" in value)) return null;
  const v = value.var;
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return null;
}

export function exprMode(value: unknown): ExprMode {
  if (value === undefined || value === null || value === "") return "empty";
  if (varPath(value) !== null) return "var";
  if (isObj(value) || Array.isArray(value)) return "logic";
  return "literal";
}

/** The picker's groups (empty groups left out). */
export function variableGroups(src: VarSources, names: GroupNames): VarGroup[] {
  const groups: VarGroup[] = [
    { key: "trigger", label: names.trigger,
      options: src.fields.map((f) => ({ value: `$trigger.${f.id}`, label: `${names.trigger}.${f.label}` })) },
    { key: "current", label: names.current,
      options: src.fields.map((f) => ({ value: f.id, label: `${names.current}.${f.label}` })) },
    { key: "prev", label: names.prev,
      options: src.prevKeys.map((k) => ({ value: `$prev.${k.id}`, label: `${names.prev}.${k.label}` })) },
    { key: "vars", label: names.vars, options: src.vars.map((v) => ({ value: `$vars.${v}`, label: `${names.vars}.${v}` })) },
    { key: "item", label: names.item, options: src.items === null ? []
      : [{ value: "$item", label: names.item }, ...src.items.map((f) => ({ value: `$item.${f.id}`, label: `${names.item}.${f.label}` }))] },
  ];
  return groups.filter((g) => g.options.length > 0);
}

/** How a variable path reads: `触发记录.客户名称`, `上一步.结果`, `变量.total`. */
export function varLabel(path: string, src: VarSources, names: GroupNames): string {
  const field = (id: string, list: Named[] | null) => list?.find((f) => f.id === id)?.label ?? id;
  const [head, ...rest] = path.split(".");
  const tail = rest.join(".");
  switch (head) {
    case "$trigger": return `${names.trigger}.${field(tail, src.fields)}`;
    case "$prev": return `${names.prev}.${field(tail, src.prevKeys)}`;
    case "$vars": return `${names.vars}.${tail}`;
    case "$item": return tail ? `${names.item}.${field(tail, src.items)}` : names.item;
    default: return `${names.current}.${field(path, src.fields)}`;
  }
}

/** The variable names the flow's nodes set: a set-variable's `name` (or the keys of its `values` /
 * `vars`), a query's `into`. */
export function flowVariables(flow: Flow): string[] {
  const out = new Set<string>();
  for (const { node } of walk(flow.steps)) {
    if (typeof node.into === "string" && node.into) out.add(node.into);
    if (node.type !== "set_variable") continue;
    if (typeof node.name === "string" && node.name) out.add(node.name);
    for (const key of ["values", "vars", "variables"]) {
      const map = node[key];
      if (isObj(map)) Object.keys(map).forEach((k) => out.add(k));
    }
  }
  return [...out].sort();
}

/** The innermost for-each node holding `nodeId`, else null. */
export function enclosingForEach(flow: Flow, nodeId: string): FlowNode | null {
  const at = findNode(flow, nodeId);
  if (!at) return null;
  let best: { node: FlowNode; length: number } | null = null;
  for (const p of walk(flow.steps)) {
    if (p.node.type === "for_each" && at.pointer.startsWith(`${p.pointer}/`) && (!best || p.pointer.length > best.length)) {
      best = { node: p.node, length: p.pointer.length };
    }
  }
  return best?.node ?? null;
}

/** Read a literal as typed: a number when the schema wants one and it parses, else the text. */
export function literalOf(text: string, wantsNumber: boolean): unknown {
  if (wantsNumber && text.trim() !== "" && Number.isFinite(Number(text))) return Number(text);
  if (text === "true" && !wantsNumber) return text;
  return text;
}
