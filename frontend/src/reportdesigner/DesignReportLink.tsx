/** A report's "设计" action on the reports page, for administrators: opens it in the designer. */
import { EditOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { useSession } from "../shell/SessionContext";
import { useDesignerText } from "./i18n";

export default function DesignReportLink({ app, report }: { app: string; report: string }) {
  const { t } = useDesignerText();
  const { me } = useSession();
  if (!me?.is_admin) return null;
  return (
    <Link to={`/apps/${app}/reports/${report}/design`} data-testid={`report-design-${report}`}>
      <EditOutlined /> {t("design")}
    </Link>
  );
}
