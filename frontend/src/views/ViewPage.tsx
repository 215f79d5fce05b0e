/** `/apps/:app/views/:view`: a saved view of a form's records. */
import { Spin } from "antd";
import { useParams } from "react-router-dom";
import { ApiError } from "../api/client";
import { metaCache } from "../api/cache";
import FormWorkspace from "../grid/FormWorkspace";
import { useAsync } from "../hooks/useAsync";
import ErrorResult from "../shell/ErrorResult";
import { useViews } from "./ViewsContext";

export default function ViewPage() {
  const { app = "", view: viewId = "" } = useParams();
  const { views, loading } = useViews();
  const view = views.find((v) => v.id === viewId);
  const { data: def, error, reload } = useAsync(
    () => (view ? metaCache.form(app, view.form, true) : Promise.resolve(undefined)), [app, view?.form]);
  if (loading && !view) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  if (!view) return <ErrorResult error={new ApiError(404, "not_found", { zh: `视图 ${viewId} 不存在`, en: `no view ${viewId}` })} />;
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!def || def.id !== view.form) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  return <FormWorkspace key={`${app}/${view.id}/${JSON.stringify(view)}`} app={app} def={def} view={view} />;
}
