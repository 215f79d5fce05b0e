/** The options of the chosen chart type: bars stacked or grouped and horizontal, a pie as a
 * donut, a pivot's dimensions on its rows or columns and its subtotals, a KPI card's headline
 * measure. */
import { Radio, Segmented, Select, Switch } from "antd";
import { useLang } from "../i18n/text";
import { pivotAxes, placeOnAxis } from "./charts";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { setChartOption } from "./model";

export default function ChartOptions() {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, change, fields } = useDesigner();
  const { chart } = def;
  const option = (key: string, value: unknown) => change((d) => setChartOption(d, key, value));

  if (chart.type === "bar") {
    return (
      <div className="trd-chart-options" data-testid="rd-chart-options">
        <Segmented size="small" value={chart.stack === false ? "grouped" : "stacked"} data-testid="rd-bar-stack"
          onChange={(v) => option("stack", v === "grouped" ? false : undefined)}
          options={[{ value: "stacked", label: t("chart.stacked") }, { value: "grouped", label: t("chart.grouped") }]} />
        <label className="trd-switch"><Switch size="small" checked={chart.horizontal === true} data-testid="rd-bar-horizontal"
          onChange={(on) => option("horizontal", on || undefined)} /> {t("chart.horizontal")}</label>
      </div>
    );
  }
  if (chart.type === "pie") {
    return (
      <div className="trd-chart-options" data-testid="rd-chart-options">
        <label className="trd-switch"><Switch size="small" checked={chart.donut === true} data-testid="rd-pie-donut"
          onChange={(on) => option("donut", on || undefined)} /> {t("chart.donut")}</label>
      </div>
    );
  }
  if (chart.type === "pivot") {
    const dims = def.dimensions.map((d) => d.field);
    const axes = pivotAxes(chart, dims);
    return (
      <div className="trd-chart-options trd-pivot-options" data-testid="rd-chart-options">
        <div className="trd-muted trd-small">{t("chart.pivotHelp")}</div>
        {def.dimensions.map((d) => (
          <div key={d.field} className="trd-row">
            <span className="trd-grow trd-ellipsis">{tx(d.label, "") || tx(fields.get(d.field)?.label, d.field)}</span>
            <Radio.Group size="small" optionType="button" value={axes.columns.includes(d.field) ? "columns" : "rows"}
              data-testid={`rd-pivot-axis-${d.field}`}
              onChange={(e) => change((x) => ({ ...x, chart: placeOnAxis(x.chart, dims, d.field, e.target.value as "rows" | "columns") }))}
              options={[{ value: "rows", label: t("chart.rows") }, { value: "columns", label: t("chart.columns") }]} />
          </div>
        ))}
        <label className="trd-switch"><Switch size="small" checked={chart.subtotals !== false} data-testid="rd-pivot-subtotals"
          onChange={(on) => option("subtotals", on ? undefined : false)} /> {t("chart.subtotals")}</label>
      </div>
    );
  }
  if (chart.type === "kpi" && def.measures.length > 1) {
    return (
      <div className="trd-chart-options" data-testid="rd-chart-options">
        <span title={t("chart.headlineHelp")}>{t("chart.headline")}</span>
        <Select size="small" className="trd-grow-select" value={(chart.measure as string | undefined) ?? def.measures[0].id}
          data-testid="rd-kpi-measure" onChange={(id: string) => option("measure", id === def.measures[0].id ? undefined : id)}
          options={def.measures.map((m) => ({ value: m.id, label: tx(m.label, m.id) }))} />
      </div>
    );
  }
  return null;
}
