/** One of a setting's plain values (update_records' target: the trigger record or the records
 * its condition finds); a value of another shape (an older object form) is shown as JSON. */
import { Select, Tag } from "antd";
import { useFlowText } from "./i18n";

interface Props {
  value: unknown;
  onChange: (v: unknown) => void;
  choices: unknown[];
  testId: string;
}

export default function ChoiceSelect({ value, onChange, choices, testId }: Props) {
  const { t } = useFlowText();
  const plain = value === undefined || choices.includes(value);
  return (
    <>
      <Select value={plain ? (value as string | undefined) : undefined} allowClear style={{ width: "100%" }} data-testid={testId}
        onChange={(v) => onChange(v ?? undefined)}
        options={choices.map((c) => ({ value: c as string, label: t(`enums.${String(c)}`, { defaultValue: String(c) }) }))} />
      {!plain && <Tag style={{ marginTop: 4, whiteSpace: "normal" }}><code>{JSON.stringify(value)}</code></Tag>}
    </>
  );
}
