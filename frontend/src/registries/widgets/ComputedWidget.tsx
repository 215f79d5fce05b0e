/**
 * A computed field (formula, lookup, rollup) on the record form: never typed, shown read-only
 * as the kind of value it computes (`value_type`), with a hint of how it is computed (a formula
 * recomputes as the other fields are edited; a lookup follows its relation; a rollup is the
 * stored figure, refreshed when saved).
 */
import { FunctionOutlined } from "@ant-design/icons";
import { Input, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useLang } from "../../i18n/text";
import { computedText } from "../format";
import type { WidgetProps } from "../types";

export default function ComputedWidget({ field, value, id }: WidgetProps) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const text = computedText(field, value, lang);
  const hint = typeof field.expression === "string" ? field.expression : t("record.computedHint");
  return (
    <Input
      id={id}
      value={text}
      readOnly
      variant="filled"
      data-computed={field.id}
      placeholder={t("record.computedEmpty")}
      style={field.value_type === "number" ? { textAlign: "right" } : undefined}
      suffix={<Tooltip title={hint}><FunctionOutlined style={{ color: "var(--ant-color-text-tertiary, #999)" }} /></Tooltip>}
    />
  );
}
