/** One report's figures as the reader sees them: the server's Vega-Lite spec drawn with
 * vega-embed, or, when it sends none, the chart the browser draws (table, pivot, KPI card);
 * under it the figures' age and query time. Clicking a mark, a row or a cell drills down to
 * the records behind it (the grid, filtered). In a dashboard tile it fills its box. */
import { Empty } from "antd";
import type { View } from "vega";
import type { ComponentType } from "react";
import type { JsonLogic } from "../api/types";
import type { Lang } from "../i18n";
import DataTable from "./DataTable";
import { useReportsText } from "./i18n";
import KpiCard from "./KpiCard";
import PivotTable from "./PivotTable";
import ReportFooter from "./ReportFooter";
import type { Cell, ReportData, ReportResponse } from "./types";
import { useDrill } from "./useDrill";
import VegaChart from "./VegaChart";
import { atOfDatum } from "./vegaSpec";

interface DrawnProps {
  data: ReportData;
  lang: Lang;
  onDrill?: (at: Record<string, Cell>) => void;
}

/** The charts drawn by the browser, by the server's chart type (an unknown one: a table). */
const DRAWN: Record<string, ComponentType<DrawnProps>> = { table: DataTable, pivot: PivotTable, kpi: KpiCard };

export interface ReportViewProps {
  report: ReportResponse;
  lang: Lang;
  app: string;
  /** the rule the figures were computed under (a tile's `applied`), kept for the drill-down */
  filters?: JsonLogic;
  /** fill a dashboard tile's box (the card shows the title) */
  inTile?: boolean;
  /** the drawn Vega view (null when gone), for PNG / SVG downloads */
  onView?: (view: View | null) => void;
}

export function ReportView({ report, lang, app, filters, inTile, onView }: ReportViewProps) {
  const { t } = useReportsText();
  const drill = useDrill(app, report.report, filters, lang);
  const { data } = report;
  const onDrill = (at: Record<string, Cell>) => void drill(at);
  const onDatum = (datum: unknown) => {
    const at = atOfDatum(datum, data.columns);
    if (at) onDrill(at);
  };
  const chart = report.chart || data.chart?.type;
  const Drawn = DRAWN[chart] ?? DataTable;
  const empty = data.rows.length === 0 && !(chart === "kpi" && Object.keys(data.totals ?? {}).length);

  let body;
  if (empty) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("empty")} />;
  else if (report.spec) {
    body = <VegaChart spec={report.spec} lang={lang} fillHeight untitled={inTile} onDatum={onDatum} onView={onView}
      className="trr-chart-box" testId="report-chart" />;
  } else body = <Drawn data={data} lang={lang} onDrill={onDrill} />;

  return (
    <div className={`trr-view${inTile ? " trr-in-tile" : ""}`} data-testid="report-view" data-report={report.report}
      data-chart={chart}>
      <div className={`trr-body${report.spec && !empty ? " trr-body-chart" : ""}`}>{body}</div>
      <ReportFooter data={data} />
    </div>
  );
}

export default ReportView;
