/** AppSettingsPage: this page is being built. */
import { Result } from "antd";
import { useAdminText } from "../i18n";

export default function AppSettingsPage() {
  const { t } = useAdminText();
  return <Result status="info" title={t("pending")} />;
}
