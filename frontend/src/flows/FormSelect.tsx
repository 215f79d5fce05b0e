/** A form of the app, picked by its name. */
import { Select } from "antd";
import { metaCache } from "../api/cache";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { usePanel } from "./panelContext";

export default function FormSelect({ value, onChange, testId }: { value: unknown; onChange: (v: unknown) => void; testId: string }) {
  const { tx } = useLang();
  const { app } = usePanel();
  const forms = useAsync(() => metaCache.forms(app), [app]).data ?? [];
  return (
    <Select<string> value={typeof value === "string" ? value : undefined} allowClear showSearch optionFilterProp="label"
      style={{ width: "100%" }} data-testid={testId} onChange={(v) => onChange(v ?? undefined)}
      options={forms.map((f) => ({ value: f.id, label: tx(f.label, f.id) }))} />
  );
}
