/**
 * The names a human step's settings are read with: the app's roles (fetched once per app),
 * the flow form's fields, members by username or id (looked up through the user search and
 * kept for the session). `useHumanWords` gives the canvas's and panel's `HumanWords`.
 */
import { useEffect, useMemo, useState } from "react";
import { api } from "../api/client";
import type { FieldDef, Text, UserItem } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { rememberUser, userOf } from "../registries/entities";
import { flowApi, type DefinitionItem } from "./api";
import { isSource } from "./approvers";
import type { HumanWords } from "./humanSummary";
import { useFlowText } from "./i18n";
import { walk } from "./tree";
import type { Flow } from "./types";

const roleLists = new Map<string, Promise<DefinitionItem[]>>();

/** The app's roles (an empty list when they cannot be read). */
export function appRoles(app: string): Promise<DefinitionItem[]> {
  let found = roleLists.get(app);
  if (!found) {
    found = flowApi.roles(app).catch(() => { roleLists.delete(app); return []; });
    roleLists.set(app, found);
  }
  return found;
}

export function useRoles(app: string): DefinitionItem[] {
  return useAsync(() => appRoles(app), [app]).data ?? [];
}

const byName = new Map<string, UserItem>();
const asked = new Set<string>();

/** Keep a member met in a search (by id and by username). */
export function rememberMember(user: UserItem): void {
  rememberUser(user);
  byName.set(user.username, user);
}

/** How a member (a username or an id) is shown: 钱多多 (fin01), else what is known. */
export function memberLabel(user: string | number): string {
  const found = typeof user === "number" ? userOf(user) : byName.get(user);
  if (!found) return typeof user === "number" ? `#${user}` : user;
  return found.title ? `${found.title} (${found.username})` : found.username;
}

/** Look up the members not yet known by username; re-renders when they come. */
export function useMemberNames(usernames: string[]): void {
  const [, setTick] = useState(0);
  const key = [...new Set(usernames)].sort().join(",");
  useEffect(() => {
    const missing = key.split(",").filter((u) => u && !byName.has(u) && !asked.has(u));
    if (!missing.length) return undefined;
    let live = true;
    missing.forEach((u) => asked.add(u));
    void Promise.all(missing.map((u) => api.users(u, 10).then((items) => items.forEach(rememberMember)).catch(() => undefined)))
      .then(() => { if (live) setTick((n) => n + 1); });
    return () => { live = false; };
  }, [key]);
}

/** The usernames a flow's human steps name. */
export function usernamesIn(flow: Flow): string[] {
  const out: string[] = [];
  const take = (list: unknown) => {
    for (const s of Array.isArray(list) ? list : [list]) if (isSource(s) && typeof s.user === "string") out.push(s.user);
  };
  for (const { node } of walk(flow.steps)) {
    take(node.approvers);
    take(node.recipients);
    take((node.sla as { transfer_to?: unknown } | undefined)?.transfer_to);
  }
  return out;
}

/** The words of the human steps of `flow` (over its form's `fields`) in the UI's language. */
export function useHumanWords(app: string, flow: Flow | null | undefined, fields: FieldDef[]): HumanWords {
  const { t } = useFlowText();
  const { tx } = useLang();
  const roles = useRoles(app);
  const names = useMemo(() => (flow ? usernamesIn(flow) : []), [flow]);
  useMemberNames(names);
  const roleNames = useMemo(() => new Map<string, Text | null | undefined>(roles.map((r) => [r.id, r.label])), [roles]);
  const fieldNames = useMemo(() => new Map(fields.map((f) => [f.id, f.label])), [fields]);
  return {
    t: (key, values) => t(key, values ?? {}) as string,
    role: (id) => tx(roleNames.get(id) ?? undefined, id),
    field: (id) => tx(fieldNames.get(id) ?? undefined, id),
    user: memberLabel,
  };
}
