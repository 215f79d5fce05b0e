/** Auto-number: filled by the system, shown read-only. */
import { Input } from "antd";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../types";

export default function AutoNumberWidget({ value, id }: WidgetProps) {
  const { t } = useTranslation();
  return <Input id={id} value={value == null ? "" : String(value)} placeholder={t("record.auto")} disabled />;
}
