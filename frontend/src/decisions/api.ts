/** The decision tables' REST calls: the generic definition endpoints of the `decision` kind
 * (list, draft, save, publish, its preview, versions) and evaluating a published table. */
import { definitionsChanged } from "../api/cache";
import { request } from "../api/client";
import type { Text } from "../api/types";
import type { Decision, Problem } from "./model";

const base = (app: string) => `/apps/${encodeURIComponent(app)}/definitions/decision`;
const one = (app: string, key: string) => `${base(app)}/${encodeURIComponent(key)}`;

export interface DecisionSummary {
  id: string;
  label?: Text | null;
  published_version?: number | null;
  draft_updated_at?: string;
}

export interface Evaluation {
  outputs: Record<string, unknown> | Record<string, unknown>[];
  rule: number | null;
  rules?: number[];
  version?: number;
}

export const decisionApi = {
  list: (app: string) => request<{ items: DecisionSummary[] }>("GET", base(app)).then((r) => r.items),
  draft: (app: string, key: string) => request<Decision>("GET", one(app, key)),
  save: (app: string, key: string, body: Decision) => request<Decision>("PUT", one(app, key), { body }),
  publish: (app: string, key: string, note?: string) =>
    request<{ version: number }>("POST", `${one(app, key)}/publish`, { body: note ? { note } : {} }).then((r) => {
      definitionsChanged();
      return r;
    }),
  preview: (app: string, key: string) =>
    request<{ problems: Problem[]; publishable: boolean }>("GET", `${one(app, key)}/publish/preview`),
  evaluate: (app: string, key: string, inputs: Record<string, unknown>) =>
    request<Evaluation>("POST", `/apps/${encodeURIComponent(app)}/decisions/${encodeURIComponent(key)}/evaluate`,
      { body: { inputs } }),
};
