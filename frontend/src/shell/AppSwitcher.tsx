/** Switch between the apps the user may open. */
import { AppstoreOutlined, DownOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useLang } from "../i18n/text";
import { useSession } from "./SessionContext";

export default function AppSwitcher({ current }: { current?: string }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { apps } = useSession();
  const navigate = useNavigate();
  const active = apps.find((a) => a.id === current);
  if (!apps.length) return null;
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: current ? [current] : [],
        items: apps.map((a) => ({ key: a.id, label: tx(a.label, a.id) })),
        onClick: ({ key }) => navigate(`/apps/${key}`),
      }}
    >
      <Button type="text" className="trellis-app-switcher" icon={<AppstoreOutlined />} aria-label={t("header.apps")}>
        {active ? tx(active.label, active.id) : t("header.apps")} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
