/**
 * Where a publish preview's (or a save's) problems go on the canvas: a problem naming a node
 * (`node`) or pointing into one (`pointer` under `/steps/...`, the deepest node whose pointer
 * it starts with) goes on that node; the trigger, form, entry and exit conditions and options
 * go on the start card; anything else on the flow as a whole.
 */
import { walk } from "./tree";
import type { Flow, Problem, Text } from "./types";

export const START = "$start";
export const WHOLE = "$flow";
const START_KEYS = ["/trigger", "/form", "/condition", "/exit", "/run_as", "/cap", "/reentry", "/on_failure", "/enabled", "/kind"];

const under = (pointer: string, prefix: string) => pointer === prefix || pointer.startsWith(`${prefix}/`);

/** The place (a node id, START or WHOLE) of one problem. */
export function problemPlace(flow: Flow, p: Problem): string {
  const nodes = walk(flow.steps);
  if (p.node && nodes.some((n) => n.node.id === p.node)) return p.node;
  const pointer = p.pointer ?? "";
  if (START_KEYS.some((k) => under(pointer, k))) return START;
  let best: { id: string; length: number } | null = null;
  for (const n of nodes) {
    if (under(pointer, n.pointer) && (!best || n.pointer.length > best.length)) best = { id: n.node.id, length: n.pointer.length };
  }
  return best?.id ?? WHOLE;
}

/** Problems by place. */
export function placeProblems(flow: Flow, problems: Problem[]): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const at = problemPlace(flow, p);
    out.set(at, [...(out.get(at) ?? []), p]);
  }
  return out;
}

/** A problem's message in `lang`. */
export function problemText(p: Problem, lang: "zh" | "en"): string {
  const m = p.message;
  if (typeof m === "string") return m;
  const t = (m ?? {}) as Text;
  return (lang === "en" ? t.en || t.zh : t.zh || t.en) || p.code || "";
}
