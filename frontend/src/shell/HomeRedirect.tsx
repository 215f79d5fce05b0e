/** `/` and `/apps/:app`: open the app's home dashboard or home form when it names one (the form
 * when the user may read it), else its first form the user may read. */
import { Result, Spin } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useParams } from "react-router-dom";
import { metaCache } from "../api/cache";
import { useAsync } from "../hooks/useAsync";
import { useSession } from "./SessionContext";

export default function HomeRedirect() {
  const { t } = useTranslation();
  const { app: param } = useParams();
  const { apps, loading: appsLoading } = useSession();
  const app = param ?? apps[0]?.id;
  const homes = apps.find((a) => a.id === app)?.home as { dashboard?: string; form?: string } | undefined;
  const home = homes?.dashboard;
  const { data: forms, loading } = useAsync(() => (app ? metaCache.forms(app) : Promise.resolve([])), [app]);
  if (!appsLoading && app && home) return <Navigate to={`/apps/${app}/dashboards/${home}`} replace />;
  if (appsLoading || loading) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  if (!app || !forms?.length) return <Result status="info" title={t("common.empty")} />;
  const first = forms.find((f) => f.id === homes?.form) ?? forms[0];
  return <Navigate to={`/apps/${app}/forms/${first.id}`} replace />;
}
