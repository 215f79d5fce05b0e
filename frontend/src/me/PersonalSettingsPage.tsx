/** PersonalSettingsPage: this page is being built. */
import { Result } from "antd";
import { useAdminText } from "../admin/i18n";

export default function PersonalSettingsPage() {
  const { t } = useAdminText();
  return <Result status="info" title={t("pending")} />;
}
