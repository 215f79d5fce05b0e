/** Multi-line text. */
import { Input } from "antd";
import { useLang } from "../../i18n/text";
import type { WidgetProps } from "../types";

export default function LongTextWidget({ field, value, onChange, disabled, invalid, compact, id }: WidgetProps) {
  const { tx } = useLang();
  return (
    <Input.TextArea
      id={id}
      value={value == null ? "" : String(value)}
      maxLength={field.max_length}
      autoSize={compact ? { minRows: 1, maxRows: 4 } : { minRows: 3, maxRows: 10 }}
      placeholder={tx(field.placeholder)}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
    />
  );
}
