/** One field (or several) of the form the open node works on (its `form`, else the flow's), picked by label. */
import { Select } from "antd";
import { useLang } from "../i18n/text";
import { usePanel } from "./panelContext";
import { useFormFields } from "./useFormFields";

interface Props {
  value: unknown;
  onChange: (v: unknown) => void;
  multiple?: boolean;
  testId: string;
}

export default function FieldSelect({ value, onChange, multiple, testId }: Props) {
  const { tx } = useLang();
  const { app, targetForm } = usePanel();
  const fields = useFormFields(app, targetForm);
  const options = fields.map((f) => ({ value: f.id, label: tx(f.label, f.id) }));
  if (multiple) {
    return (
      <Select<string[]> mode="multiple" value={Array.isArray(value) ? (value as string[]) : []} allowClear showSearch
        optionFilterProp="label" options={options} data-testid={testId} style={{ width: "100%" }}
        onChange={(v) => onChange(v.length ? v : undefined)} />
    );
  }
  return (
    <Select<string> value={typeof value === "string" ? value : undefined} allowClear showSearch optionFilterProp="label"
      options={options} data-testid={testId} style={{ width: "100%" }} onChange={(v) => onChange(v ?? undefined)} />
  );
}
