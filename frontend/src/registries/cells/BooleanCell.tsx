/** Yes / no as a check mark or a dash. */
import { CheckOutlined, MinusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { CellProps } from "../types";

export default function BooleanCell({ value }: CellProps) {
  const { t } = useTranslation();
  if (value == null) return null;
  return value
    ? <CheckOutlined style={{ color: "#52c41a" }} aria-label={t("common.yes")} />
    : <MinusOutlined style={{ color: "#bfbfbf" }} aria-label={t("common.no")} />;
}
