/** The filter builder's number input: a text box that reads numbers as people type them
 * ("100万", "1,000,000", "１２３"; "80%" for a percent, "¥5千" for money: numberText.ts) and shows what it understood beside it,
 * or that it is not a number (the rule then has no value, so it is not applied half-read). */
import type { NumberWidgetProps } from "@react-awesome-query-builder/antd";
import { Input } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { langOf } from "../i18n";
import { readNumber as read, type NumberKind } from "./numberText";

/** A stored value as text to edit: a percent field's fraction as a percentage (0.6 → "60%"). */
function shown(v: unknown, kind: NumberKind): string {
  if (typeof v !== "number" || !Number.isFinite(v)) return "";
  return kind === "percent" ? `${Number((v * 100).toPrecision(12))}%` : String(v);
}

export default function NumberTextWidget(props: NumberWidgetProps) {
  const { value, setValue, placeholder, readonly, config, fieldDefinition } = props;
  const { t, i18n } = useTranslation();
  const kind = (fieldDefinition?.fieldSettings as { numberKind?: NumberKind } | undefined)?.numberKind ?? "number";
  const readNumber = (text: string) => read(text, kind);
  const [text, setText] = useState(() => shown(value, kind));
  // a value set from outside (a loaded filter, a cleared rule) replaces the text
  useEffect(() => {
    setText((old) => (read(old, kind) === (typeof value === "number" ? value : null) ? old : shown(value, kind)));
  }, [value, kind]);
  const n = readNumber(text);
  const bad = text.trim() !== "" && n === null;
  const locale = langOf(i18n.language) === "en" ? "en-US" : "zh-CN";
  const echo = n !== null && text.trim() !== String(n)
    ? `= ${n.toLocaleString(locale, { maximumFractionDigits: 10 })}` : "";
  return (
    <Input
      size={config.settings.renderSize}
      value={text}
      disabled={readonly}
      placeholder={placeholder}
      status={bad ? "error" : undefined}
      inputMode="decimal"
      style={{ width: echo || bad ? 240 : 150 }}
      data-testid="number-input"
      suffix={<span className="trellis-number-echo" data-testid="number-echo" style={{ color: bad ? "#ff4d4f" : "#8c8c8c" }}>
        {bad ? t("grid.notANumber") : echo}</span>}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        const parsed = readNumber(raw);
        setValue(parsed === null ? undefined : parsed);
      }}
    />
  );
}
