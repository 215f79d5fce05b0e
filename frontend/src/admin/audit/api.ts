/** The audit page's REST calls: the filtered log (keyset pages) and verifying the hash chain. */
import { request } from "../../api/client";
import type { HistoryEntry, Text, UserItem } from "../../api/types";

export interface AuditEntry extends HistoryEntry {
  ip?: string | null;
  app?: string | null;
  /** a form id, or `kind:key` of a definition, `user`, `token` */
  target?: string | null;
  record_id?: number | null;
  form_label?: Text | null;
  user?: UserItem | null;
}

export interface AuditQuery {
  app?: string;
  form?: string;
  record_id?: number;
  user_id?: number;
  action?: string;
  since?: string;
  until?: string;
  limit?: number;
  before_id?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  next_before_id: number | null;
}

export interface ChainResult {
  ok: boolean;
  checked: number;
  last_id: number | null;
  elapsed_ms: number;
  first_broken: { id: number; reason: { code: string; zh: string; en: string }; entry?: AuditEntry | null } | null;
}

export const auditApi = {
  list: (q: AuditQuery) => request<AuditPage>("GET", "/admin/audit", { query: { ...q } }),
  verify: () => request<ChainResult>("POST", "/admin/audit/verify"),
};

/** The actions the platform writes, in the order the filter offers them. */
export const ACTIONS = [
  "create", "update", "delete", "restore", "import", "login", "login_failed", "definition.save",
  "definition.publish", "user.create", "user.update", "user.activate", "user.deactivate", "user.password_reset",
  "user.import", "token.create", "token.revoke",
];
