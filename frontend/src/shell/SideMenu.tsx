/** The inbox (待办, with the pending count), the app's reports and dashboards, then the app's menu
 * as its definition arranges it (named groups of forms, views, reports and dashboards, see
 * appMenu.ts; by default its forms in the order of the app's `forms`), only what the user may
 * open, and their saved views not placed in the menu, shared and personal. */
import {
  ApartmentOutlined, BarChartOutlined, BranchesOutlined, CheckSquareOutlined, DashboardOutlined, EyeOutlined,
  FormOutlined, PlusOutlined, TeamOutlined, UserOutlined,
} from "@ant-design/icons";
import { Menu, Skeleton } from "antd";
import type { MenuProps } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router-dom";
import { useEffect, useState, type ReactNode } from "react";
import { DEFINITIONS_CHANGED, metaCache } from "../api/cache";
import type { Text, ViewDef } from "../api/types";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { reportsApi } from "../reports/api";
import type { DashboardSummary, ReportSummary } from "../reports/types";
import MenuLabel from "../tasks/MenuLabel";
import { useViews } from "../views/ViewsContext";
import { resolveMenu, type AppMenuDef, type Catalog, type EntryType } from "./appMenu";
import { useSession } from "./SessionContext";

type Item = Required<MenuProps>["items"][number];
const ICONS: Record<EntryType, ReactNode> = {
  form: <FormOutlined />, view: <EyeOutlined />, report: <BarChartOutlined />, dashboard: <DashboardOutlined />,
};

export default function SideMenu({ app, collapsed, onNavigate }: { app: string; collapsed: boolean; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { tx } = useLang();
  const { me, apps } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const bump = () => setChanges((n) => n + 1);
    window.addEventListener(DEFINITIONS_CHANGED, bump);
    return () => window.removeEventListener(DEFINITIONS_CHANGED, bump);
  }, []);
  const def = (apps.find((a) => a.id === app) ?? {}) as AppMenuDef;
  const wants = (type: EntryType) => (def.menu ?? []).some((g) => g.items.some((e) => e.type === type));
  const { data: forms, loading } = useAsync(() => metaCache.forms(app, changes > 0), [app, changes]);
  const reports = useAsync<ReportSummary[]>(() => (wants("report") ? reportsApi.reports(app).catch(() => []) : Promise.resolve([])),
    [app, changes, wants("report")]);
  const dashboards = useAsync<DashboardSummary[]>(() => (wants("dashboard") ? reportsApi.dashboards(app).catch(() => []) : Promise.resolve([])),
    [app, changes, wants("dashboard")]);
  const { views } = useViews();
  if (loading && !forms) return <Skeleton active style={{ padding: 16 }} />;

  const labelOf = new Map((forms ?? []).map((f) => [f.id, tx(f.label, f.id)]));
  const published = new Set((forms ?? []).filter((f) => f.published_version).map((f) => f.id));
  const mine = views.filter((v) => labelOf.has(v.form) && (v.shared || v.owner == null || v.owner === me?.id));
  const labels = <T extends { id: string; label?: Text | null }>(xs: T[] | undefined) =>
    new Map((xs ?? []).map((x) => [x.id, x.label ?? undefined]));
  const catalog: Catalog = {
    form: labels(forms), view: labels(mine), report: labels(reports.data), dashboard: labels(dashboards.data),
  };
  const pathOf = (type: EntryType, key: string) => type === "form"
    // a form never published has no records yet: it opens in its designer
    ? `/apps/${app}/forms/${key}${published.has(key) ? "" : "/design"}`
    : `/apps/${app}/${type}s/${key}`;
  const groups = resolveMenu(def, catalog);
  const placed = new Set(groups.flatMap((g) => g.items.filter((e) => e.type === "view").map((e) => e.key)));
  const adminItems = me?.is_admin ? [
    { key: `/apps/${app}/forms/new/design`, icon: <PlusOutlined />, label: t("menu.newForm") },
    { key: `/apps/${app}/decisions`, icon: <BranchesOutlined />, label: t("menu.decisions") },
    { key: `/apps/${app}/flows`, icon: <ApartmentOutlined />, label: t("menu.flows") },
  ] : [];
  if (adminItems.length && !groups.some((g) => g.rest)) groups.push({ rest: true, items: [] });
  const items: Item[] = [
    { key: "/inbox", icon: <CheckSquareOutlined />, label: <MenuLabel /> },
    { key: `/apps/${app}/reports`, icon: <BarChartOutlined />, label: t("menu.reports") },
    ...groups.map((g, i): Item => ({
      type: "group", key: g.rest ? "forms" : `menu-${i}`,
      label: collapsed ? null : g.rest ? t("menu.forms") : tx(g.label),
      children: [
        ...g.items.map((e) => ({ key: pathOf(e.type, e.key), icon: ICONS[e.type], label: tx(e.label, e.key) })),
        ...(g.rest ? adminItems : []),
      ],
    })),
  ];
  const viewItem = (v: ViewDef) => ({
    key: `/apps/${app}/views/${v.id}`,
    icon: v.shared ? <TeamOutlined /> : v.owner != null ? <UserOutlined /> : <EyeOutlined />,
    label: <span title={`${labelOf.get(v.form)} · ${tx(v.label, v.id)}`}>{tx(v.label, v.id)}</span>,
  });
  const personal = mine.filter((v) => !v.shared && !placed.has(v.id));
  const shared = mine.filter((v) => v.shared && !placed.has(v.id));
  if (personal.length) {
    items.push({ type: "group", key: "mine", label: collapsed ? null : t("menu.personal"), children: personal.map(viewItem) });
  }
  if (shared.length) {
    items.push({ type: "group", key: "shared", label: collapsed ? null : t("menu.shared"), children: shared.map(viewItem) });
  }
  const path = location.pathname;
  const entries = groups.flatMap((g) => g.items.map((e) => pathOf(e.type, e.key).replace(/\/design$/, "")));
  const within = (key: string) => path === key || path.startsWith(`${key}/`);
  const placedHere = [...entries, ...mine.map((v) => `/apps/${app}/views/${v.id}`)].filter(within);
  const selected = path === "/inbox" || path.startsWith("/tasks/") ? ["/inbox"]
    : path.endsWith("/forms/new/design") ? [path]
    : path.startsWith(`/apps/${app}/decisions`) ? [`/apps/${app}/decisions`]
    : path.startsWith(`/apps/${app}/flows`) ? [`/apps/${app}/flows`]
    : placedHere.length ? placedHere
    : path.startsWith(`/apps/${app}/reports`) || path.startsWith(`/apps/${app}/dashboards/`) ? [`/apps/${app}/reports`]
    : [];
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => { navigate(key); onNavigate?.(); }}
      style={{ borderInlineEnd: 0, paddingTop: 8 }}
      data-testid="side-menu"
    />
  );
}
