/** The `kpi` chart: the headline measure's total in large figures (kpi.ts picks it), its
 * change against the previous period (↑ green / ↓ red), a sparkline of its rows when the
 * report has them, and the report's other measures as smaller figures. Clicking the figure
 * drills down to all of its records. */
import { useMemo } from "react";
import type { Lang } from "../i18n";
import { textOf } from "../i18n/text";
import { formatFigure } from "./format";
import { useReportsText } from "./i18n";
import { kpiFigures } from "./kpi";
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
  const k = useMemo(() => kpiFigures(data), [data]);
  const spark = useMemo(() => (k?.points.length ? sparklineSpec(k.points) : null), [k]);
  if (!k) return null;
  const { measure, change } = k;
  const arrow = change?.direction === "up" ? "↑" : change?.direction === "down" ? "↓" : "";
  return (
    <div className="trr-kpi" data-testid="report-kpi">
      <div className="trr-kpi-label">{textOf(measure.label, lang, measure.id)}</div>
      <div className={`trr-kpi-value${onDrill ? " trr-clickable" : ""}`} title={formatFigure(k.value, measure.format, lang)}
        onClick={onDrill ? () => onDrill({}) : undefined} data-testid="kpi-value">
        {formatFigure(k.value, measure.format, lang, { compact: true })}
      </div>
      {data.previous ? (
        <div className="trr-kpi-change">
          {change ? (
            <span className={`trr-kpi-${change.direction}`} data-testid="kpi-change">
              {arrow} {formatFigure(Math.abs(change.ratio), "percent", lang)}
            </span>
          ) : null}
          <span className="trr-muted">
            {k.previous != null ? t("kpi.previous", { v: formatFigure(k.previous, measure.format, lang, { compact: true }) })
              : t("kpi.noPrevious")}
          </span>
        </div>
      ) : null}
      {k.others.length ? (
        <div className="trr-kpi-others">
          {k.others.map((o) => (
            <span key={o.measure.id}>
              {textOf(o.measure.label, lang, o.measure.id)} <b>{formatFigure(o.value, o.measure.format, lang, { compact: true })}</b>
            </span>
          ))}
        </div>
      ) : null}
      {spark ? <VegaChart spec={spark} lang={lang} fillHeight className="trr-kpi-spark" /> : null}
    </div>
  );
}
