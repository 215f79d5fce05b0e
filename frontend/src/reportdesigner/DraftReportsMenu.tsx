/** The reports page's list of reports never published (drafts only readers cannot see yet),
 * for administrators: each opens in the designer. Nothing shows when there are none. */
import { DownOutlined, FileOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useNavigate } from "react-router-dom";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { useSession } from "../shell/SessionContext";
import { designerApi } from "./api";
import { useDesignerText } from "./i18n";

export default function DraftReportsMenu({ app }: { app: string }) {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { me } = useSession();
  const navigate = useNavigate();
  const admin = Boolean(me?.is_admin);
  const drafts = useAsync(async () => (admin ? (await designerApi.list(app)).filter((r) => !r.published_version) : []), [app, admin]);
  const items = drafts.data ?? [];
  if (!items.length) return null;
  return (
    <Dropdown trigger={["click"]} menu={{
      items: items.map((r) => ({ key: r.id, icon: <FileOutlined />, label: tx(r.label, r.id), onClick: () => navigate(`/apps/${app}/reports/${r.id}/design`) })),
    }}>
      <Button data-testid="report-drafts">{t("drafts", { n: items.length })} <DownOutlined /></Button>
    </Dropdown>
  );
}
