/** The one-line summary under a node's title on the canvas, from its configuration: a
 * condition in words, a wait, a title or summary, a template (by its name), a URL, a form, whichever
 * the node has. */
import type { FlowNode, Text } from "./types";

type Tx = (text: Text | string | null | undefined, fallback?: string) => string;

const isText = (v: unknown): v is Text => typeof v === "object" && v !== null && ("zh" in v || "en" in v);

function show(v: unknown, tx: Tx): string | null {
  if (typeof v === "string" || typeof v === "number") return String(v);
  if (isText(v)) return tx(v);
  return null;
}

const isDuration = (v: unknown): v is { amount: number; unit: string } =>
  typeof v === "object" && v !== null && typeof (v as { amount?: unknown }).amount === "number";

/** The summary of `node`, or null; `describe` puts a condition in words, `unit` names a time unit. */
export function nodeSummary(node: FlowNode, describe: (logic: unknown) => string | null, tx: Tx,
  unit: (u: string) => string = (u) => u, templates?: Map<string, Text | null | undefined>): string | null {
  if (isDuration(node.for)) return `${node.for.amount} ${unit(node.for.unit)}`;
  for (const key of ["condition", "until_condition", "when"]) {
    if (node[key] != null && typeof node[key] === "object") return describe(node[key]);
  }
  for (const key of ["title", "summary", "template", "subject", "url", "name", "flow", "field", "form"]) {
    const named = key === "template" && typeof node[key] === "string" ? templates?.get(node[key] as string) : null;
    const s = named ? tx(named) : show(node[key], tx);
    if (s) return s;
  }
  return null;
}
