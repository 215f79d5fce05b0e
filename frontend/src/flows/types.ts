/** The shapes of flows (metadata/flow.schema.json), their node and trigger types (GET
 * /flows/types), runs, step logs and dry-run reports, as the REST API sends them. */
import type { JsonLogic, Text } from "../api/types";

export type { JsonLogic, Text };

/** One node of a flow's body: `{id, type, label?, ...config}`. */
export interface FlowNode {
  id: string;
  type: string;
  label?: Text;
  note?: string;
  [key: string]: unknown;
}

/** A branch of a `branch` (with `when`) or `parallel` node. */
export interface Branch {
  id: string;
  label?: Text;
  when?: JsonLogic;
  steps: FlowNode[];
}

export interface Trigger {
  type: string;
  [key: string]: unknown;
}

export type FlowKind = "automation" | "journey";

export interface Flow {
  schema_version: 1;
  id: string;
  label: Text;
  description?: Text;
  kind?: FlowKind;
  enabled?: boolean;
  form?: string;
  trigger: Trigger;
  condition?: JsonLogic;
  exit?: JsonLogic;
  run_as?: "trigger_user" | { user: number };
  cap?: { times: number; days: number };
  reentry?: "allow" | "one_live";
  on_failure?: "stop" | "continue";
  steps: FlowNode[];
}

export type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

export interface NodeTypeInfo {
  key: string;
  label: Text;
  category: string;
  config_schema: JsonSchema;
  /** falsy for a plain node; true or a name ("loop") for a node holding step lists */
  container: boolean | string;
  terminal: boolean;
}

export interface TriggerTypeInfo {
  key: string;
  label: Text;
  config_schema: JsonSchema;
  needs_form: boolean;
}

export interface FlowTypes {
  nodes: NodeTypeInfo[];
  triggers: TriggerTypeInfo[];
}

export interface Problem {
  pointer?: string;
  code?: string;
  message?: Text | string;
  node?: string | null;
  severity?: "error" | "warning";
}

export interface RunCounts {
  total: number;
  running: number;
  waiting: number;
  failed: number;
  done: number;
}

export interface FlowSummary {
  key: string;
  label?: Text | null;
  kind?: FlowKind;
  enabled?: boolean;
  form?: string | null;
  trigger?: Trigger | string | null;
  published_version?: number | null;
  runs?: Partial<RunCounts>;
  last_run_at?: string | null;
}

export type RunState = "running" | "waiting" | "done" | "failed" | "cancelled" | "exited";

export interface Run {
  id: number;
  flow: string;
  version?: number | null;
  form?: string | null;
  record_id?: number | null;
  record_title?: string | null;
  state: RunState;
  started_at?: string | null;
  updated_at?: string | null;
  ended_at?: string | null;
  error?: Text | string | null;
  seq?: number;
  text?: Text;
}

export interface StepLog {
  seq: number;
  node: string;
  type?: string;
  result?: string | null;
  input?: unknown;
  output?: unknown;
  error?: Text | string | null;
  at?: string | null;
  ms?: number | null;
}

export interface RunDetail extends Run {
  context?: Record<string, unknown>;
  steps: StepLog[];
  path: string[];
  definition?: Flow;
}

export interface DryRunItem {
  record_id?: number | null;
  /** whether the entry condition held (false: listed to show why not) */
  passed?: boolean;
  title?: string | null;
  at?: string | null;
  event?: string | null;
  explanation?: Text | string | null;
  clauses?: Array<Text & { value?: unknown }>;
  actions?: Array<{ node: string; type?: string; label?: Text | string | null; would?: Text | string | null }>;
}

export interface DryRunReport {
  evaluated: number;
  fired: number;
  /** fired, but held back by the frequency cap or re-entry */
  held_back?: number;
  items: DryRunItem[];
  truncated?: boolean;
}
