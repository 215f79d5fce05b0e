/** An option of the target form's select field of the same name (a task's purpose, method). */
import { Select } from "antd";
import { useLang } from "../i18n/text";
import { usePanel } from "./panelContext";
import { useFormFields } from "./useFormFields";

interface Props {
  fieldId: string;
  value: unknown;
  onChange: (v: unknown) => void;
  testId: string;
}

export default function OptionSelect({ fieldId, value, onChange, testId }: Props) {
  const { tx } = useLang();
  const { app, targetForm } = usePanel();
  const field = useFormFields(app, targetForm).find((f) => f.id === fieldId);
  return (
    <Select<string> value={typeof value === "string" ? value : undefined} allowClear style={{ width: "100%" }} data-testid={testId}
      onChange={(v) => onChange(v ?? undefined)}
      options={(field?.options ?? []).map((o) => ({ value: o.value, label: tx(o.label, o.value) }))} />
  );
}
