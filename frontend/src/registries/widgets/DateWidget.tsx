/** Date ("YYYY-MM-DD") and date-time ("YYYY-MM-DDTHH:mm:ss") pickers. */
import { DatePicker } from "antd";
import dayjs from "dayjs";
import type { WidgetProps } from "../types";

export default function DateWidget({ field, value, onChange, disabled, invalid, id }: WidgetProps) {
  const withTime = field.type === "datetime";
  const parsed = typeof value === "string" && value ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      style={{ width: "100%" }}
      value={parsed && parsed.isValid() ? parsed : null}
      showTime={withTime ? { format: "HH:mm" } : false}
      format={withTime ? "YYYY-MM-DD HH:mm" : "YYYY-MM-DD"}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      onChange={(d) => onChange(d ? d.format(withTime ? "YYYY-MM-DDTHH:mm:ss" : "YYYY-MM-DD") : undefined)}
    />
  );
}
