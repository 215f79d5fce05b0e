/** The signed-in user: name, roles, the message center, personal and notification settings, API
 * tokens, (for an administrator) the administration area, sign out. */
import { BellOutlined, CalendarOutlined, ControlOutlined, KeyOutlined, LogoutOutlined, MessageOutlined, NotificationOutlined, SettingOutlined, UserOutlined } from "@ant-design/icons";
import { Avatar, Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { useSession } from "./SessionContext";

export default function UserMenu({ app }: { app?: string }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const name = me?.name || me?.username || "";
  const roles = me?.is_admin ? [t("header.admin")] : (me?.roles ?? []);
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "who", disabled: true, label: <span>{me?.username}{roles.length ? ` · ${roles.join(", ")}` : ""}</span> },
          { type: "divider" },
          { key: "/messages", icon: <MessageOutlined />, label: t("header.messages") },
          { key: "/me/settings", icon: <SettingOutlined />, label: t("header.personal") },
          { key: "/me/notifications", icon: <BellOutlined />, label: t("header.notifySettings") },
          { key: "/manage/tokens", icon: <KeyOutlined />, label: t("header.tokens") },
          ...(me?.is_admin ? [{ key: "/manage/users", icon: <ControlOutlined />, label: t("header.manage") }] : []),
          ...(me?.is_admin && app ? [{ key: `/apps/${app}/admin/notifications`, icon: <NotificationOutlined />,
            label: t("header.notifyAdmin") }] : []),
          ...(me?.is_admin ? [{ key: "/system/calendar", icon: <CalendarOutlined />, label: t("header.calendar") }] : []),
          { type: "divider" as const },
          { key: "logout", icon: <LogoutOutlined />, label: t("header.logout") },
        ],
        onClick: ({ key }) => {
          if (key === "logout") {
            logout();
            navigate("/signin", { replace: true });
          } else if (key.startsWith("/")) navigate(key);
        },
      }}
    >
      <Button type="text" data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} style={{ background: "#1677ff" }} /> {name}
      </Button>
    </Dropdown>
  );
}
