/** The flows' REST calls: node and trigger types, the generic definition endpoints of the
 * `flow` kind (draft, save, publish, its preview, versions, restore), the flow list with run
 * counts, runs and their logs (cancel, retry, skip), starting a flow by hand, dry runs, and a
 * form's manual flows and a record's runs. */
import { definitionsChanged } from "../api/cache";
import { request } from "../api/client";
import type { Text } from "../api/types";
import type { DryRunReport, Flow, FlowSummary, FlowTypes, Problem, Run, RunDetail } from "./types";

const appPath = (app: string) => `/apps/${encodeURIComponent(app)}`;
const defs = (app: string) => `${appPath(app)}/definitions/flow`;
const one = (app: string, key: string) => `${defs(app)}/${encodeURIComponent(key)}`;
const flow = (app: string, key: string) => `${appPath(app)}/flows/${encodeURIComponent(key)}`;
const run = (app: string, id: number) => `${appPath(app)}/flow-runs/${id}`;

export interface VersionInfo {
  version: number;
  published_at: string;
  published_by?: number | string | null;
  note?: string | null;
}

export interface DefinitionItem {
  id: string;
  label?: Text | null;
  published_version?: number | null;
}

let types: Promise<FlowTypes> | null = null;

export const flowApi = {
  /** The node and trigger types, fetched once per session. */
  types(): Promise<FlowTypes> {
    if (!types) {
      types = request<FlowTypes>("GET", "/flows/types");
      types.catch(() => { types = null; });
    }
    return types;
  },
  /** The flows with their run counts over 30 days. */
  list: (app: string) => request<{ items: FlowSummary[] }>("GET", `${appPath(app)}/flows`).then((r) => r.items),
  definitions: (app: string) => request<{ items: DefinitionItem[] }>("GET", defs(app)).then((r) => r.items),
  draft: (app: string, key: string) => request<Flow>("GET", one(app, key)),
  save: (app: string, key: string, body: Flow) => request<Flow>("PUT", one(app, key), { body }),
  publish: (app: string, key: string, note?: string) =>
    request<{ version: number }>("POST", `${one(app, key)}/publish`, { body: note ? { note } : {} }).then((r) => {
      definitionsChanged();
      return r;
    }),
  preview: (app: string, key: string) =>
    request<{ problems: Problem[]; publishable: boolean }>("GET", `${one(app, key)}/publish/preview`),
  versions: (app: string, key: string) =>
    request<{ items: VersionInfo[] }>("GET", `${one(app, key)}/versions`).then((r) => r.items),
  version: (app: string, key: string, version: number) => request<Flow>("GET", `${one(app, key)}/versions/${version}`),
  restore: (app: string, key: string, version: number, asDraft: boolean) =>
    request<{ version: number | null; draft?: Flow }>("POST", `${one(app, key)}/versions/${version}/restore`,
      { body: { as_draft: asDraft } }),
  runs: (app: string, key: string, query: { state?: string; record?: number; limit?: number } = {}) =>
    request<{ items: Run[] }>("GET", `${flow(app, key)}/runs`, { query }).then((r) => r.items),
  run: (app: string, id: number) => request<RunDetail>("GET", run(app, id)),
  act: (app: string, id: number, action: "cancel" | "retry" | "skip") => request<Run>("POST", `${run(app, id)}/${action}`, { body: {} }),
  start: (app: string, key: string, records: number[]) =>
    request<{ runs: number[] }>("POST", `${flow(app, key)}/run`, { body: { records } }),
  dryRun: (app: string, key: string, body: { from?: string; to?: string; record?: number; draft: boolean }) =>
    request<DryRunReport>("POST", `${flow(app, key)}/dry-run`, { body }),
  manualFlows: (app: string, form: string) =>
    request<{ items: { key: string; label?: Text | null; button?: Text | null }[] }>("GET", `${appPath(app)}/forms/${encodeURIComponent(form)}/manual-flows`)
      .then((r) => r.items),
  recordRuns: (app: string, form: string, id: number) =>
    request<{ items: Run[] }>("GET", `${appPath(app)}/forms/${encodeURIComponent(form)}/records/${id}/flow-runs`).then((r) => r.items),
  templates: (app: string) =>
    request<{ items: DefinitionItem[] }>("GET", `${appPath(app)}/definitions/template`).then((r) => r.items),
  roles: (app: string) =>
    request<{ items: DefinitionItem[] }>("GET", `${appPath(app)}/definitions/role`).then((r) => r.items),
};
