/** A duration {amount, unit} (a wait, an offset, a time-out, a task's due): a number and a unit;
 * clearing the number leaves the setting out. */
import { InputNumber, Select, Space } from "antd";
import { useFlowText } from "./i18n";

export interface Duration {
  amount: number;
  unit: string;
}

interface Props {
  value: Duration | undefined;
  onChange: (v: Duration | undefined) => void;
  units: string[];
  testId: string;
}

export default function DurationInput({ value, onChange, units, testId }: Props) {
  const { t } = useFlowText();
  const unit = value?.unit ?? (units.includes("days") ? "days" : units[0]);
  return (
    <Space.Compact data-testid={testId}>
      <InputNumber value={value?.amount ?? null} style={{ width: 120 }} data-testid={`${testId}-amount`}
        onChange={(amount) => onChange(amount === null || amount === undefined ? undefined : { amount: Number(amount), unit })} />
      <Select value={unit} style={{ width: 130 }} data-testid={`${testId}-unit`}
        options={units.map((u) => ({ value: u, label: t(`enums.${u}`, { defaultValue: u }) }))}
        onChange={(u: string) => onChange(value ? { ...value, unit: u } : undefined)} />
    </Space.Compact>
  );
}
