/** How an audit entry is named on the page and in its drawer: the action in words, who did it,
 * what it touched (a form's record by the form's label, a definition, a user, a token), and a
 * record's address for a link. */
import { useLang } from "../../i18n/text";
import { formatDateTime } from "../../registries/format";
import { useAdminText } from "../i18n";
import type { AuditEntry } from "./api";

export function recordPath(e: AuditEntry): string | null {
  if (!e.app || !e.target || e.record_id == null || !e.form_label) return null;
  return `/apps/${encodeURIComponent(e.app)}/forms/${encodeURIComponent(e.target)}/records/${e.record_id}`;
}

export function useEntryText() {
  const { t } = useAdminText();
  const { tx } = useLang();
  const action = (a: string) => t(`audit.action.${a}`, { defaultValue: a });
  const who = (e: AuditEntry) => e.user?.title || e.user?.username
    || (e.user_id == null && (!e.username || e.username === "system") ? t("audit.system") : e.username) || t("audit.system");
  const what = (e: AuditEntry) => {
    if (e.form_label && e.record_id != null) return t("audit.record", { form: tx(e.form_label, e.target ?? ""), id: e.record_id });
    if (e.target?.includes(":")) return t("audit.definition", { target: e.target });
    if (e.target) return e.record_id != null ? `${e.target} #${e.record_id}` : e.target;
    return "";
  };
  const when = (e: AuditEntry) => formatDateTime(e.at);
  return { action, who, what, when };
}
