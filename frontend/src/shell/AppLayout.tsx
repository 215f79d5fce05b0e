/** The signed-in frame: header (apps, language, user), side menu of the app's forms and views (icons
 * only on a narrow screen, until opened), page. On a phone the side menu lives in a drawer opened
 * from the header's menu button (with the language switch), and closes once an entry is chosen. */
import { Drawer, Layout, Result, Spin } from "antd";
import { useEffect, useState } from "react";
import { Outlet, useLocation, useParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { ViewsProvider } from "../views/ViewsContext";
import HeaderBar from "./HeaderBar";
import LanguageSwitch from "./LanguageSwitch";
import PageErrorBoundary from "./PageErrorBoundary";
import { usePhoneText } from "./phoneText";
import { useSession } from "./SessionContext";
import SideMenu from "./SideMenu";
import { usePhone } from "./usePhone";
import "./phone.css";

export default function AppLayout() {
  const { app } = useParams();
  const { loading, error, apps } = useSession();
  const { lang } = useLang();
  const { t } = usePhoneText();
  const [collapsed, setCollapsed] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const phone = usePhone();
  const { pathname } = useLocation();
  const current = app ?? apps[0]?.id;
  useEffect(() => { setMenuOpen(false); }, [pathname, phone]);

  let body = <PageErrorBoundary key={pathname}><Outlet /></PageErrorBoundary>;
  if (loading) body = <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  else if (error) body = <Result status="warning" title={errorText(error, lang)} />;

  return (
    <ViewsProvider app={current ?? ""}>
      <Layout style={{ height: "100vh" }}>
        <HeaderBar app={current} onMenu={phone ? () => setMenuOpen(true) : undefined} />
        <Layout style={{ minHeight: 0 }}>
          {current && !phone && (
            <Layout.Sider width={232} theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="md"
              className="trellis-sider" style={{ borderInlineEnd: "1px solid #f0f0f0" }}>
              <SideMenu app={current} collapsed={collapsed} />
            </Layout.Sider>
          )}
          <Layout.Content className="trellis-content">{body}</Layout.Content>
        </Layout>
      </Layout>
      {phone && (
        <Drawer open={menuOpen} onClose={() => setMenuOpen(false)} placement="left" size={280}
          className="trellis-menu-drawer" title={t("menu")} closable={{ "aria-label": t("closeMenu") }}
          extra={<LanguageSwitch />}>
          {current && <SideMenu app={current} collapsed={false} onNavigate={() => setMenuOpen(false)} />}
        </Drawer>
      )}
    </ViewsProvider>
  );
}
