/** /apps/:app/reports/:key: one report alone, drawn with ReportView in the UI language, with
 * its downloads and a way back to the list. */
import { ArrowLeftOutlined, ReloadOutlined } from "@ant-design/icons";
import { Button, Result, Spin, Tooltip } from "antd";
import type { View } from "vega";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import { reportsApi } from "./api";
import DownloadMenu from "./DownloadMenu";
import { useReportsText } from "./i18n";
import { ReportView } from "./ReportView";
import "./reports.css";

export default function ReportPage() {
  const { app = "", key = "" } = useParams();
  const { t } = useReportsText();
  const { lang, tx } = useLang();
  const loaded = useAsync(() => reportsApi.spec(app, key, lang), [app, key, lang]);
  const listing = useAsync(() => reportsApi.reports(app).catch(() => []), [app]);
  const [view, setView] = useState<View | null>(null);
  const summary = listing.data?.find((r) => r.id === key);
  const title = tx(summary?.label, key);

  return (
    <div className="trr-page trr-report-page" data-testid="report-page">
      <div className="trellis-page-title trr-head">
        <Link to={`/apps/${app}/reports`} aria-label={t("back")} title={t("back")}><ArrowLeftOutlined /></Link>
        <h2>{title}</h2>
        <span className="trr-grow" />
        <Tooltip title={t("toolbar.refresh")}>
          <Button type="text" icon={<ReloadOutlined spin={loaded.loading && !!loaded.data} />} onClick={loaded.reload}
            aria-label={t("toolbar.refresh")} />
        </Tooltip>
        <DownloadMenu app={app} report={key} name={title} lang={lang} view={view} />
      </div>
      {summary?.description ? <div className="trr-muted trr-description">{tx(summary.description)}</div> : null}
      {loaded.error && !loaded.data ? (
        <Result status="warning" title={errorText(loaded.error, lang)} extra={<Button onClick={loaded.reload}>{t("retry")}</Button>} />
      ) : !loaded.data ? (
        <Spin size="large" style={{ display: "block", margin: "80px auto" }} />
      ) : (
        <div className="trellis-card">
          <ReportView report={loaded.data} lang={lang} app={app} onView={setView} />
        </div>
      )}
    </div>
  );
}
