/** The roles a user may be given, as Select options grouped by app, and a role's label in the UI
 * language (`futures_crm.account_manager` -> 客户经理). */
import { useMemo } from "react";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { usersApi, type RoleChoice } from "./api";

export function useRoleChoices() {
  const { tx } = useLang();
  const { data } = useAsync(() => usersApi.roles(), []);
  return useMemo(() => {
    const items: RoleChoice[] = data?.items ?? [];
    const byName = new Map(items.map((r) => [r.name, r]));
    const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
    for (const r of items) {
      const key = r.app ?? "";
      const group = groups.get(key) ?? { label: r.app ? tx(r.app_label ?? r.app, r.app) : "Trellis", options: [] };
      group.options.push({ value: r.name, label: tx(r.label, r.name) });
      groups.set(key, group);
    }
    const label = (name: string) => {
      const r = byName.get(name);
      return r ? tx(r.label, name) : name;
    };
    return { options: [...groups.values()], label, adminRole: data?.admin_role ?? "Admin" };
  }, [data, tx]);
}
