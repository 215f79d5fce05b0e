/** Yes / no. */
import { Switch } from "antd";
import { useTranslation } from "react-i18next";
import type { WidgetProps } from "../types";

export default function BooleanWidget({ value, onChange, disabled, id }: WidgetProps) {
  const { t } = useTranslation();
  return (
    <Switch
      id={id}
      checked={value === true}
      disabled={disabled}
      checkedChildren={t("common.yes")}
      unCheckedChildren={t("common.no")}
      onChange={(checked) => onChange(checked)}
    />
  );
}
