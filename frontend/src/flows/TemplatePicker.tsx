/** A message template of the app (definitions of kind `template`), published ones first;
 * a draft-only template is shown but cannot be picked. */
import { Select } from "antd";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { flowApi } from "./api";
import { useFlowText } from "./i18n";
import { usePanel } from "./panelContext";

export default function TemplatePicker({ value, onChange, testId }: { value: unknown; onChange: (v: string | undefined) => void; testId: string }) {
  const { t } = useFlowText();
  const { tx } = useLang();
  const { app } = usePanel();
  const { data, loading } = useAsync(() => flowApi.templates(app), [app]);
  const items = [...(data ?? [])].sort((a, b) => Number(Boolean(b.published_version)) - Number(Boolean(a.published_version)));
  return (
    <Select<string> value={typeof value === "string" ? value : undefined} loading={loading} allowClear showSearch
      optionFilterProp="label" placeholder={t("template.pick")} notFoundContent={t("template.none")} style={{ width: "100%" }}
      data-testid={testId} onChange={(v) => onChange(v ?? undefined)}
      options={items.map((d) => ({ value: d.id, disabled: !d.published_version,
        label: `${tx(d.label, d.id)}${d.published_version ? "" : ` ${t("template.unpublished")}`}` }))} />
  );
}
