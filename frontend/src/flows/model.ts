/** A new flow's draft: its key, names, kind, form and trigger; an empty body. */
import type { Flow, FlowKind, Text } from "./types";

export const FLOW_KEY = /^[a-z][a-z0-9_]{0,40}$/;

export function blankFlow(key: string, label: Text, kind: FlowKind, form: string | undefined, trigger: string): Flow {
  const flow: Flow = { schema_version: 1, id: key, label, kind, enabled: true, trigger: { type: trigger }, steps: [] };
  if (form) flow.form = form;
  return flow;
}
