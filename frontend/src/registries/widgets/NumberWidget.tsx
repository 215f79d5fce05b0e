/** Integer, decimal, money (with the currency sign) and percent (shown ×100, stored as a fraction). */
import { InputNumber } from "antd";
import type { WidgetProps } from "../types";

const SIGNS: Record<string, string> = { CNY: "¥", USD: "$", HKD: "HK$", EUR: "€", JPY: "¥" };

function groupDigits(text: string | undefined): string {
  if (!text) return "";
  const [int, frac] = text.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}

export default function NumberWidget({ field, value, onChange, disabled, invalid, id }: WidgetProps) {
  const percent = field.type === "percent";
  const precision = field.type === "integer" ? 0 : field.precision ?? 2;
  const num = typeof value === "number" ? value : value == null || value === "" ? null : Number(value);
  const shown = num == null || Number.isNaN(num) ? null : percent ? Number((num * 100).toFixed(precision)) : num;
  const money = field.type === "money";
  return (
    <InputNumber<number>
      id={id}
      style={{ width: "100%" }}
      value={shown}
      precision={precision}
      min={typeof field.min === "number" ? (percent ? field.min * 100 : field.min) : undefined}
      max={typeof field.max === "number" ? (percent ? field.max * 100 : field.max) : undefined}
      prefix={money ? SIGNS[field.currency ?? "CNY"] ?? field.currency : undefined}
      suffix={percent ? "%" : undefined}
      formatter={money || field.type === "decimal" ? (v) => groupDigits(v === undefined ? undefined : String(v)) : undefined}
      parser={money || field.type === "decimal" ? (v) => Number((v ?? "").replace(/,/g, "")) : undefined}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(v) => {
        if (v == null) onChange(undefined);
        else onChange(percent ? Number((v / 100).toFixed(precision + 2)) : v);
      }}
    />
  );
}
