/** The `kpi` chart: the first measure's total in large figures, its change against the
 * previous period (↑ green / ↓ red), and a sparkline of the rows when the report has them.
 * Clicking the figure drills down to all of its records. */
import { useMemo } from "react";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { changeOf, formatFigure } from "./format";
import { useReportsText } from "./i18n";
import type { Cell, ReportData } from "./types";
import VegaChart from "./VegaChart";
import { sparklineSpec } from "./vegaSpec";

export interface KpiCardProps {
  data: ReportData;
  lang: Lang;
  onDrill?: (at: Record<string, Cell>) => void;
}

export default function KpiCard({ data, lang, onDrill }: KpiCardProps) {
  const { t } = useReportsText();
  const measureAt = data.columns.findIndex((c) => c.kind === "measure");
  const measure = data.columns[measureAt];
  const dimAt = data.columns.findIndex((c) => c.kind === "dimension");
  const value = measure ? data.totals?.[measure.id] : null;
  const before = measure && data.previous ? data.previous.totals?.[measure.id] : null;
  const change = changeOf(value, before);
  const points = useMemo(() => (dimAt < 0 || measureAt < 0 ? [] : data.rows
    .filter((r) => typeof r[measureAt] === "number")
    .map((r) => ({ x: String(r[dimAt] ?? ""), y: r[measureAt] as number }))), [data.rows, dimAt, measureAt]);
  const spark = useMemo(() => (points.length > 1 ? sparklineSpec(points) : null), [points]);
  if (!measure) return null;
  const arrow = change?.direction === "up" ? "↑" : change?.direction === "down" ? "↓" : "";
  return (
    <div className="trr-kpi" data-testid="report-kpi">
      <div className="trr-kpi-label">{textOf(measure.label, lang, measure.id)}</div>
      <div className={`trr-kpi-value${onDrill ? " trr-clickable" : ""}`} title={formatFigure(value, measure.format, lang)}
        onClick={onDrill ? () => onDrill({}) : undefined} data-testid="kpi-value">
        {formatFigure(value, measure.format, lang, { compact: true })}
      </div>
      {data.previous ? (
        <div className="trr-kpi-change">
          {change ? (
            <span className={`trr-kpi-${change.direction}`} data-testid="kpi-change">
              {arrow} {formatFigure(Math.abs(change.ratio), "percent", lang)}
            </span>
          ) : null}
          <span className="trr-muted">
            {before != null ? t("kpi.previous", { v: formatFigure(before, measure.format, lang, { compact: true }) }) : t("kpi.noPrevious")}
          </span>
        </div>
      ) : null}
      {spark ? <VegaChart spec={spark} lang={lang} className="trr-kpi-spark" /> : null}
    </div>
  );
}
