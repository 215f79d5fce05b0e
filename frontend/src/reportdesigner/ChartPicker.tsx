/** The chart types as small icon buttons; those that cannot show this many dimensions and
 * measures are dimmed, saying what they need (still pickable: the server says why not). */
import { Tooltip } from "antd";
import ChartIcon from "./ChartIcon";
import { CHART_TYPES, chartFits } from "./charts";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { setChartType } from "./model";

export default function ChartPicker() {
  const { t } = useDesignerText();
  const { def, change } = useDesigner();
  const dims = def.dimensions.length;
  const measures = def.measures.length;
  const range = ([lo, hi]: [number, number]) => (lo === hi ? String(lo) : t("chart.range", { lo, hi }));
  return (
    <div className="trd-charts" role="radiogroup" aria-label={t("chart.title")}>
      {CHART_TYPES.map((c) => {
        const fits = chartFits(c.key, dims, measures);
        const chosen = def.chart.type === c.key;
        return (
          <Tooltip key={c.key} title={fits ? undefined : t("chart.fits", { d: range(c.dimensions), m: range(c.measures) })}>
            <button type="button" role="radio" aria-checked={chosen} data-testid={`rd-chart-${c.key}`}
              className={`trd-chart${chosen ? " trd-chart-on" : ""}${fits ? "" : " trd-chart-unfit"}`}
              onClick={() => change((d) => setChartType(d, c.key))}>
              <span className="trd-chart-icon"><ChartIcon type={c.key} /></span>
              <span className="trd-chart-name">{t(`chart.types.${c.key}`)}</span>
            </button>
          </Tooltip>
        );
      })}
    </div>
  );
}
