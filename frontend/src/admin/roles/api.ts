/** The role editor's REST calls: the role list's summaries, a role's draft, publishing and
 * versions (the definitions API), deleting a role, and viewing a form as a role would. */
import { definitionsChanged } from "../../api/cache";
import { request } from "../../api/client";
import type { Action, RecordRow, Text } from "../../api/types";
import type { RoleJson } from "./model";

const app$ = (app: string) => `/apps/${encodeURIComponent(app)}`;
const def = (app: string, role: string) => `${app$(app)}/definitions/role/${encodeURIComponent(role)}`;

export interface RoleSummary {
  id: string;
  label?: Text | null;
  description?: Text | null;
  published_version: number | null;
  members: number;
  forms: string[];
  all_forms: boolean;
}

export interface RoleVersion {
  version: number;
  published_at: string;
  published_by?: number | null;
  note?: string | null;
}

export interface PreviewField {
  id: string;
  label: Text;
  type?: string | null;
}

export interface RolePreview {
  role: string;
  form: string;
  draft: boolean;
  user: { id: number; username: string };
  actions: Action[];
  count: number;
  items: RecordRow[];
  columns: PreviewField[];
  hidden: PreviewField[];
  readonly: PreviewField[];
}

const changed = <T>(result: T): T => {
  definitionsChanged();
  return result;
};

export const roleApi = {
  summaries: (app: string) =>
    request<{ items: RoleSummary[] }>("GET", `${app$(app)}/role-summaries`).then((r) => r.items),
  draft: (app: string, role: string) => request<RoleJson>("GET", def(app, role)),
  published: (app: string, role: string, version: number) => request<RoleJson>("GET", `${def(app, role)}/versions/${version}`),
  save: (app: string, role: string, body: RoleJson) => request<RoleJson>("PUT", def(app, role), { body }),
  publish: (app: string, role: string) =>
    request<{ version: number }>("POST", `${def(app, role)}/publish`, { body: {} }).then(changed),
  versions: (app: string, role: string) =>
    request<{ items: RoleVersion[] }>("GET", `${def(app, role)}/versions`).then((r) => r.items),
  restore: (app: string, role: string, version: number, asDraft: boolean) =>
    request<{ version: number | null; draft?: RoleJson }>("POST", `${def(app, role)}/versions/${version}/restore`,
      { body: { as_draft: asDraft } }).then(changed),
  remove: (app: string, role: string) =>
    request<void>("DELETE", `${app$(app)}/roles/${encodeURIComponent(role)}`).then(changed),
  preview: (app: string, role: string, form: string, userId: number, draft: boolean) =>
    request<RolePreview>("GET", `${app$(app)}/roles/${encodeURIComponent(role)}/preview/${encodeURIComponent(form)}`,
      { query: { user_id: String(userId), draft: draft ? "true" : "false" } }),
};
