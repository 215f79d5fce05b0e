/** The inbox's filters: app (when there are several), form (of the app picked), overdue only, and
 * the search box (`q`). */
import { Checkbox, Input, Select } from "antd";
import { useEffect, useState } from "react";
import { metaCache } from "../api/cache";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { useSession } from "../shell/SessionContext";
import { useTaskText } from "./i18n";
import type { InboxState } from "./inboxQuery";

interface Props {
  state: InboxState;
  onChange: (patch: Partial<InboxState>) => void;
}

export default function InboxFilters({ state, onChange }: Props) {
  const { t } = useTaskText();
  const { tx } = useLang();
  const { apps } = useSession();
  const [q, setQ] = useState(state.q ?? "");
  useEffect(() => setQ(state.q ?? ""), [state.q]);
  const app = state.app ?? (apps.length === 1 ? apps[0].id : undefined);
  const { data: forms } = useAsync(() => (app ? metaCache.forms(app) : Promise.resolve([])), [app]);
  return (
    <div className="trellis-inbox-filters">
      <Input.Search className="trellis-inbox-search" allowClear value={q} placeholder={t("filters.search")} style={{ width: 260 }}
        onChange={(e) => { setQ(e.target.value); if (!e.target.value) onChange({ q: undefined }); }}
        onSearch={(v) => onChange({ q: v.trim() || undefined })} data-testid="inbox-search" />
      {apps.length > 1 && (
        <Select allowClear placeholder={t("filters.app")} value={state.app} style={{ width: 150 }} data-testid="inbox-app"
          options={apps.map((a) => ({ value: a.id, label: tx(a.label, a.id) }))}
          onChange={(v: string | undefined) => onChange({ app: v, form: undefined })} />
      )}
      {app && (
        <Select allowClear placeholder={t("filters.anyForm")} value={state.form} style={{ width: 160 }} data-testid="inbox-form"
          options={(forms ?? []).map((f) => ({ value: f.id, label: tx(f.label, f.id) }))}
          onChange={(v: string | undefined) => onChange({ form: v, app: v ? app : state.app })} />
      )}
      <Checkbox checked={state.overdue} onChange={(e) => onChange({ overdue: e.target.checked })} data-testid="inbox-overdue">
        {t("filters.overdue")}
      </Checkbox>
    </div>
  );
}
