/** /apps/:app/admin/notifications (administrators): tabs 渠道 / 模板 / 投递记录; the tab is kept in
 * the address (?tab=). Loaded on demand, like the designer. */
import { Button, Result, Spin, Tabs } from "antd";
import { useParams, useSearchParams } from "react-router-dom";
import { metaCache } from "../../api/cache";
import { errorText } from "../../api/client";
import { useAsync } from "../../hooks/useAsync";
import { useLang } from "../../i18n/text";
import { useSession } from "../../shell/SessionContext";
import { notifyApi } from "../api";
import { useNotifyText } from "../i18n";
import ChannelsTab from "./ChannelsTab";
import DeliveriesTab from "./DeliveriesTab";
import TemplatesTab from "./TemplatesTab";
import "../notify.css";

const TABS = ["channels", "templates", "deliveries"];

export default function NotifyAdminPage() {
  const { app = "" } = useParams();
  const { t } = useNotifyText();
  const { lang, tx } = useLang();
  const { me, apps } = useSession();
  const [params, setParams] = useSearchParams();
  const tab = TABS.includes(params.get("tab") ?? "") ? (params.get("tab") as string) : "channels";
  const admin = Boolean(me?.is_admin);
  const setup = useAsync(() => (admin
    ? Promise.all([notifyApi.channelTypes(), notifyApi.channels(app), metaCache.forms(app)])
    : Promise.resolve(null)), [app, admin, tab]);

  if (!admin) return <Result status="403" title={t("admin.forbidden")} />;
  if (setup.loading && !setup.data) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  if (setup.error || !setup.data) {
    return <Result status="warning" title={errorText(setup.error, lang)} extra={<Button onClick={setup.reload}>{t("common.retry")}</Button>} />;
  }
  const [types, channels, forms] = setup.data;
  const appInfo = apps.find((a) => a.id === app);
  return (
    <div className="trellis-notify-admin">
      <div className="trellis-page-title">
        <h2>{t("admin.title")}</h2>
        {appInfo && <span style={{ color: "#8c8c8c" }}>{tx(appInfo.label, app)}</span>}
      </div>
      <div className="trellis-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: "channels", label: t("admin.tabs.channels"), children: <ChannelsTab app={app} types={types} /> },
            { key: "templates", label: t("admin.tabs.templates"),
              children: <TemplatesTab app={app} channels={channels.map((c) => c.name)} forms={forms} /> },
            { key: "deliveries", label: t("admin.tabs.deliveries"), children: <DeliveriesTab app={app} channels={channels} /> },
          ]}
        />
      </div>
    </div>
  );
}
