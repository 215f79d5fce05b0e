/** Single-line text, e-mail, mobile number and URL inputs. */
import { Input } from "antd";
import { useLang } from "../../i18n/text";
import type { WidgetProps } from "../types";

const INPUT_TYPE: Record<string, string> = { email: "email", mobile: "tel", url: "url" };

export default function TextWidget({ field, value, onChange, disabled, invalid, id }: WidgetProps) {
  const { tx } = useLang();
  return (
    <Input
      id={id}
      type={INPUT_TYPE[field.type] ?? "text"}
      value={value == null ? "" : String(value)}
      maxLength={field.type === "text" ? field.max_length ?? 200 : undefined}
      placeholder={tx(field.placeholder)}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      allowClear={!disabled}
      onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
    />
  );
}
