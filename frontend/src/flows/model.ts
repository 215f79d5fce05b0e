/** A new flow's draft (its key, names, kind, form and trigger; an empty body), and comparing
 * two versions of a flow. */
import type { Flow, FlowKind, Text } from "./types";

export const FLOW_KEY = /^[a-z][a-z0-9_]{0,40}$/;

export function blankFlow(key: string, label: Text, kind: FlowKind, form: string | undefined, trigger: string): Flow {
  const flow: Flow = { schema_version: 1, id: key, label, kind, enabled: true, trigger: { type: trigger }, steps: [] };
  if (form) flow.form = form;
  return flow;
}

/** `v` as JSON with object keys in order, so equal documents give equal text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Whether two versions of a flow differ in nothing but `enabled`. */
export function sameBesidesEnabled(a: Flow, b: Flow): boolean {
  return canonical({ ...a, enabled: undefined }) === canonical({ ...b, enabled: undefined });
}
