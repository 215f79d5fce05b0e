/** /apps/:app/reports: the app's dashboards as cards opening their page, and the reports the
 * reader may see as a list, each opening alone (/apps/:app/reports/:key). */
import { BarChartOutlined, DashboardOutlined } from "@ant-design/icons";
import { Alert, Card, Empty, List, Skeleton, Tag, Typography } from "antd";
import { Link, useParams } from "react-router-dom";
import { errorText } from "../api/client";
import { useAsync } from "../hooks/useAsync";
import { useLang } from "../i18n/text";
import DesignReportLink from "../reportdesigner/DesignReportLink";
import DraftReportsMenu from "../reportdesigner/DraftReportsMenu";
import NewReportButton from "../reportdesigner/NewReportButton";
import { reportsApi } from "./api";
import { useReportsText } from "./i18n";
import "./reports.css";

export default function ReportsPage() {
  const { app = "" } = useParams();
  const { t } = useReportsText();
  const { lang, tx } = useLang();
  const dashboards = useAsync(() => reportsApi.dashboards(app), [app]);
  const reports = useAsync(() => reportsApi.reports(app), [app]);
  const chartOf = (chart: unknown) => (typeof chart === "string" ? chart : String((chart as { type?: unknown } | null)?.type ?? ""));
  const count = (tiles: unknown) => (Array.isArray(tiles) ? tiles.length : typeof tiles === "number" ? tiles : null);

  return (
    <div className="trr-page" data-testid="reports-page">
      <div className="trellis-page-title"><h2>{t("title")}</h2><span style={{ flex: 1 }} /><DraftReportsMenu app={app} /><NewReportButton app={app} /></div>

      <Typography.Title level={5} className="trr-section">{t("dashboards")}</Typography.Title>
      {dashboards.error ? <Alert type="warning" showIcon title={errorText(dashboards.error, lang)} /> : null}
      {dashboards.loading && !dashboards.data ? <Skeleton active /> : null}
      {dashboards.data && dashboards.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("noDashboards")} /> : null}
      <div className="trr-cards">
        {(dashboards.data ?? []).map((d) => (
          <Link key={d.id} to={`/apps/${app}/dashboards/${d.id}`} data-testid={`dashboard-card-${d.id}`}>
            <Card hoverable size="small" className="trr-dash-card">
              <div className="trr-dash-card-head">
                <DashboardOutlined className="trr-dash-icon" />
                <span className="trr-dash-title">{tx(d.label, d.id)}</span>
              </div>
              {d.description ? <div className="trr-muted trr-clamp">{tx(d.description)}</div> : null}
              {count(d.tiles) != null ? <div className="trr-muted trr-small">{t("tiles", { n: count(d.tiles) })}</div> : null}
            </Card>
          </Link>
        ))}
      </div>

      <Typography.Title level={5} className="trr-section">{t("reports")}</Typography.Title>
      {reports.error ? <Alert type="warning" showIcon title={errorText(reports.error, lang)} /> : null}
      <List
        className="trr-report-list"
        loading={reports.loading && !reports.data}
        dataSource={reports.data ?? []}
        locale={{ emptyText: t("noReports") }}
        renderItem={(r) => (
          <List.Item key={r.id} extra={<Tag>{t(`charts.${chartOf(r.chart)}`, { defaultValue: chartOf(r.chart) })}</Tag>}
            actions={[<DesignReportLink key="design" app={app} report={r.id} />]}>
            <List.Item.Meta
              avatar={<BarChartOutlined className="trr-report-icon" />}
              title={<Link to={`/apps/${app}/reports/${r.id}`} data-testid={`report-link-${r.id}`}>{tx(r.label, r.id)}</Link>}
              description={r.description ? tx(r.description) : null}
            />
          </List.Item>
        )}
      />
    </div>
  );
}
