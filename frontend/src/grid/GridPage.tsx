/** `/apps/:app/forms/:form`: the form's records. */
import { Spin } from "antd";
import { useLocation, useParams } from "react-router-dom";
import { metaCache } from "../api/cache";
import { useAsync } from "../hooks/useAsync";
import ErrorResult from "../shell/ErrorResult";
import { prefetchFirstPage } from "./firstPage";
import FormWorkspace from "./FormWorkspace";

export default function GridPage() {
  const { app = "", form = "" } = useParams();
  const { search } = useLocation();
  // the first page is asked for alongside the workspace's first render, not after it
  const { data: def, error, reload } = useAsync(() => metaCache.form(app, form, true).then((d) => {
    prefetchFirstPage(app, d, search);
    return d;
  }), [app, form]);
  if (error) return <ErrorResult error={error} onRetry={reload} />;
  if (!def || def.id !== form) return <Spin size="large" style={{ display: "block", margin: "120px auto" }} />;
  return <FormWorkspace key={`${app}/${form}`} app={app} def={def} />;
}
