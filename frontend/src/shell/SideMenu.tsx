/** The inbox (待办, with the pending count), the app's reports and dashboards, its forms (those the user may read) and its saved views, shared and personal. */
import { ApartmentOutlined, BarChartOutlined, BranchesOutlined, CheckSquareOutlined, EyeOutlined, FormOutlined, PlusOutlined, TeamOutlined, UserOutlined } from "@ant-design/icons";
import { Menu, Skeleton } from "antd";
import type { MenuProps } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router-dom";
import { useEffect, useState } from "react";
import { DEFINITIONS_CHANGED, metaCache } from "../api/cache";
import type { ViewDef } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import MenuLabel from "../tasks/MenuLabel";
import { useViews } from "../views/ViewsContext";
import { useSession } from "./SessionContext";

type Item = Required<MenuProps>["items"][number];

export default function SideMenu({ app, collapsed, onNavigate }: { app: string; collapsed: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { me } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const bump = () => setChanges((n) => n + 1);
    window.addEventListener(DEFINITIONS_CHANGED, bump);
    return () => window.removeEventListener(DEFINITIONS_CHANGED, bump);
  }, []);
  const { data: forms, loading } = useAsync(() => metaCache.forms(app, changes > 0), [app, changes]);
  const { views } = useViews();
  if (loading && !forms) return <Skeleton active style={{ padding: 16 }} />;

  const labelOf = new Map((forms ?? []).map((f) => [f.id, tx(f.label, f.id)]));
  const mine = views.filter((v) => labelOf.has(v.form) && (v.shared || v.owner == null || v.owner === me?.id));
  const items: Item[] = [
    { key: "/inbox", icon: <CheckSquareOutlined />, label: <MenuLabel /> },
    { key: `/apps/${app}/reports`, icon: <BarChartOutlined />, label: t("menu.reports") },
    {
      type: "group", key: "forms", label: collapsed ? null : t("menu.forms"),
      children: [
        // a form never published has no records yet: it opens in its designer
        ...(forms ?? []).map((f) => ({ key: `/apps/${app}/forms/${f.id}${f.published_version ? "" : "/design"}`,
          icon: <FormOutlined />, label: tx(f.label, f.id) })),
        ...(me?.is_admin ? [{ key: `/apps/${app}/forms/new/design`, icon: <PlusOutlined />, label: t("menu.newForm") },
          { key: `/apps/${app}/decisions`, icon: <BranchesOutlined />, label: t("menu.decisions") },
          { key: `/apps/${app}/flows`, icon: <ApartmentOutlined />, label: t("menu.flows") }] : []),
      ],
    },
  ];
  const viewItem = (v: ViewDef) => ({
    key: `/apps/${app}/views/${v.id}`,
    icon: v.shared ? <TeamOutlined /> : v.owner != null ? <UserOutlined /> : <EyeOutlined />,
    label: <span title={`${labelOf.get(v.form)} · ${tx(v.label, v.id)}`}>{tx(v.label, v.id)}</span>,
  });
  const personal = mine.filter((v) => !v.shared);
  const shared = mine.filter((v) => v.shared);
  if (personal.length) {
    items.push({ type: "group", key: "mine", label: collapsed ? null : t("menu.personal"), children: personal.map(viewItem) });
  }
  if (shared.length) {
    items.push({ type: "group", key: "shared", label: collapsed ? null : t("menu.shared"), children: shared.map(viewItem) });
  }
  const path = location.pathname;
  const selected = path === "/inbox" || path.startsWith("/tasks/") ? ["/inbox"]
    : path.endsWith("/forms/new/design") ? [path]
    : path.startsWith(`/apps/${app}/decisions`) ? [`/apps/${app}/decisions`]
    : path.startsWith(`/apps/${app}/flows`) ? [`/apps/${app}/flows`]
    : path.startsWith(`/apps/${app}/reports`) || path.startsWith(`/apps/${app}/dashboards/`) ? [`/apps/${app}/reports`]
    : [...(forms ?? []).map((f) => `/apps/${app}/forms/${f.id}`), ...mine.map((v) => `/apps/${app}/views/${v.id}`)]
      .filter((key) => path === key || path.startsWith(`${key}/`));
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => { navigate(key); onNavigate?.(); }}
      style={{ borderInlineEnd: 0, paddingTop: 8 }}
    />
  );
}
