/** The tokens page's REST calls: the caller's own tokens, and everyone's for an administrator. */
import { request } from "../../api/client";

export interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  display?: string;
  apps: string[] | null;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  last_used_at: string | null;
  user_id?: number;
  username?: string | null;
  user_name?: string | null;
}

export const tokensApi = {
  mine: () => request<{ items: TokenRow[] }>("GET", "/tokens").then((r) => r.items),
  create: (body: { name: string; apps: string[] | null; expires_in_days?: number }) =>
    request<TokenRow & { token: string }>("POST", "/tokens", { body }),
  revoke: (id: number) => request<void>("DELETE", `/tokens/${id}`),
  all: (active?: boolean) => request<{ items: TokenRow[] }>("GET", "/admin/tokens", {
    query: { active: active === undefined ? undefined : String(active) } }).then((r) => r.items),
  revokeAny: (id: number) => request<void>("DELETE", `/admin/tokens/${id}`),
};
