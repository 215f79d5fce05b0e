/** The signed-in frame: header (apps, language, user), side menu of the app's forms and views (icons
 * only on a narrow screen, until opened), page. */
import { Layout, Result, Spin } from "antd";
import { useState } from "react";
import { Outlet, useLocation, useParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useLang } from "../i18n/text";
import { ViewsProvider } from "../views/ViewsContext";
import HeaderBar from "./HeaderBar";
import PageErrorBoundary from "./PageErrorBoundary";
import { useSession } from "./SessionContext";
import SideMenu from "./SideMenu";

export default function AppLayout() {
  const { app } = useParams();
  const { loading, error, apps } = useSession();
  const { lang } = useLang();
  const [collapsed, setCollapsed] = useState(false);
  const { pathname } = useLocation();
  const current = app ?? apps[0]?.id;

  let body = <PageErrorBoundary key={pathname}><Outlet /></PageErrorBoundary>;
  if (loading) body = <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  else if (error) body = <Result status="warning" title={errorText(error, lang)} />;

  return (
    <ViewsProvider app={current ?? ""}>
      <Layout style={{ height: "100vh" }}>
        <HeaderBar app={current} />
        <Layout style={{ minHeight: 0 }}>
          {current && (
            <Layout.Sider width={232} theme="light" collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="md"
              className="trellis-sider" style={{ borderInlineEnd: "1px solid #f0f0f0" }}>
              <SideMenu app={current} collapsed={collapsed} />
            </Layout.Sider>
          )}
          <Layout.Content className="trellis-content">{body}</Layout.Content>
        </Layout>
      </Layout>
    </ViewsProvider>
  );
}
