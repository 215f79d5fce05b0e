/** RoleEditorPage: this page is being built. */
import { Result } from "antd";
import { useAdminText } from "../i18n";

export default function RoleEditorPage() {
  const { t } = useAdminText();
  return <Result status="info" title={t("pending")} />;
}
