/** The administration area's frame: a navigation bar over its pages (users, departments, the app's
 * roles and settings, API tokens, the audit log, channels and templates, the working calendar).
 * System pages live under `/manage/*`, an app's under `/apps/:app/manage/*`; the bar collapses
 * into a "more" menu on a narrow screen. Non-administrators see only their own API tokens; system
 * administrators also find Flask-AppBuilder's own security pages (`/admin/`). */
import { Menu } from "antd";
import { Outlet, useLocation, useNavigate, useParams } from "react-router-dom";
import { useSession } from "../shell/SessionContext";
import { useAdminText } from "./i18n";

const CLASSIC = "/admin/";

export default function AdminLayout() {
  const { t } = useAdminText();
  const { app: param } = useParams();
  const { apps, me } = useSession();
  const app = param ?? apps[0]?.id;
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const system = [
    ["/manage/users", "users"], ["/manage/departments", "departments"],
    ...(app ? [[`/apps/${app}/manage/roles`, "roles"], [`/apps/${app}/manage/settings`, "settings"]] : []),
    ["/manage/tokens", "tokens"], ["/manage/audit", "audit"],
    ...(app ? [[`/apps/${app}/admin/notifications`, "notifications"]] : []),
    ["/system/calendar", "calendar"],
  ];
  const items = (me?.is_admin ? system : [["/manage/tokens", "tokens"]]).map(([key, label]) => ({ key, label: t(`nav.${label}`) }));
  // Flask-AppBuilder's own pages, outside this app (a full page load)
  if (me?.is_admin) items.push({ key: CLASSIC, label: t("nav.classic") });
  const selected = items.filter((i) => pathname.startsWith(i.key)).map((i) => i.key);
  return (
    <div className="trellis-admin">
      <Menu mode="horizontal" items={items} selectedKeys={selected} onClick={({ key }) => (key === CLASSIC ? window.location.assign(CLASSIC) : navigate(key))}
        data-testid="admin-nav" style={{ marginBottom: 16 }} />
      <Outlet />
    </div>
  );
}
