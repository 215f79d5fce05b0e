/** The comparison with the previous period: a date field of the form and a period; the
 * report's figures are then the current period's (the one holding today) beside the one
 * before. The server's problems with it underneath. */
import { Select, Switch } from "antd";
import { useLang } from "../i18n/text";
import { useDesigner } from "./designerContext";
import { useDesignerText } from "./i18n";
import { PERIODS, setCompare, type Period } from "./model";
import ProblemNote from "./ProblemNote";

export default function CompareSection() {
  const { t } = useDesignerText();
  const { tx } = useLang();
  const { def, change, groups } = useDesigner();
  const dates = (groups[0]?.fields ?? []).filter((f) => f.periods && f.own);
  const compare = def.compare;
  const firstDate = def.dimensions.find((d) => dates.some((f) => f.path === d.field))?.field ?? dates[0]?.path;
  return (
    <section className="trd-section" data-testid="rd-compare">
      <div className="trd-section-head">
        <Switch size="small" checked={Boolean(compare)} disabled={!dates.length && !compare} data-testid="rd-compare-switch"
          onChange={(on) => change((d) => setCompare(d, on && firstDate ? { field: firstDate, period: "month" } : null))} />
        <span className="trd-section-title">{t("compare.title")}</span>
      </div>
      <div className="trd-muted trd-small">{dates.length || compare ? t("compare.help") : t("compare.noDates")}</div>
      {compare && (
        <div className="trd-row">
          <Select size="small" value={compare.field} className="trd-grow-select" aria-label={t("compare.field")}
            options={dates.map((f) => ({ value: f.path, label: tx(f.label, f.path) }))} data-testid="rd-compare-field"
            onChange={(field: string) => change((d) => setCompare(d, { ...compare, field }))} />
          <Select size="small" value={compare.period} style={{ width: 90 }} aria-label={t("compare.period")}
            options={PERIODS.map((p) => ({ value: p, label: t(`periods.${p}`) }))} data-testid="rd-compare-period"
            onChange={(period: Period) => change((d) => setCompare(d, { ...compare, period }))} />
        </div>
      )}
      <ProblemNote at="compare" />
    </section>
  );
}
