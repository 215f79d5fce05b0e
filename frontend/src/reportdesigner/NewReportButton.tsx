/** The reports page's "新建报表" button, for administrators: opens the designer on a new report. */
import { PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useNavigate } from "react-router-dom";
import { useSession } from "../shell/SessionContext";
import { useDesignerText } from "./i18n";

export default function NewReportButton({ app }: { app: string }) {
  const { t } = useDesignerText();
  const { me } = useSession();
  const navigate = useNavigate();
  if (!me?.is_admin) return null;
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/apps/${app}/reports/new`)} data-testid="report-new">
      {t("newTitle")}
    </Button>
  );
}
