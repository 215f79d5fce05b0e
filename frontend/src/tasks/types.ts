/** The shapes of the task inbox and task API (`/inbox`, `/tasks/{id}`, `/tasks/batch`), as the
 * contract of human steps in flows describes them; fields the server may leave out are optional. */
import type { FieldDef, FileMeta, JsonSchema, RecordRow, Text } from "../api/types";

export type InboxTab = "pending" | "done" | "initiated" | "cc";
export type TaskKind = "approval" | "handle" | "cc";
/** what a person can do on a task (POST /tasks/{id}/{action}) */
export type TaskAction = "approve" | "reject" | "return" | "transfer" | "add_signer" | "handle" | "comment" | "read";
export type FieldPermission = "editable" | "readonly" | "hidden";

/** One line of the inbox: a task, or (tab `initiated`) a run the caller started. */
export interface InboxItem {
  id: number;
  kind?: TaskKind | string;
  state?: string;
  flow?: string;
  flow_label?: Text | string | null;
  node?: string | null;
  node_label?: Text | string | null;
  app: string;
  form?: string | null;
  record?: number | null;
  title?: string | null;
  initiator?: number | null;
  initiator_name?: string | null;
  created_at?: string | null;
  due_at?: string | null;
  overdue?: boolean | null;
  minutes_left?: number | null;
  actions?: string[];
  /** tab `initiated`: the run */
  run?: number | null;
  status?: string | null;
  waiting_for?: string[];
  acted_at?: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
}

export interface InboxQuery {
  state: InboxTab;
  app?: string;
  form?: string;
  q?: string;
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

/** One entry of a run's history: who acted when, how, with which comment. */
export interface TaskHistoryEntry {
  id?: number;
  task?: number;
  node?: string | null;
  node_label?: Text | string | null;
  kind?: string | null;
  action?: string | null;
  state?: string | null;
  by?: number | null;
  by_name?: string | null;
  assignee?: number | null;
  assignee_name?: string | null;
  at?: string | null;
  acted_at?: string | null;
  created_at?: string | null;
  comment?: string | null;
  attachments?: FileMeta[] | null;
  to_name?: string | null;
  due_at?: string | null;
  minutes_left?: number | null;
  overdue?: boolean | null;
  /** comments added while the task stayed open */
  notes?: { by?: number | null; at?: string | null; comment?: string | null; attachments?: FileMeta[] | null }[];
}

/** One run of `GET /apps/{app}/forms/{form}/records/{id}/approvals`: a record's approval. */
export interface RecordApproval {
  run: number;
  flow: string;
  label?: Text | string | null;
  state: string;
  status?: string | null;
  initiator?: number | null;
  started_at?: string | null;
  ended_at?: string | null;
  history: TaskHistoryEntry[];
  waiting_for: (string | null)[];
  due_at?: string | null;
  path: string[];
  definition?: unknown;
}

export interface ReturnTarget {
  node: string;
  label?: Text | string | null;
}

/** `GET /tasks/{id}`: the task, its record as the node's permissions show it, the run's history. */
export interface TaskDetail extends Omit<InboxItem, "record"> {
  run?: number | null;
  run_id?: number | null;
  record_id?: number | null;
  assignee_id?: number | null;
  assignee_name?: string | null;
  comment?: string | null;
  record?: RecordRow | number | null;
  fields?: Record<string, FieldPermission>;
  schema?: JsonSchema | { fields?: FieldDef[] } | null;
  history?: TaskHistoryEntry[];
  returnable?: ReturnTarget[];
  required?: string[];
  /** the visible fields' definitions, for an assignee who may not read the form itself */
  field_defs?: FieldDef[];
}

/** The body of POST /tasks/{id}/{action}. */
export interface ActionBody {
  comment?: string;
  values?: Record<string, unknown>;
  attachments?: FileMeta[];
  to?: string | number;
  users?: number[];
  position?: "before" | "after";
}

/** One id's answer in POST /tasks/batch. */
export interface BatchResult {
  id: number;
  ok: boolean;
  error?: { code?: string; message?: Text | string } | null;
  state?: string | null;
}

/** A task of a run (GET /apps/{app}/flow-runs/{id} → tasks). */
export interface RunTask {
  id: number;
  node: string;
  node_label?: Text | string | null;
  kind?: string;
  state: string;
  assignee_id?: number | null;
  assignee_name?: string | null;
  created_at?: string | null;
  due_at?: string | null;
  acted_at?: string | null;
  acted_by?: number | null;
  acted_by_name?: string | null;
  comment?: string | null;
  overdue?: boolean | null;
  minutes_left?: number | null;
  round?: number | null;
  attachments?: FileMeta[] | null;
}

/** A step whose approvers the initiator picks when submitting (`GET .../records/{id}/submit`). */
export interface SubmitChoice {
  node: string;
  label: Record<string, string>;
}
